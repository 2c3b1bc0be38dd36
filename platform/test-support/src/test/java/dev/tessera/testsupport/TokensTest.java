package dev.tessera.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.common.DirectoryRoles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.Signature;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class TokensTest {

    static final String USER = "2b7c1d9e-0a4f-4e63-8d1b-5c6a7e8f9012";

    @Test
    void tokensAreSignedWithTheKeyPublishedForThisJvm() throws Exception {
        String token = Tokens.admin(USER, "Identity Governance Administrator");
        String[] parts = token.split("\\.");
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        // What a service would read from mp.jwt.verify.publickey.location:
        Path published = Path.of(System.getProperty(TestKeys.DIR_PROPERTY)).resolve("public.pem");
        rs256.initVerify(dev.tessera.infra.DevKeys.loadOrCreate(published.getParent()).publicKey());
        rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertTrue(rs256.verify(Base64.getUrlDecoder().decode(parts[2])));

        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        assertTrue(claims.contains("\"oid\":\"" + USER + "\""), claims);
        assertTrue(claims.contains(DirectoryRoles.IDENTITY_GOVERNANCE_ADMINISTRATOR), claims);
    }

    @Test
    void everyHelperUsesTheSameKeys() {
        assertEquals(TestKeys.keys().publicKey(), TestKeys.keys().publicKey());
        String plain = Tokens.user(USER);
        String viaBuilder = Tokens.builder(USER).mfa(true).sign();
        assertTrue(new String(Base64.getUrlDecoder().decode(viaBuilder.split("\\.")[1]), StandardCharsets.UTF_8)
                .contains("\"mfa\""));
        assertEquals(3, plain.split("\\.").length);
    }
}
