package dev.tessera.catalog.role;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** POST body of a role assignment (Graph clients also send {@code @odata.type}, which is ignored). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RoleAssignmentBody(String principalId, String roleDefinitionId, String appScopeId,
        String directoryScopeId) {
}
