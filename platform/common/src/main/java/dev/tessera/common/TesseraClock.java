package dev.tessera.common;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.InstantSource;

/**
 * The one clock of a service. Production uses the system clock; tests replace the bean with a clock
 * they can move, so five-minute rules and 30-day expiries are tested without waiting.
 */
@ApplicationScoped
public class TesseraClock {

    @Produces
    @DefaultBean
    @ApplicationScoped
    InstantSource systemClock() {
        return InstantSource.system();
    }
}
