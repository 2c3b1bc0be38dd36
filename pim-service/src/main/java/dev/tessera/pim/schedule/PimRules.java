package dev.tessera.pim.schedule;

import dev.tessera.pim.policy.RolePolicy;
import dev.tessera.platform.graph.GraphException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * PIM's rules without I/O: schedule windows, the five-minute rules, and what a role's management
 * policy ({@link RolePolicy}) asks of admin assignments and activations.
 */
public final class PimRules {

    /** Nothing shorter than this is granted, and nothing is removed sooner than this after it starts. */
    public static final Duration MINIMUM = Duration.ofMinutes(5);

    private PimRules() {
    }

    /** When a schedule starts and ends, resolved against now; a start in the past means now. */
    public record Window(Instant start, Instant end, String expirationType, String duration) {

        public boolean startsLater(Instant now) {
            return start.isAfter(now);
        }
    }

    public static Window window(ScheduleRequestBody.ScheduleInfo info, Instant now) {
        if (info == null) {
            throw GraphException.invalidField("scheduleInfo", "Property 'scheduleInfo' is required for this action.");
        }
        requireSupported(info.startDateTime(), "scheduleInfo.startDateTime");
        Instant start = info.startDateTime() == null || info.startDateTime().isBefore(now) ? now : info.startDateTime();
        ScheduleRequestBody.Expiration expiration = info.expiration();
        String type = expiration == null || expiration.type() == null ? "notSpecified" : camel(expiration.type());
        switch (type) {
            case "noExpiration", "notSpecified" -> {
                return new Window(start, null, "noExpiration", null);
            }
            case "afterDateTime" -> {
                if (expiration.endDateTime() == null) {
                    throw GraphException.invalidField("scheduleInfo.expiration.endDateTime",
                            "An afterDateTime expiration needs 'endDateTime'.");
                }
                requireSupported(expiration.endDateTime(), "scheduleInfo.expiration.endDateTime");
                return new Window(start, expiration.endDateTime(), type, null);
            }
            case "afterDuration" -> {
                return new Window(start, endAfter(start, expiration.duration()), type, expiration.duration());
            }
            default -> throw GraphException.invalidField("scheduleInfo.expiration.type", "'" + expiration.type()
                    + "' is not an expiration type; use noExpiration, afterDateTime or afterDuration.");
        }
    }

    /** The latest date-time a schedule may name (Graph's DateTimeOffset stops at year 9999 as well). */
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    /** {@code start} plus an ISO-8601 duration, refused when it passes {@link #LATEST}. */
    static Instant endAfter(Instant start, String iso) {
        Duration length = duration(iso);
        if (length.compareTo(Duration.between(start, LATEST)) > 0) {
            throw GraphException.invalidField("scheduleInfo.expiration.duration", "'" + iso
                    + "' ends after the year 9999.");
        }
        return start.plus(length);
    }

    private static void requireSupported(Instant at, String field) {
        if (at != null && at.isAfter(LATEST)) {
            throw GraphException.invalidField(field, "'" + at + "' is after the year 9999.");
        }
    }

    /** Refuses a window shorter than five minutes (or ending before it starts). */
    public static void requireMinimumLength(Window window) {
        if (window.end() != null && Duration.between(window.start(), window.end()).compareTo(MINIMUM) < 0) {
            throw GraphException.badRequest("ActiveDurationTooShort",
                    "The schedule is shorter than the minimum: Minimum Required is 5 minutes.");
        }
    }

    /** Refuses to end something that started less than five minutes ago. */
    public static void requireRemovable(Instant startedAt, Instant now) {
        if (Duration.between(startedAt, now).compareTo(MINIMUM) < 0) {
            throw GraphException.badRequest("ActiveDurationTooShort",
                    "The role assignment cannot be removed or deactivated within 5 minutes of its start: "
                            + "Minimum Required is 5 minutes. It can be ended from " + startedAt.plus(MINIMUM) + ".");
        }
    }

    /** The earliest moment something that started at {@code startedAt} may be ended. */
    public static Instant earliestRemoval(Instant startedAt) {
        return startedAt.plus(MINIMUM);
    }

