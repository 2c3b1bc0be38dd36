package dev.tessera.platform.messaging.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * {@value EventTypes#PIM_APPROVAL_CHANGED} on {@value Topics#PIM_EVENTS} (key = principal id): a
 * role activation (or self-extension) that the role's policy makes wait for approvers. {@code change}
 * is {@code pendingApproval} (it awaits a decision of {@code approverUserIds} or a member of
 * {@code approverGroupIds} until {@code dueDateTime}), {@code approved}, {@code denied},
 * {@code timedOut} or {@code canceled}; {@code decidedBy} is the approver who decided.
 * {@code approvalId} is the schedule request's id.
 */
public record PimApprovalChanged(
        UUID approvalId,
        UUID stepId,
        String action,
        UUID principalId,
        String roleDefinitionId,
        String directoryScopeId,
        String change,
        List<UUID> approverUserIds,
        List<UUID> approverGroupIds,
        Instant dueDateTime,
        UUID decidedBy) {
}
