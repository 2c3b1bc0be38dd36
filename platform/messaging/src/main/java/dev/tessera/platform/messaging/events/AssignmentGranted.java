package dev.tessera.platform.messaging.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** {@value EventTypes#ASSIGNMENT_GRANTED}: deliver every listed resource role to the target. */
public record AssignmentGranted(
        UUID assignmentId,
        UUID requestId,
        UUID accessPackageId,
        UUID policyId,
        UUID targetObjectId,
        Instant startDateTime,
        Instant endDateTime,
        List<ResourceRoleRef> resourceRoles) {
}
