package dev.tessera.platform.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.URI;
import org.junit.jupiter.api.Test;

class NextLinksTest {

    @Test
    void keepsEveryOptionReplacesTheSkipTokenAndEncodesEverything() {
        URI request = URI.create("http://localhost:8080/v1.0/identityGovernance/entitlementManagement/assignments"
                + "?%24filter=state%20eq%20%27delivered%27&%24expand=target&%24skiptoken=old&%24top=2");
        String next = NextLinks.withSkipToken(request, "abc{}");
        assertEquals("http://localhost:8080/v1.0/identityGovernance/entitlementManagement/assignments"
                + "?%24filter=state%20eq%20%27delivered%27&%24expand=target&%24top=2&%24skiptoken=abc%7B%7D", next);
        assertFalse(next.contains("{"));
        assertFalse(next.contains(" "));
    }

    @Test
    void aConfiguredBaseReplacesTheRequestsSchemeAndHost() {
        URI request = URI.create("http://evil.example/v1.0/users?%24top=1");
        assertEquals("https://graph.example.com/v1.0/users?%24top=1&%24skiptoken=t",
                NextLinks.withSkipToken("https://graph.example.com", request, "t"));
    }
}
