package dev.tessera.request.policy;

import dev.tessera.platform.em.PolicyView;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.platform.graph.GraphException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ScheduleTest {

    static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    static PolicyView policy(String expiration, boolean custom) throws Exception {
        return new PolicyView(new ObjectMapper().readTree("""
                {"id":"44444444-4444-4444-4444-444444444444","displayName":"P","expiration":%s,
                 "requestorSettings":{"allowCustomAssignmentSchedule":%s}}""".formatted(expiration, custom)));
    }

    @Test
    void afterDurationEndsThatLongAfterTheStart() throws Exception {
        Schedule schedule = Schedule.resolve(policy("{\"type\":\"afterDuration\",\"duration\":\"P30D\"}", false),
                null, false, NOW);
        assertEquals(NOW, schedule.start());
        assertEquals(NOW.plus(Duration.ofDays(30)), schedule.end());
        assertEquals("afterDuration", schedule.expirationType());
    }

    @Test
    void noExpirationHasNoEnd() throws Exception {
        Schedule schedule = Schedule.resolve(policy("{\"type\":\"NoExpiration\"}", false), null, false, NOW);
        assertNull(schedule.end());
        assertEquals("noExpiration", schedule.expirationType());
    }

    @Test
    void customScheduleIsRefusedWhenThePolicyDoesNotAllowIt() throws Exception {
        PolicyView policy = policy("{\"type\":\"afterDuration\",\"duration\":\"P30D\"}", false);
        Schedule.Requested requested = new Schedule.Requested(null, "afterDuration", null, "P7D");
        GraphException refused = assertThrows(GraphException.class,
                () -> Schedule.resolve(policy, requested, false, NOW));
        assertEquals("schedule", refused.target());
    }

    @Test
    void customScheduleMayNotOutlastThePolicy() throws Exception {
        PolicyView policy = policy("{\"type\":\"afterDuration\",\"duration\":\"P30D\"}", true);
        assertEquals(NOW.plus(Duration.ofDays(7)),
                Schedule.resolve(policy, new Schedule.Requested(null, "afterDuration", null, "P7D"), false, NOW).end());
        assertThrows(GraphException.class,
                () -> Schedule.resolve(policy, new Schedule.Requested(null, "afterDuration", null, "P31D"), false, NOW));
    }

    @Test
    void invalidDurationsAreRejectedWithTheFieldNamed() {
        GraphException bad = assertThrows(GraphException.class, () -> Schedule.plus(NOW, "thirty days", "expiration.duration"));
        assertEquals("expiration.duration", bad.target());
        assertThrows(GraphException.class, () -> Schedule.plus(NOW, "-P1D", "expiration.duration"));
        assertEquals(NOW.plus(Duration.ofHours(8)), Schedule.plus(NOW, "PT8H", "d"));
    }

    @Test
    void theDurationsCatalogServiceAcceptsAreAcceptedCountingMonthsByTheCalendar() {
        // 2026-11-22T10:00Z + 1 year 2 months 3 days = 2028-01-25, then 4 hours
        assertEquals(Instant.parse("2028-01-25T14:00:00Z"), Schedule.plus(NOW, "P1Y2M3DT4H", "d"));
        assertEquals(Instant.parse("2026-12-22T12:00:00Z"), Schedule.plus(NOW, "P1MT2H", "d"));
        assertEquals(Instant.parse("2027-11-22T10:00:00Z"), Schedule.plus(NOW, "P1Y", "d"));
        assertEquals(NOW.plus(Duration.ofDays(14)), Schedule.plus(NOW, "P2W", "d"));
        assertEquals(NOW.plus(Duration.ofDays(30)), Schedule.plus(NOW, "p30d", "d"));
        assertEquals(NOW.plus(Duration.ofMinutes(90)), Schedule.plus(NOW, "PT1H30M", "d"));
        for (String bad : new String[] {"P", "PT", "P1DT", "P0D", "PT0S", "P1D-T1H", "P-1DT2H", "P1DT-2H", "1D"}) {
            assertThrows(GraphException.class, () -> Schedule.plus(NOW, bad, "d"), bad);
        }
    }

    @Test
    void aPolicyWhoseFixedEndHasPassedIsRefusedNamingItsExpiration() throws Exception {
        PolicyView ended = policy("{\"type\":\"afterDateTime\",\"endDateTime\":\"2026-11-01T00:00:00Z\"}", false);
        GraphException refused = assertThrows(GraphException.class, () -> Schedule.resolve(ended, null, true, NOW));
        assertEquals(400, refused.status());
        assertEquals("PolicyExpired", refused.code());
        org.junit.jupiter.api.Assertions.assertTrue(refused.getMessage().contains("2026-11-01T00:00:00Z"), refused.getMessage());

        PolicyView open = policy("{\"type\":\"afterDateTime\",\"endDateTime\":\"2026-12-01T00:00:00Z\"}", false);
        assertEquals(Instant.parse("2026-12-01T00:00:00Z"), Schedule.resolve(open, null, false, NOW).end());
    }

    /** Issue 15 item 7: a duration that ends past year 9999 (or overflows) is a 400 naming the field, not a 500. */
    @Test
    void durationsEndingAfterYear9999AreRefusedNamingTheField() {
        for (String huge : new String[] {"P99999Y", "P999999999Y", "PT9999999999999H", "P" + "9".repeat(40) + "D"}) {
            GraphException refused = assertThrows(GraphException.class,
                    () -> Schedule.plus(NOW, huge, "schedule.expiration.duration"), huge);
            assertEquals(400, refused.status());
            assertEquals("schedule.expiration.duration", refused.target());
        }
        assertEquals(Instant.parse("9026-11-22T10:00:00Z"), Schedule.plus(NOW, "P7000Y", "d"));
    }
}
