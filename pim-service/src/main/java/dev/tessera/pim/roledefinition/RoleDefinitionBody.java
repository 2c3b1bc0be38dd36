package dev.tessera.pim.roledefinition;

import java.util.List;

/**
 * A unifiedRoleDefinition as a client sends it (POST, PATCH). Read-only or unsupported properties
 * are bound so that they can be refused with a message rather than silently dropped.
 */
public record RoleDefinitionBody(
        String id,
        String displayName,
        String description,
        Boolean isBuiltIn,
        Boolean isEnabled,
        String templateId,
        String version,
        List<String> resourceScopes,
        List<RoleDefinitionJson.RolePermission> rolePermissions) {
}
