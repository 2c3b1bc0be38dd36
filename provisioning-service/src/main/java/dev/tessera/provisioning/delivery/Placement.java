package dev.tessera.provisioning.delivery;

import java.util.UUID;

/**
 * Where an application or site resource role puts its holder: an app role of a service principal
 * ({@code appRole}) or a role of a site ({@code siteRole}).
 */
record Placement(String kind, UUID resourceId, String roleId) {

    static final String APP_ROLE = "appRole";
    static final String SITE_ROLE = "siteRole";

    static Placement appRole(UUID servicePrincipalId, UUID appRoleId) {
        return new Placement(APP_ROLE, servicePrincipalId, appRoleId.toString());
    }

    static Placement siteRole(UUID siteId, String roleId) {
        return new Placement(SITE_ROLE, siteId, roleId);
    }

    /** A place, or why the role cannot be delivered. */
    record Resolved(Placement placement, String error) {
    }
}
