package dev.tessera.provisioning.application;

import java.util.List;
import java.util.UUID;

/** microsoft.graph.servicePrincipal on the wire: the properties Tessera keeps. */
public record ServicePrincipalJson(
        UUID id,
        boolean accountEnabled,
        String appDisplayName,
        String appId,
        List<AppRoleJson> appRoles,
        String description,
        String displayName,
        String servicePrincipalType) {

    static ServicePrincipalJson of(ServicePrincipal principal, List<AppRole> roles) {
        return new ServicePrincipalJson(principal.id, principal.accountEnabled, principal.displayName,
                principal.appId, roles.stream().map(AppRoleJson::of).toList(), principal.description,
                principal.displayName, "Application");
    }
}
