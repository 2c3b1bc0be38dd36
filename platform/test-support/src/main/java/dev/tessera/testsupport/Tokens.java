package dev.tessera.testsupport;

import dev.tessera.infra.TokenMinter;

/** Bearer tokens for tests, signed with this test JVM's key (the one the services verify with). */
public final class Tokens {

    private Tokens() {
    }

    /** A plain user: no directory roles. */
    public static String user(String objectId) {
        return minter().forUser(objectId).sign();
    }

    /** A user holding directory roles, by display name ("Identity Governance Administrator") or id. */
    public static String admin(String objectId, String... roles) {
        TokenMinter.Builder builder = minter().forUser(objectId);
        for (String role : roles) {
            builder.role(role);
        }
        return builder.sign();
    }

    /** For anything else: app roles, MFA, lifetime. */
    public static TokenMinter.Builder builder(String objectId) {
        return minter().forUser(objectId);
    }

    private static TokenMinter minter() {
        return new TokenMinter(TestKeys.keys());
    }
}
