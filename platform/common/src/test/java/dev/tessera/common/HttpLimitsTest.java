package dev.tessera.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpLimitsTest {

    static List<Map.Entry<String, String>> headers(String... nameValues) {
        java.util.ArrayList<Map.Entry<String, String>> list = new java.util.ArrayList<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            list.add(Map.entry(nameValues[i], nameValues[i + 1]));
        }
        return list;
    }

    static int status(String uri, String... headers) {
        return HttpLimits.refusal(uri, headers(headers)).map(HttpLimits.Refusal::status).orElse(0);
    }

    @Test
    void eachLimitHasItsStatus() {
        assertEquals(0, status("/v1.0/groups?$filter=displayName%20eq%20'x'&$top=5"));
        assertEquals(414, status("/" + "a".repeat(HttpLimits.MAX_URI_LENGTH)));
        assertEquals(0, status("/" + "a".repeat(HttpLimits.MAX_URI_LENGTH - 1)));
        assertEquals(431, status("/", "X-Big", "b".repeat(HttpLimits.MAX_HEADER_SIZE)));
        assertEquals(0, status("/", "X-Nine", "b".repeat(9 * 1024)));
        assertEquals(0, status("/", "X-Forwarded-Host", "b".repeat(HttpLimits.MAX_HEADER_SIZE)), "set by the gateway");
        assertEquals(413, status("/", "Content-Length", String.valueOf(HttpLimits.MAX_BODY_SIZE + 1)));
        assertEquals(0, status("/", "Content-Length", String.valueOf(HttpLimits.MAX_BODY_SIZE)));
        assertEquals(400, status("/", "Content-Length", "ten"));
        assertEquals(400, status("/", "Content-Length", "-1"));
    }

    static int bodyStatus(String method, String... headers) {
        return HttpLimits.bodyRefusal(method, headers(headers)).map(HttpLimits.Refusal::status).orElse(0);
    }

    @Test
    void aBodyMustBeUncodedJson() {
        assertEquals(0, bodyStatus("POST", "Content-Type", "application/json", "Content-Length", "2"));
        assertEquals(0, bodyStatus("PATCH", "content-type", "Application/JSON; charset=UTF-8", "Content-Length", "2"));
        assertEquals(0, bodyStatus("PUT", "Content-Type", "application/json;odata.metadata=minimal", "Content-Length", "2"));
        assertEquals(0, bodyStatus("POST"), "a body-less action");
        assertEquals(0, bodyStatus("POST", "Content-Length", "0"));
        assertEquals(0, bodyStatus("POST", "Content-Type", "text/plain", "Content-Length", "0"));
        assertEquals(0, bodyStatus("GET", "Content-Type", "text/plain", "Content-Length", "2"));
        assertEquals(0, bodyStatus("POST", "Content-Type", "application/json", "Content-Encoding", "identity",
                "Content-Length", "2"));
        assertEquals(415, bodyStatus("POST", "Content-Length", "2"));
        assertEquals(415, bodyStatus("POST", "Transfer-Encoding", "chunked"));
        assertEquals(415, bodyStatus("POST", "Content-Type", "text/plain", "Content-Length", "2"));
        assertEquals(415, bodyStatus("PATCH", "Content-Type", "application/xml", "Content-Length", "2"));
        assertEquals(415, bodyStatus("POST", "Content-Type", "application/json; charset=latin1", "Content-Length", "2"));
        assertEquals(415, bodyStatus("POST", "Content-Type", "application/jsonx", "Content-Length", "2"));
        for (String coding : List.of("gzip", "br", "compress", "deflate", "identity, gzip")) {
            assertEquals(415, bodyStatus("POST", "Content-Type", "application/json", "Content-Encoding", coding,
                    "Content-Length", "2"), coding);
        }
    }

    @Test
    void aUriMustBeWellFormed() {
        for (String bad : List.of("/a%zz", "/a%2", "/a%", "/{id}", "/a?b={", "/a|b", "/a b", "/a\"", "/a<b>", "/a\\b",
                "/a^b", "/a`b", "/a#b", "/a[0]", "/caf\u00e9", "/a\u0000")) {
            assertEquals(400, status(bad), bad);
        }
        for (String good : List.of("/v1.0/users/%00", "/a?$filter=x%20eq%20'y'&$select=a,b", "/a(b)!$*+;=:@~-._")) {
            assertEquals(0, status(good), good);
        }
    }

    @Test
    void acceptIsAListOfMediaRanges() {
        for (String good : List.of("application/json", "*/*", "*; q=.2", "text/html, image/gif, image/jpeg, *; q=.2, */*; q=.2",
                "application/json;odata.metadata=minimal", "application/json; charset=\"utf-8\"", "", " , ",
                "application/json;q=0.5", "application/json;q=1.000", "application/json;q=0")) {
            assertTrue(HttpLimits.isValidAccept(good), good);
        }
        for (String bad : List.of("json", "/", "application/", "/json", "application/json;q=abc", "application/json;q=2",
                "application/json;q=0.1234", "application/json;charset", "application/json;=x", "a b/c", "text/html;a=\"x")) {
            assertFalse(HttpLimits.isValidAccept(bad), bad);
        }
    }

    @Test
    void decoderFailuresMapToTheirStatus() {
        class TooLongHttpLineException extends RuntimeException {
        }
        class TooLongHttpHeaderException extends RuntimeException {
        }
        assertEquals(414, HttpLimits.decoderRefusal(new TooLongHttpLineException()).status());
        assertEquals(431, HttpLimits.decoderRefusal(new TooLongHttpHeaderException()).status());
        assertEquals(400, HttpLimits.decoderRefusal(new IllegalArgumentException()).status());
    }
}
