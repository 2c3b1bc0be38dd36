package dev.tessera.platform.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TokenDirectoryRolesTest {

    static final String TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";

    @Test
    void autoTrustsWidsOnlyFromEntraIssuers() {
        assertTrue(TokenDirectoryRoles.AUTO.trustsWids("https://login.microsoftonline.com/" + TENANT + "/v2.0"));
        assertTrue(TokenDirectoryRoles.AUTO.trustsWids("https://sts.windows.net/" + TENANT + "/"));
        assertFalse(TokenDirectoryRoles.AUTO.trustsWids("https://tessera.local/dev"));
        assertFalse(TokenDirectoryRoles.AUTO.trustsWids("https://login.microsoftonline.com.evil.example/" + TENANT + "/v2.0"));
        assertFalse(TokenDirectoryRoles.AUTO.trustsWids("https://login.microsoftonline.com/common/v2.0"));
        assertFalse(TokenDirectoryRoles.AUTO.trustsWids("https://sts.windows.net/" + TENANT));
        assertFalse(TokenDirectoryRoles.AUTO.trustsWids(null));
    }

    @Test
    void trustedAndIgnoredDoNotLookAtTheIssuer() {
        assertTrue(TokenDirectoryRoles.TRUSTED.trustsWids("https://tessera.local/dev"));
        assertTrue(TokenDirectoryRoles.TRUSTED.trustsWids(null));
        assertFalse(TokenDirectoryRoles.IGNORED.trustsWids("https://login.microsoftonline.com/" + TENANT + "/v2.0"));
    }

    @Test
    void parsesTheSettingCaseInsensitivelyAndRejectsOtherValues() {
        assertEquals(TokenDirectoryRoles.AUTO, TokenDirectoryRoles.parse(null));
        assertEquals(TokenDirectoryRoles.AUTO, TokenDirectoryRoles.parse(" "));
        assertEquals(TokenDirectoryRoles.TRUSTED, TokenDirectoryRoles.parse("Trusted"));
        assertEquals(TokenDirectoryRoles.IGNORED, TokenDirectoryRoles.parse("ignored"));
        assertThrows(IllegalArgumentException.class, () -> TokenDirectoryRoles.parse("true"));
    }
}
