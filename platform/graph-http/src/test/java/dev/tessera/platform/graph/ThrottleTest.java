package dev.tessera.platform.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The token buckets, on a clock the test moves: no sleeps. */
class ThrottleTest {

    final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
    final InstantSource clock = now::get;

    Throttle throttle(double rate, int burst, double writeRate, int writeBurst) {
        return new Throttle(new Throttle.Limits(true, rate, burst, writeRate, writeBurst, Duration.ofMinutes(10), 1000), clock,
                Runnable::run);
    }

    void advance(Duration d) {
        now.updateAndGet(i -> i.plus(d));
    }

    @Test
    void aBurstThenTheRateAndRetryAfterSaysWhenTheNextRequestFits() {
        Throttle t = throttle(2, 5, 100, 100);
        for (int i = 0; i < 5; i++) {
            t.take("user a", false);
        }
        Throttle.Throttled e = assertThrows(Throttle.Throttled.class, () -> t.take("user a", false));
        assertEquals(429, e.status());
        assertEquals("activityLimitReached", e.code());
        assertEquals(1, e.retryAfterSeconds()); // half a second at 2 per second, rounded up to whole seconds
        advance(Duration.ofMillis(500));
        t.take("user a", false);
        assertThrows(Throttle.Throttled.class, () -> t.take("user a", false));
        advance(Duration.ofHours(1)); // refills to the burst, not beyond
        for (int i = 0; i < 5; i++) {
            t.take("user a", false);
        }
        assertThrows(Throttle.Throttled.class, () -> t.take("user a", false));
    }

    @Test
    void oneCallerEmptyingItsBucketLeavesTheOthersAlone() {
        Throttle t = throttle(0.01, 3, 100, 100);
        for (int i = 0; i < 3; i++) {
            t.take("user a", false);
        }
        Throttle.Throttled e = assertThrows(Throttle.Throttled.class, () -> t.take("user a", false));
        assertEquals(100, e.retryAfterSeconds());
        for (int i = 0; i < 3; i++) {
            t.take("user b", false);
            t.take("app x", false);
            t.take("ip 10.0.0.1", false);
        }
    }

    @Test
    void writesHaveTheirOwnLowerLimitAndARefusedRequestTakesNothing() {
        Throttle t = throttle(100, 4, 0.5, 2);
        t.take("user a", true);
        t.take("user a", true);
        Throttle.Throttled e = assertThrows(Throttle.Throttled.class, () -> t.take("user a", true));
        assertEquals(2, e.retryAfterSeconds());
        assertTrue(e.getMessage().contains("write requests"), e.getMessage());
        // reads still go: two of the four were used by the writes
        t.take("user a", false);
        t.take("user a", false);
        // the all-requests bucket is empty now: a write refused there gives its write token back
        advance(Duration.ofSeconds(2)); // one write token back, and all 4 general ones
        for (int i = 0; i < 4; i++) {
            t.take("user a", false);
        }
        assertThrows(Throttle.Throttled.class, () -> t.take("user a", true));
        advance(Duration.ofMillis(10)); // one general token (100/s), the write token is still there
        t.take("user a", true);
    }

    @Test
    void aClockGoingBackRefillsNothing() {
        Throttle t = throttle(1, 1, 100, 100);
        t.take("user a", false);
        now.updateAndGet(i -> i.minus(Duration.ofHours(1)));
        assertThrows(Throttle.Throttled.class, () -> t.take("user a", false));
    }

    @Test
    void idleCallersAreForgottenAndTheirNumberIsBounded() {
        Throttle t = new Throttle(new Throttle.Limits(true, 1, 1, 1, 1, Duration.ofMinutes(10), 50), clock, Runnable::run);
        for (int i = 0; i < 1000; i++) {
            t.take("ip 10.0." + (i / 256) + "." + (i % 256), false);
        }
        assertTrue(t.heldBuckets() <= 100, "buckets held: " + t.heldBuckets());
        advance(Duration.ofMinutes(11));
        assertEquals(0, t.heldBuckets());
    }

    @Test
    void anIdleCallerComesBackWithAFullBucket() {
        Throttle t = throttle(0.001, 2, 100, 100);
        t.take("user a", false);
        t.take("user a", false);
        assertThrows(Throttle.Throttled.class, () -> t.take("user a", false));
        advance(Duration.ofMinutes(9)); // still remembered: only 0.54 of a request refilled
        assertThrows(Throttle.Throttled.class, () -> t.take("user a", false));
        advance(Duration.ofMinutes(11)); // idle longer than idle-expiry: forgotten, a new full bucket
        assertEquals(0, t.heldBuckets());
        t.take("user a", false);
        t.take("user a", false);
    }

    @Test
    void disabledTakesNothing() {
        Throttle t = new Throttle(new Throttle.Limits(false, 1, 1, 1, 1, Duration.ofMinutes(10), 10), clock, Runnable::run);
        for (int i = 0; i < 10; i++) {
            t.take("user a", true);
        }
        assertEquals(0, t.heldBuckets());
    }

    @Test
    void limitsThatCannotWorkAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new Throttle.Limits(true, 0, 1, 1, 1, Duration.ofMinutes(1), 1));
        assertThrows(IllegalArgumentException.class,
                () -> new Throttle.Limits(true, 1, 0, 1, 1, Duration.ofMinutes(1), 1));
    }
}
