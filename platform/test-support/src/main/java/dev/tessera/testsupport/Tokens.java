package dev.tessera.testsupport;

import dev.tessera.infra.TokenMinter;
import java.time.Duration;

/**
 * Bearer tokens for tests, signed with this test JVM's key: the one {@link TesseraInfraResource}
 * configured the service to verify with. Use as {@code given().auth().oauth2(Tokens.user(id))}.
 */
public final class Tokens {

    private Tokens() {
    }

    /** A plain user: no directory roles, password sign-in, valid 8 hours. */
    public static String user(String objectId) {
        return builder(objectId).sign();
    }

    /** A user holding directory roles, by display name ("Identity Governance Administrator") or template id. */
    public static String admin(String objectId, String... roles) {
        TokenMinter.Builder builder = builder(objectId);
        for (String role : roles) {
            builder.role(role);
        }
        return builder.sign();
    }

    /**
     * The service identity's token (request-service, EntitlementManagement.Read.All), as the local
     * stack mints it; {@link TesseraInfraResource} configures it as {@code tessera.service-token}.
     */
    public static String service() {
        return new TokenMinter(TestKeys.keys()).serviceToken(Duration.ofHours(24));
    }

    /**
     * An app-only token of an application with this name, shaped like Entra's client-credentials
     * tokens (no {@code scp}, {@code idtyp: app}): add its application permissions with
     * {@code appRole(…)}, finish with {@code sign()}.
     */
    public static TokenMinter.Builder app(String name) {
        return new TokenMinter(TestKeys.keys()).forService(name);
    }

    /** For anything else: app roles, scopes, MFA, upn, lifetime; finish with {@code sign()}. */
    public static TokenMinter.Builder builder(String objectId) {
        return new TokenMinter(TestKeys.keys()).forUser(objectId);
    }
}
