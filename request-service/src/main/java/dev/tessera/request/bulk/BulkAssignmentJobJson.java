package dev.tessera.request.bulk;

import java.time.Instant;
import java.util.List;

/** A bulk job as its reader sees it: counts, and the members that failed with why. */
public record BulkAssignmentJobJson(String id, String status, String accessPackageId, String assignmentPolicyId,
        String groupId, int total, int done, int created, int skipped, int failed, Instant createdDateTime,
        Instant completedDateTime, List<Failure> failures) {

    public record Failure(String objectId, String reason) {
    }
}
