package dev.tessera.common;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * Who a Tessera service is when it calls another. Every service-to-service call sends the caller's
 * service token (never a user's token: the calling service has already authorized its user): an
 * app-only bearer token from its configuration, signed by the issuer every service already trusts,
 * whose {@code roles} hold {@link #INTERNAL_PERMISSION} (the only thing {@code /internal/*} accepts)
 * and the read permissions the peers' Graph endpoints need ({@link #PERMISSIONS}).
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

    /** The identity of the service token the test support and, by default, {@code ./tessera token --service} mint. */
    public static final String REQUEST_SERVICE = "request-service";

    /**
     * The application permission that marks a Tessera service: {@code /internal/*} endpoints accept
     * only app-only tokens holding it. No user token carries it (delegated tokens' {@code roles} grant nothing).
     */
    public static final String INTERNAL_PERMISSION = "Tessera.Internal";

    /**
     * Reading entitlement-management configuration (catalog-service's internal lists, request-service's
     * usage counts).
     */
    public static final String PERMISSION = "EntitlementManagement.Read.All";

    /**
     * Every application permission of a service token: {@link #INTERNAL_PERMISSION}, and reads only —
     * entitlement management, the directory (users, groups, service principals, administrative units:
     * catalog-service, request-service and pim-service look people and resources up in provisioning-service),
     * role definitions (catalog-service checks a directory role resource in pim-service) and sites
     * (catalog-service reads a site's roles).
     */
    public static final List<String> PERMISSIONS = List.of(INTERNAL_PERMISSION, PERMISSION, "Directory.Read.All",
            "RoleManagement.Read.Directory", "Sites.Read.All");

    /** The four services; each is configured with a service token. */
    public static final List<String> SERVICES = List.of("catalog-service", REQUEST_SERVICE, "provisioning-service",
            "pim-service");

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
