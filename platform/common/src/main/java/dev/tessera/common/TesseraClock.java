package dev.tessera.common;

import io.quarkus.arc.DefaultBean;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import java.time.Duration;
import java.time.InstantSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The one clock of a service. Production uses the system clock; tests replace the bean with a clock
 * they can move, so five-minute rules and 30-day expiries are tested without waiting.
 *
 * <p>{@code tessera.clock.offset} (an ISO-8601 duration, default {@code PT0S}) shifts this service's
 * notion of now — a drill and end-to-end test knob (docs/operations.md), never set in production:
 * a service restarted with {@code PT2H} fires the durable timers due in the next two hours at once.
 */
@ApplicationScoped
public class TesseraClock {

    static final String OFFSET = "tessera.clock.offset";

    private static final Logger LOG = Logger.getLogger(TesseraClock.class);

    @ConfigProperty(name = OFFSET, defaultValue = "PT0S")
    Duration offset;

    @Produces
    @DefaultBean
    @ApplicationScoped
    InstantSource systemClock() {
        return clock(offset);
    }

    void warnWhenMoved(@Observes StartupEvent event) {
        if (!offset.isZero()) {
            LOG.warnf("%s=%s: this service's clock runs %s ahead of the system clock (a drill setting, never for production)",
                    OFFSET, offset, offset);
        }
    }

    /** The system clock, moved by {@code offset}; the system clock itself when the offset is zero. */
    static InstantSource clock(Duration offset) {
        return offset.isZero() ? InstantSource.system() : InstantSource.offset(InstantSource.system(), offset);
    }
}
