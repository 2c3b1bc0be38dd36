package dev.tessera.request.approval;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Graph {@code approval}: the id is the request's; stages in order, only those that have started. */
public record ApprovalJson(String id, List<StageJson> stages) {

    /** Graph {@code approvalStage}. */
    public record StageJson(String id, String displayName, Instant reviewedDateTime, String reviewResult,
            String status, boolean assignedToMe, String justification, Map<String, Object> reviewedBy) {

        static StageJson of(ApprovalStage stage, boolean assignedToMe) {
            return new StageJson(stage.id.toString(), null, stage.reviewedAt, stage.reviewResult, stage.status,
                    assignedToMe, stage.justification == null ? "" : stage.justification,
                    stage.reviewedBy == null ? null : Map.of("id", stage.reviewedBy.toString()));
        }
    }
}
