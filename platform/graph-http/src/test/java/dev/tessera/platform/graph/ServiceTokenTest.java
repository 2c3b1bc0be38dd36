package dev.tessera.platform.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The configured service token becomes one clean Authorization header, or a failure naming the setting. */
class ServiceTokenTest {

    static ServiceToken configured(String value) {
        ServiceToken token = new ServiceToken();
        token.configured = Optional.ofNullable(value);
        token.file = Optional.empty();
        return token;
    }

    static ServiceToken fromFile(Path path, String alsoConfigured) {
        ServiceToken token = new ServiceToken();
        token.configured = Optional.ofNullable(alsoConfigured);
        token.file = Optional.of(path.toString());
        return token;
    }

    @Test
    void aTokenFileIsReadAgainWhenItChangesSoARenewedTokenNeedsNoRestart(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("token");
        Files.writeString(file, "first.token.value\n");
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-01-01T00:00:00Z")));
        ServiceToken token = fromFile(file, "ignored.when.a.file.is.named");
        assertEquals("Bearer first.token.value", token.authorization());

        Files.writeString(file, "renewed.token.value");
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-01-02T00:00:00Z")));
        assertEquals("Bearer renewed.token.value", token.authorization());
        assertEquals("Bearer renewed.token.value", token.authorization());
    }

    @Test
    void anUnreadableOrEmptyTokenFileFailsNamingTheSetting(@TempDir Path dir) throws IOException {
        UncheckedIOException missing = assertThrows(UncheckedIOException.class,
                () -> fromFile(dir.resolve("absent"), null).authorization());
        assertTrue(missing.getMessage().contains("tessera.service-token-file"), missing.getMessage());
        Path empty = Files.writeString(dir.resolve("empty"), "\n");
        ServiceToken token = fromFile(empty, null);
        assertFalse(token.isConfigured());
        IllegalStateException e = assertThrows(IllegalStateException.class, token::authorization);
        assertTrue(e.getMessage().contains("TESSERA_SERVICE_TOKEN_FILE"), e.getMessage());
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
