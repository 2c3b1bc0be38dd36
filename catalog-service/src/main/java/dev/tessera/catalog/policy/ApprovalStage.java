package dev.tessera.catalog.policy;

import java.util.List;

/** Graph {@code accessPackageApprovalStage}; durations are ISO-8601 ({@code P14D}, {@code PT0S}). */
public record ApprovalStage(
        String durationBeforeAutomaticDenial,
        Boolean isApproverJustificationRequired,
        Boolean isEscalationEnabled,
        String durationBeforeEscalation,
        List<SubjectSet> primaryApprovers,
        List<SubjectSet> fallbackPrimaryApprovers,
        List<SubjectSet> escalationApprovers,
        List<SubjectSet> fallbackEscalationApprovers,
        ApproverInformationVisibility approverInformationVisibility) {
}
