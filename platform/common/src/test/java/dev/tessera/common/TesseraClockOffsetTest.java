package dev.tessera.common;

import static org.junit.jupiter.api.Assertions.assertFalse;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The injected clock honours {@code tessera.clock.offset} from the service's configuration. */
@QuarkusTest
@TestProfile(TesseraClockOffsetTest.OneDayAhead.class)
class TesseraClockOffsetTest {

    public static class OneDayAhead implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(TesseraClock.OFFSET, "P1D");
        }
    }

    @Inject
    InstantSource clock;

    @Test
    void theInjectedClockRunsOneDayAhead() {
        Instant before = Instant.now();
        Instant now = clock.instant();
        Instant after = Instant.now();
        assertFalse(now.isBefore(before.plus(Duration.ofDays(1))), now + " is less than a day ahead of " + before);
        assertFalse(now.isAfter(after.plus(Duration.ofDays(1))), now + " is more than a day ahead of " + after);
    }
}
