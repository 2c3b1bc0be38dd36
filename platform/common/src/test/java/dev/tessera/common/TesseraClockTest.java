package dev.tessera.common;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;

class TesseraClockTest {

    @Test
    void withoutAnOffsetTheServiceRunsOnTheSystemClock() {
        assertSame(InstantSource.system(), TesseraClock.clock(Duration.ZERO));
    }

    @Test
    void anOffsetMovesNowByThatMuch() {
        Duration offset = Duration.ofDays(2);
        Instant before = Instant.now();
        Instant shifted = TesseraClock.clock(offset).instant();
        Instant after = Instant.now();
        assertFalse(shifted.isBefore(before.plus(offset)), shifted + " is before " + before.plus(offset));
        assertFalse(shifted.isAfter(after.plus(offset)), shifted + " is after " + after.plus(offset));
    }

    @Test
    void aNegativeOffsetMovesNowBack() {
        Instant before = Instant.now();
        assertTrue(TesseraClock.clock(Duration.ofHours(-1)).instant().isBefore(before));
    }
}
