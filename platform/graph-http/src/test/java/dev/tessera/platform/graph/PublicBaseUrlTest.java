package dev.tessera.platform.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PublicBaseUrlTest {

    @Test
    void anAbsoluteHttpUrlIsTakenWithoutItsTrailingSlash() {
        assertEquals("http://localhost:8080", PublicBaseUrl.checked("http://localhost:8080/"));
        assertEquals("https://graph.example.com/tessera", PublicBaseUrl.checked("https://graph.example.com/tessera"));
    }

    @Test
    void anythingElseIsAConfigurationError() {
        for (String bad : new String[] {"graph.example.com", "/v1.0", "ftp://graph.example.com",
                "https://graph.example.com/?x=1", "https://user@graph.example.com", "https://graph.example.com/#f", "http://a b"}) {
            assertThrows(IllegalStateException.class, () -> PublicBaseUrl.checked(bad), bad);
        }
    }
}
