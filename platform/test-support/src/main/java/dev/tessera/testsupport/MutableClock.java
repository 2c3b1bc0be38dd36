package dev.tessera.testsupport;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The services' clock in tests. It follows system time until a test moves it; services see the
 * moved time at once, so a 30-day expiry or a five-minute rule is tested without waiting.
 *
 * <p>An enabled alternative (global priority), so it replaces the {@code @DefaultBean} system clock
 * of {@code TesseraClock} — and would win over any other InstantSource bean — in every service
 * whose tests have this jar on the class path. Quarkus finds it through this jar's Jandex index.
 * Tests inject it as {@code @Inject MutableClock clock} and call {@link #reset()} when done.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class MutableClock implements InstantSource {

    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    @Override
    public Instant instant() {
        return Instant.now().plus(offset.get());
    }

    /** Same as {@link #instant()}, reads better in tests. */
    public Instant now() {
        return instant();
    }

    /** Jumps to the given instant; time keeps running from there. */
    public void set(Instant instant) {
        offset.set(Duration.between(Instant.now(), instant));
    }

    /** Moves time forward (or back, with a negative duration). */
    public void advance(Duration duration) {
        offset.updateAndGet(current -> current.plus(duration));
    }

    /** Back to following the system clock. */
    public void reset() {
        offset.set(Duration.ZERO);
    }

    /** How far this clock is ahead of system time. */
    public Duration offset() {
        return offset.get();
    }
}
