package dev.tessera.pim.policy;

import java.time.Duration;
import java.util.Set;

/**
 * The part of a role's management policy that PIM enforces, read from its effective rules:
 * how long eligible and active assignments may last (and whether they must end), how long an
 * activation may last, and what an admin assignment or an activation must carry
 * ({@code Justification}, {@code MultiFactorAuthentication}, {@code Ticketing}).
 */
public record RolePolicy(
        Expiration adminEligibility,
        Expiration adminAssignment,
        Expiration activation,
        Set<String> adminEligibilityEnablement,
        Set<String> adminAssignmentEnablement,
        Set<String> activationEnablement) {

    public static final String JUSTIFICATION = "Justification";
    public static final String MFA = "MultiFactorAuthentication";
    public static final String TICKETING = "Ticketing";

    /** An expiration rule: whether an end is required, and the longest allowed length. */
    public record Expiration(boolean required, Duration maximum) {
    }

    /** Entra's documented defaults (rules that were never changed). */
    public static final RolePolicy DEFAULT = new RolePolicy(
            new Expiration(false, Duration.ofDays(365)),
            new Expiration(false, Duration.ofDays(180)),
            new Expiration(true, Duration.ofHours(8)),
            Set.of(),
            Set.of(JUSTIFICATION),
            Set.of(MFA, JUSTIFICATION));
}
