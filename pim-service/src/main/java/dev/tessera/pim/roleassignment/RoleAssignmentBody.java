package dev.tessera.pim.roleassignment;

/** The POST body of a unifiedRoleAssignment, as Graph documents it ({@code @odata.type} and the rest ignored). */
public record RoleAssignmentBody(String principalId, String roleDefinitionId, String directoryScopeId,
        String appScopeId) {
}
