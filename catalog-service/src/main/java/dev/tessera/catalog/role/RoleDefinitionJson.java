package dev.tessera.catalog.role;

import java.util.List;

/** unifiedRoleDefinition on the wire, as Graph lists the built-in entitlement-management roles. */
public record RoleDefinitionJson(String id, String displayName, String description, boolean isBuiltIn,
        boolean isEnabled, String templateId, String version, List<RolePermission> rolePermissions) {

    /** unifiedRolePermission. */
    public record RolePermission(List<String> allowedResourceActions, String condition) {
    }

    public static RoleDefinitionJson of(EmRole role) {
        String id = role.id().toString();
        return new RoleDefinitionJson(id, role.displayName(), role.displayName(), true, true, id, "1.0",
                List.of(new RolePermission(role.allowedResourceActions(), null)));
    }
}
