package dev.tessera.request.bulk;

/** POST body of {@code assignments/tessera.assignGroupMembers}. */
public record AssignGroupMembersBody(String accessPackageId, String groupId, String assignmentPolicyId,
        String justification) {
}
