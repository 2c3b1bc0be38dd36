package dev.tessera.catalog.role;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * unifiedRoleAssignment on the wire: {@code appScopeId} for a catalog-scoped role,
 * {@code directoryScopeId "/"} for Catalog creator; {@code roleDefinition} and {@code principal}
 * only when expanded.
 */
public record RoleAssignmentJson(String id, String principalId, String roleDefinitionId, String appScopeId,
        String directoryScopeId,
        @JsonInclude(JsonInclude.Include.NON_NULL) RoleDefinitionJson roleDefinition,
        @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Object> principal) {

    public static RoleAssignmentJson of(RoleAssignment a, boolean expandRoleDefinition, boolean expandPrincipal) {
        return new RoleAssignmentJson(a.id.toString(), a.principalId.toString(), a.roleDefinitionId.toString(),
                a.appScopeId, a.directoryScopeId,
                expandRoleDefinition ? EmRole.byId(a.roleDefinitionId).map(RoleDefinitionJson::of).orElse(null) : null,
                expandPrincipal ? Map.of("@odata.type", "#microsoft.graph." + a.principalType,
                        "id", a.principalId.toString()) : null);
    }
}
