package dev.tessera.provisioning.application;

import java.time.Instant;
import java.util.UUID;

/** microsoft.graph.appRoleAssignment on the wire; display names are the current ones. */
public record AppRoleAssignmentJson(
        UUID id,
        UUID appRoleId,
        Instant createdDateTime,
        Instant deletedDateTime,
        String principalDisplayName,
        UUID principalId,
        String principalType,
        String resourceDisplayName,
        UUID resourceId) {

    static AppRoleAssignmentJson of(AppRoleAssignmentView view) {
        AppRoleAssignment a = view.assignment();
        return new AppRoleAssignmentJson(a.id, a.appRoleId, a.createdDateTime, null,
                view.principalDisplayName(), a.principalId, a.principalType.name(), view.resourceDisplayName(),
                a.resourceId);
    }
}
