package dev.tessera.catalog.policy;

import java.util.List;

/** Graph {@code accessPackageAssignmentApprovalSettings}: whether requests need approval, and its stages. */
public record RequestApprovalSettings(
        Boolean isApprovalRequiredForAdd,
        Boolean isApprovalRequiredForUpdate,
        Boolean isRequestorJustificationRequired,
        List<ApprovalStage> stages) {
}
