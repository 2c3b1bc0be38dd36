package dev.tessera.provisioning.application;

import dev.tessera.platform.graph.GraphException;
import java.util.List;
import java.util.UUID;

/** Which app role a user or group may be assigned. Pure: no I/O. */
final class AppRoleAssignmentRules {

    private AppRoleAssignmentRules() {
    }

    /**
     * The role must be an enabled role of the resource that allows users and groups (member type
     * {@code User}), or default access, which only an app with no enabled role for users offers.
     */
    static void checkRole(UUID appRoleId, List<AppRole> published, UUID resourceId) {
        if (AppRole.DEFAULT_ACCESS.equals(appRoleId)) {
            List<String> userRoles = published.stream().filter(role -> role.enabled && role.allowsUsers())
                    .map(role -> "'" + role.displayName + "'").toList();
            if (!userRoles.isEmpty()) {
                throw GraphException.invalidField("appRoleId", "Default access (" + appRoleId + ") is only "
                        + "available for applications without app roles for users; service principal '" + resourceId
                        + "' has " + String.join(", ", userRoles) + ".");
            }
            return;
        }
        AppRole role = published.stream().filter(r -> r.id().equals(appRoleId)).findFirst()
                .orElseThrow(() -> GraphException.invalidField("appRoleId", "Permission being assigned was not "
                        + "found on application '" + resourceId + "': no app role '" + appRoleId + "'."));
        if (!role.enabled) {
            throw GraphException.invalidField("appRoleId", "App role '" + role.displayName + "' (" + appRoleId
                    + ") is disabled and cannot be assigned.");
        }
        if (!role.allowsUsers()) {
            throw GraphException.invalidField("appRoleId", "App role '" + role.displayName + "' (" + appRoleId
                    + ") can only be assigned to applications (allowedMemberTypes: "
                    + String.join(", ", role.allowedMemberTypeList()) + ").");
        }
    }
}
