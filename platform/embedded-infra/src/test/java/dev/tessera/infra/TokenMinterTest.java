package dev.tessera.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.common.DirectoryRoles;
import dev.tessera.common.ServiceIdentity;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keys are generated once and reloaded; tokens verify with the public key and carry Graph's claims. */
class TokenMinterTest {

    static final String ALICE = "6e9f4a07-2f3b-4c8e-9a55-1d2c3b4a5e6f";

    @TempDir
    Path dir;

    @Test
    void keysAreWrittenOnceAndReloaded() throws Exception {
        DevKeys first = DevKeys.loadOrCreate(dir);
        String pem = Files.readString(first.publicKeyPath());
        assertTrue(pem.startsWith("-----BEGIN PUBLIC KEY-----"));
        assertTrue(Files.readString(first.privateKeyPath()).startsWith("-----BEGIN PRIVATE KEY-----"));
        DevKeys second = DevKeys.loadOrCreate(dir);
        assertEquals(first.publicKey(), second.publicKey());
        assertEquals(first.privateKey(), second.privateKey());
        assertEquals(pem, Files.readString(second.publicKeyPath()));
    }

    @Test
    void aTokenVerifiesWithThePublicKeyAndCarriesTheClaims() throws Exception {
        DevKeys keys = DevKeys.loadOrCreate(dir);
        String token = new TokenMinter(keys).forUser(ALICE).upn("alice@tessera.local")
                .role("Identity Governance Administrator").role(DirectoryRoles.PRIVILEGED_ROLE_ADMINISTRATOR)
                .appRole("EntitlementManagement.ReadWrite.All").mfa(true).ttl(Duration.ofMinutes(5)).sign();
        String[] parts = token.split("\\.");
        assertEquals(3, parts.length);

        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(DevKeys.loadOrCreate(dir).publicKey());
        rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertTrue(rs256.verify(Base64.getUrlDecoder().decode(parts[2])));

        assertEquals("RS256", json(parts[0]).getString("alg"));
        JsonObject claims = json(parts[1]);
        assertEquals(TokenMinter.DEFAULT_ISSUER, claims.getString("iss"));
        assertEquals(ALICE, claims.getString("oid"));
        assertEquals(ALICE, claims.getString("sub"));
        assertEquals("alice@tessera.local", claims.getString("upn"));
        assertEquals(List.of(DirectoryRoles.IDENTITY_GOVERNANCE_ADMINISTRATOR, DirectoryRoles.PRIVILEGED_ROLE_ADMINISTRATOR),
                claims.getJsonArray("wids").getValuesAs(jakarta.json.JsonString::getString));
        assertEquals(List.of("EntitlementManagement.ReadWrite.All"),
                claims.getJsonArray("roles").getValuesAs(jakarta.json.JsonString::getString));
        assertEquals(List.of("pwd", "mfa"), claims.getJsonArray("amr").getValuesAs(jakarta.json.JsonString::getString));
        assertTrue(claims.getString("scp").contains("EntitlementManagement.ReadWrite.All"));
        assertEquals(300, claims.getJsonNumber("exp").longValue() - claims.getJsonNumber("iat").longValue());
    }

    @Test
    void aPlainUserHasNoRolesAndNoMfaAndEightHours() {
        String token = new TokenMinter(DevKeys.loadOrCreate(dir)).forUser(ALICE).sign();
        JsonObject claims = json(token.split("\\.")[1]);
        assertTrue(claims.getJsonArray("wids").isEmpty());
        assertEquals(List.of("pwd"), claims.getJsonArray("amr").getValuesAs(jakarta.json.JsonString::getString));
        assertFalse(claims.containsKey("upn"));
        assertEquals(Duration.ofHours(8).toSeconds(),
                claims.getJsonNumber("exp").longValue() - claims.getJsonNumber("iat").longValue());
    }

    @Test
    void theServiceTokenIsAnAppOnlyTokenOfRequestServiceWithTheInternalPermissionAndReads() {
        String token = new TokenMinter(DevKeys.loadOrCreate(dir)).serviceToken(Duration.ofDays(30));
        JsonObject claims = json(token.split("\\.")[1]);
        String id = ServiceIdentity.objectId(ServiceIdentity.REQUEST_SERVICE).toString();
        assertEquals(id, claims.getString("oid"));
        assertEquals(id, claims.getString("sub"));
        assertEquals("app", claims.getString("idtyp"));
        assertEquals("request-service", claims.getString("azp"));
        assertEquals(List.of(ServiceIdentity.INTERNAL_PERMISSION, "EntitlementManagement.Read.All", "Directory.Read.All",
                "RoleManagement.Read.Directory", "Sites.Read.All"),
                claims.getJsonArray("roles").getValuesAs(jakarta.json.JsonString::getString));
        assertTrue(claims.getJsonArray("roles").getValuesAs(jakarta.json.JsonString::getString).stream()
                .noneMatch(p -> p.contains("ReadWrite")), "a service token only reads");
        assertTrue(claims.getJsonArray("wids").isEmpty());
        assertEquals(TokenMinter.DEFAULT_AUDIENCE, claims.getString("aud"));
        assertFalse(claims.containsKey("scp"), "nobody signed in: no delegated scopes");
        assertFalse(claims.containsKey("amr"));
        assertEquals(Duration.ofDays(30).toSeconds(),
                claims.getJsonNumber("exp").longValue() - claims.getJsonNumber("iat").longValue());
        assertFalse(id.equals(ServiceIdentity.objectId("pim-service").toString()), "services have distinct ids");
    }

