package dev.tessera.pim.approval;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Graph beta's approval and approvalStep, as Tessera's roleAssignmentApprovals extension serves them. */
public final class ApprovalJson {

    private ApprovalJson() {
    }

    public record Approval(String id, List<Step> steps) {

        static Approval of(ApprovalService.View view) {
            return new Approval(view.request().id.toString(), List.of(Step.of(view)));
        }
    }

    /** {@code reviewedBy} is a userIdentity collection, empty until someone decided. */
    public record Step(String id, String displayName, String status, boolean assignedToMe,
            List<Map<String, Object>> reviewedBy, Instant reviewedDateTime, String reviewResult, String justification) {

        static Step of(ApprovalService.View view) {
            ApprovalStep step = view.step();
            List<Map<String, Object>> reviewedBy = step.reviewedBy == null ? List.of()
                    : List.of(new java.util.LinkedHashMap<>(Map.of("@odata.type", "#microsoft.graph.userIdentity",
                            "id", step.reviewedBy.toString())));
            return new Step(step.id.toString(), step.displayName, step.status, view.assignedToMe(), reviewedBy,
                    step.reviewedAt, step.reviewResult, step.justification);
        }
    }

    /** PATCH body of a step. */
    public record Decision(String reviewResult, String justification) {
    }
}
