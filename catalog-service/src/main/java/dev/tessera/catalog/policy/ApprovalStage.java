package dev.tessera.catalog.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Graph {@code accessPackageApprovalStage}; durations are ISO-8601 ({@code P14D}, {@code PT0S}).
 *
 * <p>{@code @tessera.requiredApprovals} is Tessera's quorum extension: how many different approvers
 * must approve before the stage is approved (default 1, as in Entra; one denial denies). It is an
 * OData instance annotation, which Graph clients that don't know it ignore.
 */
public record ApprovalStage(
        String durationBeforeAutomaticDenial,
        Boolean isApproverJustificationRequired,
        Boolean isEscalationEnabled,
        String durationBeforeEscalation,
        List<SubjectSet> primaryApprovers,
        List<SubjectSet> fallbackPrimaryApprovers,
        List<SubjectSet> escalationApprovers,
        List<SubjectSet> fallbackEscalationApprovers,
        ApproverInformationVisibility approverInformationVisibility,
        @JsonProperty(REQUIRED_APPROVALS) @JsonInclude(JsonInclude.Include.NON_NULL) Integer requiredApprovals) {

    public static final String REQUIRED_APPROVALS = "@tessera.requiredApprovals";

    /** The stage without the quorum extension (Entra's model: one approval decides). */
    public ApprovalStage(String durationBeforeAutomaticDenial, Boolean isApproverJustificationRequired,
            Boolean isEscalationEnabled, String durationBeforeEscalation, List<SubjectSet> primaryApprovers,
            List<SubjectSet> fallbackPrimaryApprovers, List<SubjectSet> escalationApprovers,
            List<SubjectSet> fallbackEscalationApprovers, ApproverInformationVisibility approverInformationVisibility) {
        this(durationBeforeAutomaticDenial, isApproverJustificationRequired, isEscalationEnabled,
                durationBeforeEscalation, primaryApprovers, fallbackPrimaryApprovers, escalationApprovers,
                fallbackEscalationApprovers, approverInformationVisibility, null);
    }
}