    @Test
    void eachServiceHasItsOwnServiceToken() {
        JsonObject claims = json(new TokenMinter(DevKeys.loadOrCreate(dir)).serviceToken("pim-service", Duration.ofDays(1))
                .split("\\.")[1]);
        assertEquals(ServiceIdentity.objectId("pim-service").toString(), claims.getString("oid"));
        assertEquals("pim-service", claims.getString("azp"));
        assertEquals(ServiceIdentity.PERMISSIONS, claims.getJsonArray("roles").getValuesAs(jakarta.json.JsonString::getString));
    }

    @Test
    void aUsersTokenIsDelegatedWithEveryReadWriteScopeForTheTesseraAudience() {
        JsonObject claims = json(new TokenMinter(DevKeys.loadOrCreate(dir)).forUser(ALICE).sign().split("\\.")[1]);
        assertEquals("api://tessera", claims.getString("aud"));
        assertEquals(List.of(claims.getString("scp").split(" ")), TokenMinter.DEFAULT_SCOPES);
        assertTrue(TokenMinter.DEFAULT_SCOPES.containsAll(List.of("EntitlementManagement.ReadWrite.All",
                "RoleManagement.ReadWrite.Directory", "User.ReadWrite.All", "Group.ReadWrite.All", "Directory.ReadWrite.All")));
        assertFalse(claims.containsKey("idtyp"));
    }

    @Test
    void scopesAndAudienceCanBeChosen() {
        TokenMinter minter = new TokenMinter(DevKeys.loadOrCreate(dir));
        JsonObject claims = json(minter.forUser(ALICE).scopes("User.Read").audience("api://other").sign().split("\\.")[1]);
        assertEquals("User.Read", claims.getString("scp"));
        assertEquals("api://other", claims.getString("aud"));
        assertFalse(json(minter.forUser(ALICE).audience(null).sign().split("\\.")[1]).containsKey("aud"));
    }

    @Test
    void anAppOnlyTokenHasApplicationPermissionsAndNoScopes() {
        TokenMinter minter = new TokenMinter(DevKeys.loadOrCreate(dir));
        JsonObject claims = json(minter.forApp("payroll-sync").appRole("EntitlementManagement.Read.All").sign()
                .split("\\.")[1]);
        assertEquals("app", claims.getString("idtyp"));
        assertEquals("payroll-sync", claims.getString("azp"));
        assertTrue(claims.getString("oid").matches("[0-9a-f-]{36}"), "an object id: a GUID derived from the app");
        assertEquals(List.of("EntitlementManagement.Read.All"),
                claims.getJsonArray("roles").getValuesAs(jakarta.json.JsonString::getString));
        assertFalse(claims.containsKey("scp"));
        assertFalse(claims.containsKey("amr"));
        String appId = "3f0d1c2b-aaaa-4bbb-8ccc-0123456789ab";
        assertEquals(appId, json(minter.forApp(appId).sign().split("\\.")[1]).getString("oid"));
    }

    @Test
    void everyBuiltInRoleIsKnownByItsName() {
        TokenMinter minter = new TokenMinter(DevKeys.loadOrCreate(dir));
        String token = minter.forUser(ALICE).role("Directory Readers").role("attribute log reader").sign();
        assertEquals(List.of("88d8e3e3-8f55-4a1e-953a-9b9898b8876b", "9c99539d-8186-4804-835f-fd51ef9e2dcd"),
                json(token.split("\\.")[1]).getJsonArray("wids").getValuesAs(jakarta.json.JsonString::getString));
    }

    @Test
    void unknownRolesAndNonGuidUsersAreRefusedWithTheReason() {
        TokenMinter minter = new TokenMinter(DevKeys.loadOrCreate(dir));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> minter.forUser(ALICE).role("Chief Button Presser"));
        assertTrue(unknown.getMessage().contains("Identity Governance Administrator"), unknown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> minter.forUser("alice"));
    }

    static JsonObject json(String base64Url) {
        String text = new String(Base64.getUrlDecoder().decode(base64Url), StandardCharsets.UTF_8);
        return Json.createReader(new StringReader(text)).readObject();
    }
}
