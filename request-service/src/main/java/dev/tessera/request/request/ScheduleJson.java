package dev.tessera.request.request;

import java.time.Instant;

/** entitlementManagementSchedule on the wire. */
public record ScheduleJson(Instant startDateTime, Object recurrence, Expiration expiration) {

    public record Expiration(Instant endDateTime, String duration, String type) {
    }

    public static ScheduleJson of(Instant start, Instant end, String duration, String type) {
        return new ScheduleJson(start, null, new Expiration(end, duration, type == null ? "notSpecified" : type));
    }
}
