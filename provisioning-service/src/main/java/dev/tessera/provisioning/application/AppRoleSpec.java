package dev.tessera.provisioning.application;

import java.util.List;
import java.util.UUID;

/** A validated app role, its id settled and its member types canonical. */
record AppRoleSpec(UUID id, String displayName, String description, String value, boolean enabled,
        List<String> allowedMemberTypes) {

    AppRole toEntity(UUID servicePrincipalId, int sortOrder) {
        AppRole role = new AppRole();
        role.key = new AppRole.Key(servicePrincipalId, id);
        role.sortOrder = sortOrder;
        apply(role);
        return role;
    }

    void apply(AppRole role) {
        role.displayName = displayName;
        role.description = description;
        role.roleValue = value;
        role.enabled = enabled;
        role.allowedMemberTypes = String.join(",", allowedMemberTypes);
    }
}