    /**
     * The activation rules of the role's policy (Expiration_EndUser_Assignment and
     * Enablement_EndUser_Assignment): an end within the maximum activation and within the
     * eligibility, and justification, an MFA session and a ticket when the policy asks for them.
     * Returns the failed rule names (empty when all hold).
     */
    public static List<String> activationFailures(Window window, String justification, boolean mfa, String ticketNumber,
            Instant eligibilityEnd, RolePolicy policy) {
        List<String> failed = new ArrayList<>();
        if (window.end() == null || Duration.between(window.start(), window.end()).compareTo(policy.activation().maximum()) > 0
                || (eligibilityEnd != null && window.end().isAfter(eligibilityEnd))) {
            failed.add("ExpirationRule");
        }
        Set<String> enabled = policy.activationEnablement();
        if (policy.approval().required() && policy.approval().requestorJustificationRequired()) {
            // Approval_EndUser_Assignment's isRequestorJustificationRequired: approvers read why
            enabled = new java.util.HashSet<>(enabled);
            enabled.add(RolePolicy.JUSTIFICATION);
        }
        enablementFailures(enabled, justification, mfa, ticketNumber, failed);
        return failed;
    }

    /**
     * The rules of the role's policy for an admin assignment or its update (Expiration_Admin_* and
     * Enablement_Admin_*): an end when one is required, no longer than the maximum, and
     * justification and MFA when enabled.
     */
    public static List<String> adminAssignmentFailures(String kind, Window window, String justification, boolean mfa,
            RolePolicy policy) {
        boolean eligibility = ScheduleKind.ELIGIBILITY.equals(kind);
        RolePolicy.Expiration expiration = eligibility ? policy.adminEligibility() : policy.adminAssignment();
        List<String> failed = new ArrayList<>();
        if (expiration.required() && (window.end() == null
                || Duration.between(window.start(), window.end()).compareTo(expiration.maximum()) > 0)) {
            failed.add("ExpirationRule");
        }
        enablementFailures(eligibility ? policy.adminEligibilityEnablement() : policy.adminAssignmentEnablement(),
                justification, mfa, null, failed);
        return failed;
    }

    private static void enablementFailures(Set<String> enabled, String justification, boolean mfa, String ticketNumber,
            List<String> failed) {
        if (enabled.contains(RolePolicy.MFA) && !mfa) {
            failed.add("MfaRule");
        }
        if (enabled.contains(RolePolicy.JUSTIFICATION) && (justification == null || justification.isBlank())) {
            failed.add("JustificationRule");
        }
        if (enabled.contains(RolePolicy.TICKETING) && (ticketNumber == null || ticketNumber.isBlank())) {
            failed.add("TicketingRule");
        }
    }

    public static void requireRules(List<String> failed) {
        if (!failed.isEmpty()) {
            throw GraphException.badRequest("RoleAssignmentRequestPolicyValidationFailed",
                    "The following policy rules failed: [" + failed.stream().map(r -> "\"" + r + "\"")
                            .collect(Collectors.joining(",")) + "]");
        }
    }

    static Duration duration(String iso) {
        if (iso == null || iso.isBlank()) {
            throw GraphException.invalidField("scheduleInfo.expiration.duration",
                    "An afterDuration expiration needs 'duration', e.g. PT8H.");
        }
        try {
            Duration parsed = Duration.parse(iso);
            if (parsed.isNegative() || parsed.isZero()) {
                throw GraphException.invalidField("scheduleInfo.expiration.duration", "'" + iso + "' is not positive.");
            }
            return parsed;
        } catch (DateTimeParseException | ArithmeticException e) {
            throw GraphException.invalidField("scheduleInfo.expiration.duration",
                    "'" + iso + "' is not an ISO-8601 duration such as PT8H or P30D.");
        }
    }

    /** Enum text from a client in any case → Graph's camelCase ({@code NoExpiration} → {@code noExpiration}). */
    static String camel(String text) {
        String trimmed = text.trim();
        return trimmed.isEmpty() ? trimmed : trimmed.substring(0, 1).toLowerCase(Locale.ROOT) + trimmed.substring(1);
    }
}
