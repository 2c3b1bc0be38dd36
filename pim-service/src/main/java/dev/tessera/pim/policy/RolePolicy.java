package dev.tessera.pim.policy;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The part of a role's management policy that PIM enforces, read from its effective rules:
 * how long eligible and active assignments may last (and whether they must end), how long an
 * activation may last, what an admin assignment or an activation must carry
 * ({@code Justification}, {@code MultiFactorAuthentication}, {@code Ticketing}), and whether an
 * activation (or a self-extension) waits for approvers.
 */
public record RolePolicy(
        Expiration adminEligibility,
        Expiration adminAssignment,
        Expiration activation,
        Set<String> adminEligibilityEnablement,
        Set<String> adminAssignmentEnablement,
        Set<String> activationEnablement,
        Approval approval) {

    public static final String JUSTIFICATION = "Justification";
    public static final String MFA = "MultiFactorAuthentication";
    public static final String TICKETING = "Ticketing";

    /** An expiration rule: whether an end is required, and the longest allowed length. */
    public record Expiration(boolean required, Duration maximum) {
    }

    /** A primary approver: one user ({@code singleUser}) or every member of a group ({@code groupMembers}). */
    public record Approver(String type, UUID id) {

        public static final String USER = "singleUser";
        public static final String GROUP = "groupMembers";

        public boolean group() {
            return GROUP.equals(type);
        }
    }

    /** Approval_EndUser_Assignment, single stage. */
    public record Approval(boolean required, boolean requiredForExtension, boolean requestorJustificationRequired,
            int timeoutDays, boolean approverJustificationRequired, List<Approver> approvers) {

        public static final Approval NONE = new Approval(false, false, true, 1, true, List.of());
    }

    /** Entra's documented defaults (rules that were never changed). */
    public static final RolePolicy DEFAULT = new RolePolicy(
            new Expiration(false, Duration.ofDays(365)),
            new Expiration(false, Duration.ofDays(180)),
            new Expiration(true, Duration.ofHours(8)),
            Set.of(),
            Set.of(JUSTIFICATION),
            Set.of(MFA, JUSTIFICATION),
            Approval.NONE);
}
