package dev.tessera.request.policy;

import dev.tessera.platform.em.PolicyView;
import dev.tessera.platform.graph.GraphException;
import dev.tessera.platform.graph.GraphInstants;
import java.time.DateTimeException;
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
            case "afterdatetime" -> new Schedule(now, endNotPassed(policy, now), "afterDateTime", null);
            default -> new Schedule(now, null, "noExpiration", null);
        };
    }

    /**
     * A policy whose fixed end has passed since it was written would hand out assignments that ended
     * before they began: refused, naming the end.
     */
    private static Instant endNotPassed(PolicyView policy, Instant now) {
        Instant end = parseInstant(policy.expirationEndDateTime());
        if (end != null && !end.isAfter(now)) {
            throw GraphException.badRequest("PolicyExpired", "Policy '" + policy.displayName()
                    + "' gives access only until " + end + " (expiration.endDateTime), which has passed; "
                    + "nothing can be assigned under it.");
        }
        return end;
    }

    private static Instant plusPolicy(PolicyView policy, Instant start) {
        Schedule fromStart = fromPolicy(policy, start);
        return fromStart.end;
    }

    /**
     * ISO-8601 duration, the set catalog-service accepts for a policy ({@code IsoDurations}): a date part
     * ({@code P1Y2M3D}, weeks too) added by the calendar from {@code start} in UTC — a month is a calendar
     * month — then a time part ({@code T4H30M}); so {@code PT8H}, {@code P30D}, {@code P1M},
     * {@code P1Y2M3DT4H} and {@code P1MT2H}. No part may be negative and the whole must be positive.
     */
    public static Instant plus(Instant start, String iso, String field) {
        if (iso == null || iso.isBlank()) {
            throw GraphException.invalidField(field, "A duration is required.");
        }
        String text = iso.trim().toUpperCase(java.util.Locale.ROOT);
        if (text.length() > MAX_DURATION_TEXT || !text.startsWith("P") || text.equals("P") || text.endsWith("T")) {
            throw notADuration(field, iso);
        }
        int t = text.indexOf('T');
        String datePart = t < 0 ? text : text.substring(0, t);
        String timePart = t < 0 ? null : "P" + text.substring(t);
        try {
            Period period = datePart.equals("P") ? Period.ZERO : Period.parse(datePart);
            Duration time = timePart == null ? Duration.ZERO : Duration.parse(timePart);
            if (period.isNegative() || time.isNegative() || (period.isZero() && time.isZero())) {
                throw GraphException.invalidField(field, "The duration must be positive.");
            }
            Instant end = start.atOffset(ZoneOffset.UTC).plus(period).toInstant().plus(time);
            if (!GraphInstants.inRange(end)) {
                throw GraphException.invalidField(field, "'" + iso + "' is too long: the schedule would end after "
                        + "9999-12-31.");
            }
            return end;
        } catch (DateTimeParseException e) {
            throw notADuration(field, iso);
        } catch (DateTimeException | ArithmeticException e) {
            throw GraphException.invalidField(field, "'" + iso + "' is too long: the schedule would end after "
                    + "9999-12-31.");
        }
    }

    /** Durations are stored in varchar(40) columns. */
    static final int MAX_DURATION_TEXT = 40;

    private static GraphException notADuration(String field, String iso) {
        return GraphException.invalidField(field, "'" + iso + "' is not an ISO-8601 duration.");
    }

    private static Instant parseInstant(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
