package dev.tessera.pim.roledefinition;

import java.util.Arrays;
import java.util.List;

/** unifiedRoleDefinition on the wire. */
public record RoleDefinitionJson(
        String id,
        String displayName,
        String description,
        boolean isBuiltIn,
        boolean isEnabled,
        boolean isPrivileged,
        String templateId,
        String version,
        List<String> resourceScopes,
        List<RolePermission> rolePermissions) {

    public record RolePermission(List<String> allowedResourceActions, List<String> excludedResourceActions,
            String condition) {
    }

    public static RoleDefinitionJson of(RoleDefinition role) {
        List<String> actions = Arrays.stream(role.allowedActions.split("\n")).map(String::trim)
                .filter(a -> !a.isEmpty()).toList();
        return new RoleDefinitionJson(role.id, role.displayName, role.description, role.builtIn, role.enabled, role.privileged,
                role.templateId, role.version, List.of("/"),
                List.of(new RolePermission(actions, List.of(), null)));
    }
}
