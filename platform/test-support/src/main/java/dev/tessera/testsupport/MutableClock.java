package dev.tessera.testsupport;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The services' clock in tests. It follows system time until a test moves it; services see the
 * moved time at once, so a 30-day expiry or a five-minute rule is tested without waiting. Replaces
 * the default system clock bean because it is an ordinary bean of the same type.
 */
@ApplicationScoped
public class MutableClock implements InstantSource {

    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    @Override
    public Instant instant() {
        return Instant.now().plus(offset.get());
    }

    /** Jumps to the given instant (then keeps ticking from there). */
    public void set(Instant instant) {
        offset.set(Duration.between(Instant.now(), instant));
    }

    public void advance(Duration duration) {
        offset.updateAndGet(current -> current.plus(duration));
    }

    public void reset() {
        offset.set(Duration.ZERO);
    }
}
