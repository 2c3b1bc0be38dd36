package dev.tessera.provisioning.application;

import dev.tessera.platform.graph.GraphException;
import dev.tessera.platform.graph.Ids;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** What a valid service principal is, and how a body changes one. Pure: no I/O. */
final class ServicePrincipalRules {

    private ServicePrincipalRules() {
    }

    static void validateCreate(ServicePrincipalBody body) {
        if (body == null) {
            throw GraphException.badRequest("A servicePrincipal body is required.");
        }
        if (body.displayName() == null || body.displayName().isBlank()) {
            throw GraphException.invalidField("displayName", "Property 'displayName' is required.");
        }
        if (body.has("accountEnabled") && body.accountEnabled() == null) {
            throw GraphException.invalidField("accountEnabled", "Property 'accountEnabled' must be true or false, not null.");
        }
        validateValues(body);
    }

    static void validatePatch(ServicePrincipalBody body, ServicePrincipal current) {
        if (body == null) {
            throw GraphException.badRequest("A servicePrincipal body is required.");
        }
        if (body.has("displayName") && (body.displayName() == null || body.displayName().isBlank())) {
            throw GraphException.invalidField("displayName", "Property 'displayName' cannot be cleared.");
        }
        if (body.has("accountEnabled") && body.accountEnabled() == null) {
            throw GraphException.invalidField("accountEnabled", "Property 'accountEnabled' cannot be cleared.");
        }
        if (body.has("appRoles") && body.appRoles() == null) {
            throw GraphException.invalidField("appRoles",
                    "Property 'appRoles' cannot be null; send [] to remove every app role.");
        }
        if (body.has("appId") && !current.appId.equals(canonicalAppId(body.appId()))) {
            throw GraphException.invalidField("appId", "Property 'appId' cannot be changed.");
        }
        validateValues(body);
    }

    private static void validateValues(ServicePrincipalBody body) {
        AppRoleRules.maxLength(body.displayName(), "displayName", 256);
        AppRoleRules.maxLength(body.description(), "description", 1024);
        if (body.appId() != null) {
            canonicalAppId(body.appId());
        }
    }

    /** A new service principal with Graph's defaults for what the body leaves out. */
    static ServicePrincipal create(ServicePrincipalBody body, UUID id, java.time.Instant at) {
        ServicePrincipal principal = new ServicePrincipal();
        principal.id = id;
        principal.createdDateTime = at;
        principal.appId = body.appId() == null ? UUID.randomUUID().toString() : canonicalAppId(body.appId());
        principal.accountEnabled = body.accountEnabled() == null || body.accountEnabled();
        principal.displayName = body.displayName().trim();
        principal.description = body.description();
        return principal;
    }

    /** Applies the scalar properties a PATCH carries; app roles are replaced by the service. */
    static void apply(ServicePrincipalBody body, ServicePrincipal principal) {
        for (String property : body.present()) {
            switch (property) {
                case "displayName" -> principal.displayName = body.displayName().trim();
                case "description" -> principal.description = body.description();
                case "accountEnabled" -> principal.accountEnabled = body.accountEnabled();
                case "appId", "appRoles" -> {
                    // appId never changes (validated); appRoles are rows of their own
                }
                default -> throw new IllegalStateException("Unmapped servicePrincipal property " + property);
            }
        }
    }

    static String canonicalAppId(String appId) {
        return Ids.parse(appId, "appId").toString().toLowerCase(Locale.ROOT);
    }

    /** Roles that the new list leaves out, among the current ones. */
    static List<AppRole> removed(List<AppRole> current, List<AppRoleSpec> next) {
        return current.stream().filter(role -> next.stream().noneMatch(spec -> spec.id().equals(role.id()))).toList();
    }
}
