package dev.tessera.request.policy;

import dev.tessera.platform.em.PolicyView;
import dev.tessera.platform.graph.GraphException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * When an assignment starts and ends: the policy's expiration unless a custom schedule is allowed
 * and given, never beyond what the policy grants.
 */
public record Schedule(Instant start, Instant end, String expirationType, String duration) {

    /** A schedule as the requestor sent it; every part optional. */
    public record Requested(Instant start, String expirationType, Instant end, String duration) {
    }

    public static Schedule resolve(PolicyView policy, Requested requested, boolean adminRequest, Instant now) {
        Schedule granted = fromPolicy(policy, now);
        if (requested == null || (requested.start == null && requested.end == null && requested.duration == null)) {
            return granted;
        }
        if (!adminRequest && !policy.customScheduleAllowed()) {
            throw GraphException.invalidField("schedule", "Policy '" + policy.displayName()
                    + "' does not allow a custom assignment schedule.");
        }
        Instant start = requested.start == null || requested.start.isBefore(now) ? now : requested.start;
        Instant end;
        String type;
        String duration = null;
        if (requested.duration != null) {
            end = plus(start, requested.duration, "schedule.expiration.duration");
            type = "afterDuration";
            duration = requested.duration;
        } else if (requested.end != null) {
            end = requested.end;
            type = "afterDateTime";
        } else {
            end = granted.end;
            type = granted.expirationType;
        }
        if (end != null && !end.isAfter(start)) {
            throw GraphException.invalidField("schedule", "The schedule must end after it starts.");
        }
        if (granted.end != null && (end == null || end.isAfter(plusPolicy(policy, start)))) {
            throw GraphException.invalidField("schedule", "The requested schedule is longer than policy '"
                    + policy.displayName() + "' allows.");
        }
        return new Schedule(start, end, type, duration);
    }

    static Schedule fromPolicy(PolicyView policy, Instant now) {
        return switch (policy.expirationType()) {
            case "afterduration" -> new Schedule(now, plus(now, policy.expirationDuration(), "expiration.duration"),
                    "afterDuration", policy.expirationDuration());
            case "afterdatetime" -> new Schedule(now, parseInstant(policy.expirationEndDateTime()),
                    "afterDateTime", null);
            default -> new Schedule(now, null, "noExpiration", null);
        };
    }

    private static Instant plusPolicy(PolicyView policy, Instant start) {
        Schedule fromStart = fromPolicy(policy, start);
        return fromStart.end;
    }

    /** ISO-8601 duration: time-based ({@code PT8H}, {@code P30D}) or calendar ({@code P1M}, {@code P1Y}). */
    public static Instant plus(Instant start, String iso, String field) {
        if (iso == null || iso.isBlank()) {
            throw GraphException.invalidField(field, "A duration is required.");
        }
        try {
            Duration duration = Duration.parse(iso);
            if (duration.isNegative() || duration.isZero()) {
                throw GraphException.invalidField(field, "The duration must be positive.");
            }
            return start.plus(duration);
        } catch (DateTimeParseException notTimeBased) {
            try {
                Period period = Period.parse(iso);
                if (period.isNegative() || period.isZero()) {
                    throw GraphException.invalidField(field, "The duration must be positive.");
                }
                return start.atOffset(ZoneOffset.UTC).plus(period).toInstant();
            } catch (DateTimeParseException e) {
                throw GraphException.invalidField(field, "'" + iso + "' is not an ISO-8601 duration.");
            }
        }
    }

    private static Instant parseInstant(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
