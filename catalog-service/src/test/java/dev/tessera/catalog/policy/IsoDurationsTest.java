package dev.tessera.catalog.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IsoDurationsTest {

    @Test
    void graphDurationsAreRead() {
        assertEquals(Optional.of(Duration.ofDays(30)), IsoDurations.parse("P30D"));
        assertEquals(Optional.of(Duration.ofHours(8)), IsoDurations.parse("PT8H"));
        assertEquals(Optional.of(Duration.ofMinutes(105)), IsoDurations.parse("PT1H45M"));
        assertEquals(Optional.of(Duration.ofHours(26)), IsoDurations.parse("P1DT2H"));
        assertEquals(Optional.of(Duration.ofDays(14)), IsoDurations.parse("P2W"));
        assertEquals(Optional.of(Duration.ofDays(365)), IsoDurations.parse("P1Y"));
        assertEquals(Optional.of(Duration.ZERO), IsoDurations.parse("PT0S"));
        assertEquals(Optional.of(Duration.ofDays(1)), IsoDurations.parse("p1d"));
    }

    @Test
    void anythingElseIsNotADuration() {
        for (String text : new String[] {null, "", "P", "PT", "30D", "P30", "-P1D", "P-1D", "thirty days", "P1DT"}) {
            assertTrue(IsoDurations.parse(text).isEmpty(), String.valueOf(text));
        }
    }
}
