package dev.tessera.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MutableClockTest {

    final MutableClock clock = new MutableClock();

    @Test
    void followsTheSystemClockUntilMoved() {
        assertNear(Instant.now(), clock.instant());
        assertNear(Instant.now(), clock.now());
        assertEquals(Duration.ZERO, clock.offset());
    }

    @Test
    void advanceAndSetMoveTimeWhichKeepsRunning() throws Exception {
        clock.advance(Duration.ofDays(30));
        assertNear(Instant.now().plus(Duration.ofDays(30)), clock.instant());
        Instant then = Instant.parse("2030-01-01T00:00:00Z");
        clock.set(then);
        assertNear(then, clock.instant());
        Thread.sleep(20);
        assertTrue(clock.instant().isAfter(then), "time keeps running after set()");
        clock.advance(Duration.ofMinutes(5));
        assertNear(then.plus(Duration.ofMinutes(5)), clock.instant());
    }

    @Test
    void resetReturnsToSystemTime() {
        clock.set(Instant.parse("2001-01-01T00:00:00Z"));
        clock.reset();
        assertNear(Instant.now(), clock.instant());
    }

    @Test
    void isAnEnabledAlternativeSoItReplacesTheDefaultClock() {
        assertNotNull(MutableClock.class.getAnnotation(Alternative.class));
        assertNotNull(MutableClock.class.getAnnotation(Priority.class));
    }

    static void assertNear(Instant expected, Instant actual) {
        long apart = Math.abs(Duration.between(expected, actual).toMillis());
        assertTrue(apart < 1000, () -> expected + " vs " + actual);
    }
}
