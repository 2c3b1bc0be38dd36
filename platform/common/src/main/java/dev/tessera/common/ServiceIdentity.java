package dev.tessera.common;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Who a Tessera service is when it calls another without a user's token to pass on (request-service
 * reading the auto-assignment policies on a directory event). It sends an app-only bearer token from
 * its configuration, signed by the issuer every service already trusts; the callee checks the
 * application permission in {@code roles} like any other caller's.
 */
public final class ServiceIdentity {

    /** The caller's configuration property holding the token (without "Bearer "). */
    public static final String TOKEN_PROPERTY = "tessera.service-token";

    /** The same property as an environment variable. */
    public static final String TOKEN_ENV = "TESSERA_SERVICE_TOKEN";

    /**
     * A file holding the token instead (a mounted Secret): read again whenever it changes, so a
     * renewed token is used without a restart. Wins over {@link #TOKEN_PROPERTY} when both are set.
     */
    public static final String TOKEN_FILE_PROPERTY = "tessera.service-token-file";

    /** The same property as an environment variable. */
    public static final String TOKEN_FILE_ENV = "TESSERA_SERVICE_TOKEN_FILE";

    /** The one service that calls without a user token today. */
    public static final String REQUEST_SERVICE = "request-service";

    /** What it needs: reading entitlement-management configuration, nothing more. */
    public static final String PERMISSION = "EntitlementManagement.Read.All";

    private ServiceIdentity() {
    }

    /**
     * The object id ({@code oid}, {@code sub}) of a service's identity in locally minted tokens: a
     * GUID derived from its name, so it is the same in every run and tells services apart.
     */
    public static UUID objectId(String service) {
        return UUID.nameUUIDFromBytes(("tessera-service:" + service).getBytes(StandardCharsets.UTF_8));
    }
}
