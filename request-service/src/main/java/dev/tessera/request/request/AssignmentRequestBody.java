package dev.tessera.request.request;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * POST body of {@code assignmentRequests}. Docs also use the legacy key
 * {@code accessPackageAssignment}, accepted here.
 */
public record AssignmentRequestBody(
        RequestType requestType,
        String justification,
        @JsonAlias("accessPackageAssignment") AssignmentRef assignment,
        ScheduleBody schedule,
        List<JsonNode> answers) {

    public record AssignmentRef(String id, String targetId, String assignmentPolicyId, String accessPackageId,
            TargetRef target) {
    }

    public record TargetRef(String objectId, String email, String displayName) {
    }

    public record ScheduleBody(Instant startDateTime, ExpirationBody expiration) {
    }

    public record ExpirationBody(String type, Instant endDateTime, String duration) {
    }
}
