package dev.tessera.platform.messaging;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Runs a reactive pass on a Vert.x periodic timer, one pass at a time, each on a fresh safe
 * duplicated context (Hibernate Reactive needs one). Not the Quarkus scheduler: it evaluates its
 * triggers once a second, too coarse for the relay's and timers' sub-second hops.
 */
public final class VertxTicker {

    private VertxTicker() {
    }

    /** Starts ticking; a tick is skipped while the previous pass is still running. Returns the timer id. */
    public static long every(Vertx vertx, Duration tick, Supplier<Uni<Void>> pass) {
        AtomicBoolean running = new AtomicBoolean();
        return vertx.setPeriodic(Math.max(1, tick.toMillis()), id -> {
            if (!running.compareAndSet(false, true)) {
                return;
            }
            Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
            VertxContextSafetyToggle.setContextSafe(context, true);
            context.runOnContext(v -> Uni.createFrom().<Void>deferred(pass::get)
                    .eventually(() -> running.set(false))
                    .subscribe().with(done -> { }, failure -> { }));
        });
    }
}
