package dev.tessera.pim.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.common.HttpLimits;
import dev.tessera.testsupport.TesseraInfraResource;
import dev.tessera.testsupport.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What the HTTP layer refuses before anything is routed carries a Graph error body with a JSON content
 * type and the right status (issue 15, items 3 and 4): these requests went out empty (414, 431, 413,
 * 400) or as a 500 (an unparseable Accept header). Sent over a raw socket: REST Assured cannot send
 * most of them. The limits are the platform's (dev.tessera.common.HttpLimits), the same in every service.
 */
@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class HttpRejectionsTest {

    static final String DEFINITIONS = "/v1.0/roleManagement/directory/roleDefinitions";

    @TestHTTPResource("/")
    URL base;

    record Answer(int status, Map<String, String> headers, String body) {
        JsonNode json() throws IOException {
            return new ObjectMapper().readTree(body);
        }
    }

    /** Sends {@code head} (request line and headers, without the blank line) and then {@code body}. */
    Answer send(String head, byte[] body) throws IOException {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write((head + "\r\nHost: localhost\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                try {
                    out.write(body);
                } catch (IOException closedEarly) {
                    // the server may answer and close before it has read the whole body
                }
            }
            out.flush();
            return read(socket.getInputStream());
        }
    }

    static Answer read(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) > 0;) {
                all.write(buffer, 0, n);
            }
        } catch (IOException reset) {
            // a reset after the answer: keep what arrived
        }
        String text = all.toString(StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        assertTrue(end > 0, "an HTTP answer, got: " + text);
        String[] lines = text.substring(0, end).split("\r\n");
        Map<String, String> headers = new TreeMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        return new Answer(Integer.parseInt(lines[0].split(" ")[1]), headers, text.substring(end + 4));
    }

    static void assertGraphError(Answer answer, int status, String code) throws IOException {
        assertEquals(status, answer.status(), answer.toString());
        assertTrue(answer.headers().getOrDefault("content-type", "").startsWith("application/json"), answer.toString());
        JsonNode error = answer.json().path("error");
        assertEquals(code, error.path("code").asText(), answer.toString());
        assertTrue(error.path("message").asText().length() > 10, answer.toString());
        assertTrue(error.path("innerError").hasNonNull("request-id"), answer.toString());
    }

    @Test
    void aUriOverTheLimitIs414WithAGraphError() throws IOException {
        String uri = DEFINITIONS + "?$filter=" + "a".repeat(HttpLimits.MAX_URI_LENGTH);
        assertGraphError(send("GET " + uri + " HTTP/1.1", null), 414, "RequestUriTooLong");
    }

    @Test
    void headersOverTheLimitAre431WithAGraphErrorAndA9KbHeaderIsFine() throws IOException {
        String big = "X-Padding: " + "p".repeat(HttpLimits.MAX_HEADER_SIZE);
        assertGraphError(send("GET " + DEFINITIONS + " HTTP/1.1\r\n" + big, null), 431, "RequestHeaderFieldsTooLarge");
        // what the gateway refused before: a 9 KB header is under both limits
        String nineKb = "X-Padding: " + "p".repeat(9 * 1024);
        Answer fine = send("GET " + DEFINITIONS + " HTTP/1.1\r\nAuthorization: Bearer " + token() + "\r\n" + nineKb, null);
        assertEquals(200, fine.status(), fine.toString());
    }

    @Test
    void aBodyOverTheLimitIs413WithAGraphError() throws IOException {
        long length = HttpLimits.MAX_BODY_SIZE + 1;
        Answer answer = send("POST /v1.0/roleManagement/directory/roleEligibilityScheduleRequests HTTP/1.1\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + length, new byte[64 * 1024]);
        assertGraphError(answer, 413, "RequestEntityTooLarge");
    }

    @Test
    void badPercentEncodingAndRawBracesAre400WithAGraphError() throws IOException {
        for (String uri : List.of(DEFINITIONS + "/%zz", DEFINITIONS + "?$filter=displayName%2", DEFINITIONS + "/{id}",
                DEFINITIONS + "?$filter={", DEFINITIONS + "/a|b", DEFINITIONS + "?x=\"")) {
            assertGraphError(send("GET " + uri + " HTTP/1.1", null), 400, "BadRequest");
        }
    }

    @Test
    void anUnparseableAcceptHeaderIs400WithAGraphError() throws IOException {
        for (String accept : List.of("application/json;q=abc", "application/json;q=2", "json", "/", "application/",
                "application/json;=x", "application/json;charset", "text/html;;q=0.1,application/json;q=x")) {
            Answer answer = send("GET " + DEFINITIONS + " HTTP/1.1\r\nAuthorization: Bearer " + token()
                    + "\r\nAccept: " + accept, null);
            assertGraphError(answer, 400, "BadRequest");
        }
    }

    @Test
    void usualAcceptHeadersAreAccepted() throws IOException {
        // the second is what java.net.HttpURLConnection sends by default
        for (String accept : List.of("application/json", "*/*", "text/html, image/gif, image/jpeg, *; q=.2, */*; q=.2",
                "application/json;odata.metadata=minimal;odata.streaming=true, text/plain;q=0.5", "application/json; charset=\"utf-8\"",
                "application/json,")) {
            Answer answer = send("GET " + DEFINITIONS + " HTTP/1.1\r\nAuthorization: Bearer " + token()
                    + "\r\nAccept: " + accept, null);
            assertNotEquals(400, answer.status(), accept + " -> " + answer);
            assertNotEquals(500, answer.status(), accept + " -> " + answer);
        }
    }

    static final String DEFINITION_JSON = "{\"displayName\":\"Strict %s\",\"isEnabled\":true,"
            + "\"rolePermissions\":[{\"allowedResourceActions\":[\"microsoft.directory/users/basic/update\"]}]}";

    Answer post(String path, String headers, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return send("POST " + path + " HTTP/1.1\r\nAuthorization: Bearer " + token()
                + (headers.isEmpty() ? "" : "\r\n" + headers) + "\r\nContent-Length: " + bytes.length, bytes);
    }

    @Test
    void aBodyWithoutOrWithAWrongContentTypeIs415WithAGraphError() throws IOException {
        String body = DEFINITION_JSON.formatted(UUID.randomUUID());
        for (String headers : List.of("", "Content-Type: text/plain", "Content-Type: application/xml",
                "Content-Type: application/x-www-form-urlencoded", "Content-Type: application/json; charset=iso-8859-1",
                "Content-Type: json")) {
            assertGraphError(post(DEFINITIONS, headers, body), 415, "UnsupportedMediaType");
        }
    }

    @Test
    void jsonInAnyCaseAndWithCharsetUtf8IsAccepted() throws IOException {
        for (String type : List.of("application/json", "Application/JSON", "application/json; charset=utf-8",
                "application/json;charset=UTF-8", "application/json; odata.metadata=minimal")) {
            Answer answer = post(DEFINITIONS, "Content-Type: " + type, DEFINITION_JSON.formatted(UUID.randomUUID()));
            assertEquals(201, answer.status(), type + " -> " + answer);
        }
    }

    @Test
    void aContentEncodingThatIsNotAppliedIs415WithAGraphError() throws IOException {
        String body = DEFINITION_JSON.formatted(UUID.randomUUID());
        for (String encoding : List.of("gzip", "br", "compress", "deflate", "identity, gzip", "x-unknown")) {
            Answer answer = post(DEFINITIONS, "Content-Type: application/json\r\nContent-Encoding: " + encoding, body);
            assertGraphError(answer, 415, "UnsupportedMediaType");
        }
        Answer identity = post(DEFINITIONS, "Content-Type: application/json\r\nContent-Encoding: identity",
                DEFINITION_JSON.formatted(UUID.randomUUID()));
        assertEquals(201, identity.status(), identity.toString());
    }

    @Test
    void aChunkedBodyOverTheLimitIs413WithAGraphError() throws IOException {
        byte[] chunk = new byte[64 * 1024];
        java.util.Arrays.fill(chunk, (byte) ' ');
        ByteArrayOutputStream chunked = new ByteArrayOutputStream();
        long sent = 0;
        while (sent <= HttpLimits.MAX_BODY_SIZE) {
            chunked.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            chunked.write(chunk);
            chunked.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            sent += chunk.length;
        }
        chunked.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        Answer answer = send("POST " + DEFINITIONS + " HTTP/1.1\r\nAuthorization: Bearer " + token()
                + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked", chunked.toByteArray());
        assertGraphError(answer, 413, "RequestEntityTooLarge");
    }

    @Test
    void aSmallChunkedJsonBodyIsRead() throws IOException {
        byte[] json = DEFINITION_JSON.formatted(UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream chunked = new ByteArrayOutputStream();
        chunked.write((Integer.toHexString(json.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        chunked.write(json);
        chunked.write("\r\n0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        Answer answer = send("POST " + DEFINITIONS + " HTTP/1.1\r\nAuthorization: Bearer " + token()
                + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked", chunked.toByteArray());
        assertEquals(201, answer.status(), answer.toString());
    }

    static String token() {
        return Tokens.admin(UUID.randomUUID().toString(), "Privileged Role Administrator");
    }
}
