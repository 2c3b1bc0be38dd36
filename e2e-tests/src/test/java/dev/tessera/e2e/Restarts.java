package dev.tessera.e2e;

import dev.tessera.devstack.LocalStack;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;

/**
 * Crashes and restarts of one service of the shared stack. A restart "ahead" runs the service with
 * {@code tessera.clock.offset} (docs/operations.md) so that its day-long timers are due at once;
 * {@link #backToRealTime} must follow, or the next tests would run against a service living in the future.
 */
final class Restarts {

    private Restarts() {
    }

    /** kill -9, then a plain start: only what PostgreSQL and Kafka kept survives. */
    static void crash(LocalStack stack, String service) throws IOException {
        stack.stopService(service, true);
        stack.startService(service);
    }

    /** kill -9, then a start with the service's clock {@code ahead} of real time. */
    static void crashAndWakeAhead(LocalStack stack, String service, Duration ahead) throws IOException {
        stack.stopService(service, true);
        stack.startService(service, Map.of("tessera.clock.offset", ahead.toString()));
    }

    /** A graceful restart on the real clock. */
    static void backToRealTime(LocalStack stack, String service) throws IOException {
        stack.stopService(service, false);
        stack.startService(service);
    }
}
