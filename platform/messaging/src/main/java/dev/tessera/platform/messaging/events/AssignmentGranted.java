package dev.tessera.platform.messaging.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * {@value EventTypes#ASSIGNMENT_GRANTED}: deliver every listed resource role to the target. A target
 * not yet in the directory (an external user of a connected organization) has no
 * {@code targetObjectId}; it is named by {@code targetEmail} (and {@code targetDisplayName}), and
 * provisioning-service invites it as a guest first. Events from before these two fields read them as
 * null. {@code attributes}: the requestor's answers to write to the target's directory properties
 * (null or empty: none; events from before them read null).
 */
public record AssignmentGranted(
        UUID assignmentId,
        UUID requestId,
        UUID accessPackageId,
        UUID policyId,
        UUID targetObjectId,
        Instant startDateTime,
        Instant endDateTime,
        List<ResourceRoleRef> resourceRoles,
        String targetEmail,
        String targetDisplayName,
        List<AttributeValue> attributes) {

    /** A grant to a user already in the directory. */
    public AssignmentGranted(UUID assignmentId, UUID requestId, UUID accessPackageId, UUID policyId, UUID targetObjectId,
            Instant startDateTime, Instant endDateTime, List<ResourceRoleRef> resourceRoles) {
        this(assignmentId, requestId, accessPackageId, policyId, targetObjectId, startDateTime, endDateTime, resourceRoles,
                null, null, null);
    }

    /** A grant without attributes. */
    public AssignmentGranted(UUID assignmentId, UUID requestId, UUID accessPackageId, UUID policyId, UUID targetObjectId,
            Instant startDateTime, Instant endDateTime, List<ResourceRoleRef> resourceRoles, String targetEmail,
            String targetDisplayName) {
        this(assignmentId, requestId, accessPackageId, policyId, targetObjectId, startDateTime, endDateTime, resourceRoles,
                targetEmail, targetDisplayName, null);
    }

    public List<AttributeValue> attributesOrNone() {
        return attributes == null ? List.of() : attributes;
    }

    /** The same grant, for the directory user the target turned out to be. */
    public AssignmentGranted withTarget(UUID objectId) {
        return new AssignmentGranted(assignmentId, requestId, accessPackageId, policyId, objectId, startDateTime,
                endDateTime, resourceRoles, targetEmail, targetDisplayName, attributes);
    }
}
