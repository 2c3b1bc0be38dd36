package dev.tessera.platform.messaging.events;

import java.util.List;
import java.util.UUID;

/**
 * {@value EventTypes#ASSIGNMENT_REMOVED}: take away every resource role this assignment granted, and clear
 * the directory properties its {@code attributes} wrote unless they persist on removal (null: none).
 */
public record AssignmentRemoved(
        UUID assignmentId,
        UUID requestId,
        UUID accessPackageId,
        UUID targetObjectId,
        String reason,
        List<ResourceRoleRef> resourceRoles,
        List<AttributeValue> attributes) {

    /** A removal of an assignment that wrote no attributes. */
    public AssignmentRemoved(UUID assignmentId, UUID requestId, UUID accessPackageId, UUID targetObjectId, String reason,
            List<ResourceRoleRef> resourceRoles) {
        this(assignmentId, requestId, accessPackageId, targetObjectId, reason, resourceRoles, null);
    }

    public List<AttributeValue> attributesOrNone() {
        return attributes == null ? List.of() : attributes;
    }
}
