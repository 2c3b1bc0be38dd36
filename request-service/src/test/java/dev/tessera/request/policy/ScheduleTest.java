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
}
