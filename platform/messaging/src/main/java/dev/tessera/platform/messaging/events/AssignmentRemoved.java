package dev.tessera.platform.messaging.events;

import java.util.List;
import java.util.UUID;

/** {@value EventTypes#ASSIGNMENT_REMOVED}: take away every resource role this assignment granted. */
public record AssignmentRemoved(
        UUID assignmentId,
        UUID requestId,
        UUID accessPackageId,
        UUID targetObjectId,
        String reason,
        List<ResourceRoleRef> resourceRoles) {
}
