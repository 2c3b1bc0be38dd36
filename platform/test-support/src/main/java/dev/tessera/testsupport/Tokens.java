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
     * The service identity's token (request-service: Tessera.Internal and the reads of
     * ServiceIdentity.PERMISSIONS), as the local stack mints it; {@link TesseraInfraResource}
     * configures it as {@code tessera.service-token}.
     */
    public static String service() {
        return new TokenMinter(TestKeys.keys()).serviceToken(Duration.ofHours(24));
    }

    /**
     * An app-only token (client credentials, no {@code scp}) of an application holding these
     * application permissions, e.g. {@code app("EntitlementManagement.ReadWrite.All")}.
     */
    public static String app(String... permissions) {
        return appBuilder("tessera-test-app").appRoles(java.util.List.of(permissions)).sign();
    }

    /** For anything else of an app-only token; finish with {@code sign()}. */
    public static TokenMinter.Builder appBuilder(String appId) {
        return new TokenMinter(TestKeys.keys()).forApp(appId);
    }

    /**
     * For anything else of a user's (delegated) token: scopes, audience, MFA, upn, lifetime, and a
     * {@code roles} claim (which grants nothing in a delegated token); finish with {@code sign()}.
     */
    public static TokenMinter.Builder builder(String objectId) {
        return new TokenMinter(TestKeys.keys()).forUser(objectId);
    }
}
