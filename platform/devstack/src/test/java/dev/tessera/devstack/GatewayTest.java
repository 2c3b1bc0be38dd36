package dev.tessera.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.common.HttpLimits;
import dev.tessera.infra.Ports;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The gateway against a real HTTP backend: routing, forwarded headers, bodies, Graph errors. */
class GatewayTest {

    static Vertx vertx;
    static HttpServer backend;
    /** Every path the backend was asked for, as it received it. */
    static final List<String> RECEIVED = new CopyOnWriteArrayList<>();
    static Gateway gateway;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        // Echoes what it received, so the test sees the request as the service would.
        // With the services' decoder caps (quarkus.http.limits.* in graph-http), as it stands in for one.
        backend = vertx.createHttpServer(new HttpServerOptions()
                .setMaxInitialLineLength(HttpLimits.DECODER_MAX_INITIAL_LINE_LENGTH)
                .setMaxHeaderSize(HttpLimits.DECODER_MAX_HEADER_SIZE)).requestHandler(request -> request.body().onSuccess(body -> RECEIVED.add(request.uri())).onSuccess(body -> {
                    if (!throttled(request)) {
                        request.response()
                .setStatusCode(request.method().name().equals("POST") ? 201 : 200)
                .putHeader("Content-Type", "application/json")
                .end(new JsonObject()
                        .put("method", request.method().name())
                        .put("path", request.path())
                        .put("query", request.query())
                        .put("body", body.toString())
                        .put("authorization", request.getHeader("Authorization"))
                        .put("forwardedHost", request.getHeader("X-Forwarded-Host"))
                        .put("forwardedProto", request.getHeader("X-Forwarded-Proto"))
                        .put("forwardedFor", request.getHeader("X-Forwarded-For"))
                        .put("forwarded", request.getHeader("Forwarded"))
                        .put("forwardedPrefix", request.getHeader("X-Forwarded-Prefix"))
                        .encode());
                    }
                }))
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        int nobodyListens = Ports.free();
        gateway = Gateway.start(0, Map.of(LocalStack.PROVISIONING, backend.actualPort(),
                LocalStack.REQUEST, backend.actualPort(), LocalStack.PIM, nobodyListens));
    }

    /** The backend's answer to a throttled caller, as a service gives it (ThrottleFilter). */
    static final String THROTTLED_BODY = "{\"error\":{\"code\":\"activityLimitReached\",\"message\":\"Too many requests from this caller. Retry after 37 seconds.\"}}";

    static boolean throttled(io.vertx.core.http.HttpServerRequest request) {
        if (!request.path().endsWith("/throttled")) {
            return false;
        }
        request.response().setStatusCode(429).putHeader("Content-Type", "application/json").putHeader("Retry-After", "37")
                .end(THROTTLED_BODY);
        return true;
    }

    @Test
    void aServicesThrottlingIsPassedOnAsIsWithItsRetryAfter() throws Exception {
        HttpResponse<String> response = send(to("/v1.0/users/throttled"));
        assertEquals(429, response.statusCode());
        assertEquals("37", response.headers().firstValue("Retry-After").orElse(null));
        assertEquals(THROTTLED_BODY, response.body());
    }

    @AfterAll
    static void stop() {
        gateway.close();
        vertx.close();
    }

    static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpRequest.Builder to(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + gateway.port() + path));
    }

    @Test
    void proxiesToTheOwningServiceWithForwardedHeaders() throws Exception {
        HttpResponse<String> response = send(to("/v1.0/users?$top=2").header("Authorization", "Bearer abc"));
        assertEquals(200, response.statusCode());
        JsonObject seen = new JsonObject(response.body());
        assertEquals("/v1.0/users", seen.getString("path"));
        assertEquals("$top=2", seen.getString("query"));
        assertEquals("Bearer abc", seen.getString("authorization"));
        assertEquals("localhost:" + gateway.port(), seen.getString("forwardedHost"));
        assertEquals("http", seen.getString("forwardedProto"));
        assertEquals("127.0.0.1", seen.getString("forwardedFor"));
    }

    @Test
    void passesRequestBodiesAndStatusCodesThrough() throws Exception {
        String json = "{\"requestType\":\"userAdd\"}";
        HttpResponse<String> response = send(to("/v1.0/identityGovernance/entitlementManagement/assignmentRequests")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
        assertEquals(201, response.statusCode());
        JsonObject seen = new JsonObject(response.body());
        assertEquals("POST", seen.getString("method"));
        assertEquals(json, seen.getString("body"));
    }

    @Test
    void unknownPathsGetAGraphNotFound() throws Exception {
        HttpResponse<String> response = send(to("/v1.0/nothing"));
        assertEquals(404, response.statusCode());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
        JsonObject error = new JsonObject(response.body()).getJsonObject("error");
        assertEquals("itemNotFound", error.getString("code"));
        assertTrue(error.getString("message").contains("/v1.0/nothing"));
    }

    @Test
    void aServiceThatIsDownGetsAGraphServiceUnavailable() throws Exception {
        HttpResponse<String> response = send(to("/v1.0/roleManagement/directory/roleDefinitions"));
        assertEquals(503, response.statusCode());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
        assertTrue(response.headers().firstValue("Retry-After").isPresent());
        assertEquals("serviceNotAvailable", new JsonObject(response.body()).getJsonObject("error").getString("code"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "/v1.0/users/../../q/metrics",
            "/v1.0/users/../../q/openapi",
            "/v1.0/users/%2e%2e/%2e%2e/q/metrics",
            "/v1.0/users/%2E%2e/%2e%2E/q/openapi",
            "/v1.0/users/.%2e/%2E./internal/v1/catalogs",
            "/v1.0/users/..%2f..%2fq%2fmetrics",
            "/v1.0/users%2f..%2f..%2fq%2fmetrics",
            "/v1.0/users/%2e%2e%2F%2e%2e%2Fq%2Fmetrics",
            "/v1.0/users/%252e%252e/%252e%252e/q/metrics",
            "/v1.0/users/..;x=1/..;/q/metrics",
            "/v1.0/users/..%5c..%5cq%5cmetrics",
            "/v1.0/users/./x",
            "/v1.0/users/%2e",
            "/v1.0/users/x/.."})
    void dotSegmentsHoweverSpelledAreRefusedWithAGraphErrorAndNeverForwarded(String path) throws Exception {
        int before = RECEIVED.size();
        HttpResponse<String> response = send(to(path));
        assertEquals(400, response.statusCode(), path);
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
        JsonObject error = new JsonObject(response.body()).getJsonObject("error");
        assertEquals("invalidRequest", error.getString("code"));
        assertTrue(error.getJsonObject("innerError").containsKey("request-id"));
        assertEquals(before, RECEIVED.size(), "nothing reached a service for " + path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/q/metrics", "/q/openapi", "/q/health/ready", "/internal/v1/catalogs/x/resources",
            "/v1.0/internal/v1/catalogs", "/V1.0/users", "/v1.0/%75sers"})
    void onlyTheGraphRootsAreRouted(String path) throws Exception {
        int before = RECEIVED.size();
        HttpResponse<String> response = send(to(path).header("Authorization", "Bearer abc"));
        assertEquals(404, response.statusCode(), path);
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
        assertEquals("itemNotFound", new JsonObject(response.body()).getJsonObject("error").getString("code"));
        assertEquals(before, RECEIVED.size(), "nothing reached a service for " + path);
    }

    @Test
    void thePathIsForwardedExactlyAsChecked() throws Exception {
        HttpResponse<String> response = send(to("/v1.0/users/a%20b/memberOf?$filter=id%20eq%20'x'"));
        assertEquals(200, response.statusCode());
        JsonObject seen = new JsonObject(response.body());
        assertEquals("/v1.0/users/a%20b/memberOf", seen.getString("path"));
        assertEquals("$filter=id%20eq%20'x'", seen.getString("query"));
    }

    @Test
    void anAbsoluteRequestTargetIsCheckedAndForwardedInOriginForm() throws Exception {
        String host = "localhost:" + gateway.port();
        assertTrue(rawRequest("GET http://" + host + "/v1.0/users/../../q/metrics HTTP/1.1").startsWith("HTTP/1.1 400"));
        assertTrue(rawRequest("GET /v1.0/users/%zz/../x HTTP/1.1").startsWith("HTTP/1.1 400"), "a malformed escape");
        int before = RECEIVED.size();
        String answer = rawRequest("GET http://" + host + "/v1.0/users/x?$top=1 HTTP/1.1");
        assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
        assertEquals("/v1.0/users/x?$top=1", RECEIVED.get(before));
    }

    @Test
    void forwardedHeadersFromTheClientAreNotPassedOn() throws Exception {
        HttpResponse<String> response = send(to("/v1.0/users").header("X-Forwarded-Host", "evil.example")
                .header("X-Forwarded-Prefix", "/evil").header("Forwarded", "host=evil.example;proto=https")
                .header("X-Forwarded-Proto", "https"));
        JsonObject seen = new JsonObject(response.body());
        assertEquals("localhost:" + gateway.port(), seen.getString("forwardedHost"));
        assertEquals("http", seen.getString("forwardedProto"));
        assertEquals(null, seen.getString("forwardedPrefix"));
        assertEquals(null, seen.getString("forwarded"));
    }

    /** Status, headers and body of a request written by hand (head: request line and headers, no blank line). */
    static String[] rawAnswer(String head) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", gateway.port())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write((head + "\r\nHost: localhost:" + gateway.port() + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String text = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int end = text.indexOf("\r\n\r\n");
            assertTrue(end > 0, text);
            return new String[] {text.substring(0, end), text.substring(end + 4)};
        }
    }

    static void assertGraphError(String head, int status, String code) throws Exception {
        int before = RECEIVED.size();
        String[] answer = rawAnswer(head);
        // HTTP/1.0 when the decoder gave up before it read the version
        assertTrue(answer[0].matches("(?s)HTTP/1\\.[01] " + status + " .*"), answer[0]);
        assertTrue(answer[0].toLowerCase().contains("content-type: application/json"), answer[0]);
        JsonObject error = new JsonObject(answer[1]).getJsonObject("error");
        assertEquals(code, error.getString("code"), answer[1]);
        assertTrue(error.getJsonObject("innerError").containsKey("request-id"));
        assertEquals(before, RECEIVED.size(), "nothing reached a service");
    }

    /** Issue 15, item 4: the gateway's limits are the services' (HttpLimits), every refusal a Graph error. */
    @Test
    void requestsOverTheLimitsAreRefusedWithGraphErrors() throws Exception {
        assertGraphError("GET /v1.0/users?$filter=" + "a".repeat(HttpLimits.MAX_URI_LENGTH) + " HTTP/1.1", 414,
                "RequestUriTooLong");
        // over the decoder's own cap too: the invalid-request handler answers, not Vert.x's empty 414
        assertGraphError("GET /v1.0/users?$filter=" + "a".repeat(HttpLimits.DECODER_MAX_INITIAL_LINE_LENGTH) + " HTTP/1.1",
                414, "RequestUriTooLong");
        assertGraphError("GET /v1.0/users HTTP/1.1\r\nX-Padding: " + "p".repeat(HttpLimits.MAX_HEADER_SIZE), 431,
                "RequestHeaderFieldsTooLarge");
        assertGraphError("GET /v1.0/users HTTP/1.1\r\nX-Padding: " + "p".repeat(HttpLimits.DECODER_MAX_HEADER_SIZE), 431,
                "RequestHeaderFieldsTooLarge");
        assertGraphError("POST /v1.0/users HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: "
                + (HttpLimits.MAX_BODY_SIZE + 1), 413, "RequestEntityTooLarge");
        assertGraphError("GET /v1.0/users/{id} HTTP/1.1", 400, "BadRequest");
        assertGraphError("GET /v1.0/users?$filter=%zz HTTP/1.1", 400, "BadRequest");
        assertGraphError("GET /v1.0/users HTTP/1.1\r\nAccept: application/json;q=abc", 400, "BadRequest");
    }

    /** A POST written by hand with a chunked body of {@code size} bytes of JSON whitespace and {@code {}}. */
    static String[] chunkedPost(long size, String contentType) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", gateway.port())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1.0/users HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Type: " + contentType
                    + "\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[(int) Math.min(size, 64 * 1024)];
            java.util.Arrays.fill(chunk, (byte) ' ');
            chunk[0] = '{';
            chunk[chunk.length - 1] = '}';
            try {
                for (long sent = 0; sent < size; sent += chunk.length) {
                    out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(chunk);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (java.io.IOException closedEarly) {
                // the gateway may answer and close before it has read the whole body
            }
            java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
            try {
                socket.getInputStream().transferTo(all);
            } catch (java.io.IOException reset) {
                // a reset after the answer: keep what arrived
            }
            String text = all.toString(StandardCharsets.UTF_8);
            int end = text.indexOf("\r\n\r\n");
            assertTrue(end > 0, text);
            return new String[] {text.substring(0, end), text.substring(end + 4)};
        }
    }

    /** Issue 15, item 4: a chunked body over the limit is the services' 413 Graph error, not a 503. */
    @Test
    void aChunkedBodyOverTheLimitIsA413GraphErrorAndASmallOneIsProxiedWhole() throws Exception {
        int before = RECEIVED.size();
        String[] answer = chunkedPost(HttpLimits.MAX_BODY_SIZE + 64 * 1024, "application/json");
        assertTrue(answer[0].startsWith("HTTP/1.1 413 "), answer[0]);
        assertTrue(answer[0].toLowerCase().contains("content-type: application/json"), answer[0]);
        assertEquals("RequestEntityTooLarge", new JsonObject(answer[1]).getJsonObject("error").getString("code"));
        assertEquals(before, RECEIVED.size(), "nothing reached a service");

        String[] small = chunkedPost(3 * 64 * 1024, "application/json");
        assertTrue(small[0].startsWith("HTTP/1.1 201 "), small[0]);
        assertEquals(3 * 64 * 1024, new JsonObject(small[1]).getString("body").length());
    }

    /** Issue 15, item 7: a body must be JSON and not content-coded, at the gateway as in the services. */
    @Test
    void aBodyThatIsNotPlainJsonIs415() throws Exception {
        assertGraphError("POST /v1.0/users HTTP/1.1\r\nContent-Type: text/plain\r\nContent-Length: 2", 415,
                "UnsupportedMediaType");
        assertGraphError("POST /v1.0/users HTTP/1.1\r\nContent-Length: 2", 415, "UnsupportedMediaType");
        assertGraphError("POST /v1.0/users HTTP/1.1\r\nContent-Type: application/json\r\nContent-Encoding: gzip"
                + "\r\nContent-Length: 2", 415, "UnsupportedMediaType");
        String[] chunkedXml = chunkedPost(2, "application/xml");
        assertTrue(chunkedXml[0].startsWith("HTTP/1.1 415 "), chunkedXml[0]);
        HttpResponse<String> bodyless = send(to("/v1.0/identityGovernance/entitlementManagement/assignmentRequests/x/cancel")
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(201, bodyless.statusCode(), bodyless.body());
    }

    @Test
    void aNineKilobyteHeaderIsProxiedAsTheServicesAcceptIt() throws Exception {
        HttpResponse<String> response = send(to("/v1.0/users").header("X-Padding", "p".repeat(9 * 1024)));
        assertEquals(200, response.statusCode());
    }

    /** One HTTP/1.1 request written by hand (for request forms java.net.http does not send); the status line and headers. */
    static String rawRequest(String requestLine) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", gateway.port())) {
            OutputStream out = socket.getOutputStream();
            out.write((requestLine + "\r\nHost: localhost:" + gateway.port() + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            StringBuilder answer = new StringBuilder();
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                answer.append(line).append('\n');
            }
            return answer.toString();
        }
    }
}
