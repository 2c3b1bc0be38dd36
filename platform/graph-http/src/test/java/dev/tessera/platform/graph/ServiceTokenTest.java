package dev.tessera.platform.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The configured service token becomes one clean Authorization header, or a failure naming the setting. */
class ServiceTokenTest {

    static ServiceToken configured(String value) {
        ServiceToken token = new ServiceToken();
        token.configured = Optional.ofNullable(value);
        return token;
    }

    @Test
    void aTokenFromASecretFileOrWithItsSchemeIsSentOnce() {
        assertEquals("Bearer abc.def.ghi", configured("abc.def.ghi").authorization());
        assertEquals("Bearer abc.def.ghi", configured("abc.def.ghi\n").authorization());
        assertEquals("Bearer abc.def.ghi", configured("bearer abc.def.ghi").authorization());
        assertTrue(configured("abc.def.ghi").isConfigured());
    }

    @Test
    void noTokenFailsNamingTheSetting() {
        for (ServiceToken missing : new ServiceToken[] {configured(null), configured("  \n")}) {
            assertFalse(missing.isConfigured());
            IllegalStateException e = assertThrows(IllegalStateException.class, missing::authorization);
            assertTrue(e.getMessage().contains("tessera.service-token") && e.getMessage().contains("TESSERA_SERVICE_TOKEN"),
                    e.getMessage());
        }
    }
}
