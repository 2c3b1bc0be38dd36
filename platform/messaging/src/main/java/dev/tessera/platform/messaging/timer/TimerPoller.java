package dev.tessera.platform.messaging.timer;

import dev.tessera.platform.messaging.MessagingMetrics;
import dev.tessera.common.Unavailability;
import dev.tessera.platform.messaging.VertxTicker;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Fires due timers. Each timer is claimed with {@code FOR UPDATE SKIP LOCKED} and deleted in the
 * same transaction in which its handler acts, so replicas share the table and a timer fires once.
 * Timers due together are fired {@code tessera.timers.fire-batch} (50) to a transaction, in due order,
 * each deleted just before its handler runs — unless an earlier handler of the batch cancelled or moved
 * it, which then holds as it would one transaction at a time. If a handler of a batch fails, the batch
 * rolls back, that timer's attempt is recorded (retried with backoff, or parked) and the others are
 * claimed again by the next batch.
 *
 * <p>Ticks every {@code tessera.timers.tick} (20 ms) but queries only when the nearest known
 * deadline has passed — deadlines scheduled by this process are known at once — or when
 * {@code tessera.timers.idle-poll-interval} (1 s) has gone by (timers of other replicas, a moved
 * test clock). A failed firing is retried with exponential backoff; after
 * {@code tessera.timers.max-attempts} the timer is parked with its last error and stays in the
 * table for an operator.
 */
@ApplicationScoped
public class TimerPoller {

    private static final Logger LOG = Logger.getLogger(TimerPoller.class);

    static final String CLAIM = "select * from durable_timer where parked_at is null "
            + "and coalesce(retry_at, due_at) <= ?1 order by coalesce(retry_at, due_at) limit 1 for update skip locked";

    static final String CLAIM_BATCH = "select * from durable_timer where parked_at is null "
            + "and coalesce(retry_at, due_at) <= ?1 order by coalesce(retry_at, due_at) limit ?2 for update skip locked";

    /** (HQL) a claimed timer, unless a handler earlier in its batch cancelled it or moved it. By HQL: a native
     * delete here held up other sessions of the JVM for seconds (DurableTimersTest saw it). */
    static final String DELETE_UNCHANGED = "id = ?1 and dueAt = ?2 and attempts = ?3";

    static final String NEXT_DUE = "select min(coalesce(retry_at, due_at)) from durable_timer where parked_at is null";

    private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

    private static final Duration FIRING_TIMEOUT = Duration.ofSeconds(30);

    private static final Duration PASS_WAIT = Duration.ofMillis(10);

    @Inject
    Vertx vertx;

    @Inject
    InstantSource clock;

    @Inject
    MessagingMetrics metrics;

    @Inject
    @Any
    Instance<TimerHandler> handlerBeans;

    @ConfigProperty(name = "tessera.timers.enabled", defaultValue = "true")
    boolean enabled;

    @ConfigProperty(name = "tessera.timers.tick", defaultValue = "PT0.02S")
    Duration tick;

    @ConfigProperty(name = "tessera.timers.idle-poll-interval", defaultValue = "PT1S")
    Duration idlePollInterval;

    @ConfigProperty(name = "tessera.timers.batch-size", defaultValue = "200")
    int batchSize;

    /** Timers fired in one transaction when many are due together (1: one transaction per timer). */
    @ConfigProperty(name = "tessera.timers.fire-batch", defaultValue = "50")
    int fireBatch;

    @ConfigProperty(name = "tessera.timers.max-attempts", defaultValue = "8")
    int maxAttempts;

    @ConfigProperty(name = "tessera.timers.first-backoff", defaultValue = "PT1S")
    Duration firstBackoff;

    private final Map<String, TimerHandler> handlers = new HashMap<>();
    private final AtomicReference<Instant> nextDue = new AtomicReference<>(Instant.MIN);
    private final AtomicReference<Instant> scheduledDuringPoll = new AtomicReference<>(Instant.MAX);
    private final AtomicLong lastPolled = new AtomicLong();
    private final AtomicBoolean passing = new AtomicBoolean();
    private volatile boolean started;

    void onStart(@Observes StartupEvent event) {
        for (TimerHandler handler : handlerBeans) {
            TimerHandler previous = handlers.putIfAbsent(handler.kind(), handler);
            if (previous != null) {
                throw new IllegalStateException("Two timer handlers for kind " + handler.kind() + ": "
                        + previous.getClass().getName() + " and " + handler.getClass().getName());
            }
        }
        started = true;
        if (enabled) {
            VertxTicker.every(vertx, tick, this::poll);
        }
    }

    /** Called by {@link DurableTimers}: a deadline sooner than the known one wakes the poller then. */
    void scheduled(Instant dueAt) {
        nextDue.accumulateAndGet(dueAt, TimerPoller::earlier);
        scheduledDuringPoll.accumulateAndGet(dueAt, TimerPoller::earlier);
    }

    Uni<Void> poll() {
        long now = System.nanoTime();
        boolean deadlinePassed = !clock.instant().isBefore(nextDue.get());
        boolean idleDue = now - lastPolled.get() >= idlePollInterval.toNanos();
        if (!started || !(deadlinePassed || idleDue)) {
            return Uni.createFrom().voidItem();
        }
        lastPolled.set(now);
        scheduledDuringPoll.set(Instant.MAX);
        return fireDue().chain(fired -> onFreshContext(this::nearestDeadline))
                .invoke(next -> nextDue.set(earlier(next, scheduledDuringPoll.get())))
                // never let a stuck pass stop the poller: the ticker skips ticks while one runs
                .ifNoItem().after(Duration.ofSeconds(60)).fail()
                .replaceWithVoid()
                .onFailure().invoke(e -> LOG.warnf("Timer pass failed, will retry: %s", e.getMessage()))
                .onFailure().recoverWithNull();
    }

    /**
     * Fires every timer due now (up to the batch size), one transaction each; returns how many fired
     * or failed. Passes of one JVM run one at a time — a call made while another pass runs waits for it
     * (two passes at once inside one JVM have been seen to stall a transaction); other replicas are
     * kept apart by SKIP LOCKED.
     */
    public Uni<Integer> fireDue() {
        return Uni.createFrom().deferred(() -> {
            if (!passing.compareAndSet(false, true)) {
                return Uni.createFrom().<Integer>failure(new PassInProgress());
            }
            return fireDue(clock.instant(), batchSize).onTermination().invoke(() -> passing.set(false));
        }).onFailure(PassInProgress.class).retry().withBackOff(PASS_WAIT, PASS_WAIT.multipliedBy(5)).indefinitely();
    }

    /** Another pass of this JVM is running; the caller waits and tries again. */
    private static final class PassInProgress extends RuntimeException {
        PassInProgress() {
            super("a timer pass is running", null, false, false);
        }
    }

    private Uni<Integer> fireDue(Instant now, int remaining) {
        if (remaining <= 0) {
            return Uni.createFrom().item(0);
        }
        int size = Math.min(remaining, Math.max(1, fireBatch));
        if (size == 1) {
            return onFreshContext(() -> fireOne(now)).chain(fired -> fired
                    ? fireDue(now, remaining - 1).map(more -> more + 1)
                    : Uni.createFrom().item(0));
        }
        return onFreshContext(() -> fireBatch(now, size)).chain(claimed -> claimed < size
                ? Uni.createFrom().item(claimed)
                : fireDue(now, remaining - claimed).map(more -> more + claimed));
    }

    /**
     * Claims up to {@code size} due timers and fires them in one transaction, in due order; returns how
     * many were claimed. When a handler fails, the batch rolls back and that timer's failure is recorded
     * as {@link #fireOne} records it (retried with backoff, parked after the last attempt, held through an
     * outage); the others are claimed again by the next batch. Each attempt runs a handler once.
     */
    private Uni<Integer> fireBatch(Instant now, int size) {
        List<TimerRow> fired = new ArrayList<>();
        AtomicReference<TimerRow> firing = new AtomicReference<>();
        AtomicReference<Integer> claimedCount = new AtomicReference<>(0);
        return Panache.withTransaction(() -> Panache.getSession()
                        .chain(session -> session.createNativeQuery(CLAIM_BATCH, TimerRow.class)
                                .setParameter(1, DurableTimers.utc(now))
                                .setParameter(2, size)
                                .getResultList()
                                .chain(rows -> {
                                    claimedCount.set(rows.size());
                                    Uni<Void> chain = Uni.createFrom().voidItem();
                                    for (TimerRow row : rows) {
                                        chain = chain.chain(() -> TimerRow.delete(DELETE_UNCHANGED, row.id, row.dueAt,
                                                        row.attempts)
                                                .chain(deleted -> {
                                                    if (deleted == 0) {
                                                        return Uni.createFrom().voidItem(); // cancelled or moved by an earlier handler
                                                    }
                                                    firing.set(row);
                                                    fired.add(row);
                                                    return handle(row.due());
                                                }));
                                    }
                                    return chain.replaceWith(rows.size());
                                })))
                .invoke(() -> fired.forEach(this::lateness))
                .onFailure().recoverWithUni(failure -> {
                    TimerRow row = firing.get();
                    if (row == null) {
                        return Uni.createFrom().failure(failure);
                    }
                    LOG.debugf("A batch of %d timers rolled back: %s/%s failed (%s)", claimedCount.get(), row.kind,
                            row.key, failure.toString());
                    return onFreshContext(() -> recordFailure(row, failure)).replaceWith(claimedCount.get());
                });
    }

    /**
     * Runs the work on a new duplicated context: each timer's transaction gets its own, so a
     * completion that arrives on another event loop never carries one transaction's session into
     * the next.
     */
    private <T> Uni<T> onFreshContext(Supplier<Uni<T>> work) {
        return Uni.createFrom().<T>emitter(emitter -> {
            Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
            VertxContextSafetyToggle.setContextSafe(context, true);
            context.runOnContext(v -> Uni.createFrom().<T>deferred(work::get)
                    .ifNoItem().after(FIRING_TIMEOUT).fail()
                    .subscribe().with(emitter::complete, emitter::fail));
        });
    }

    /** Claims one due timer and fires it; false when none is due. */
    private Uni<Boolean> fireOne(Instant now) {
        AtomicReference<TimerRow> claimed = new AtomicReference<>();
        return Panache.withTransaction(() -> Panache.getSession()
                        .chain(session -> session.createNativeQuery(CLAIM, TimerRow.class)
                                .setParameter(1, DurableTimers.utc(now))
                                .getResultList()
                                .chain(rows -> {
                                    if (rows.isEmpty()) {
                                        return Uni.createFrom().item(false);
                                    }
                                    TimerRow row = rows.get(0);
                                    claimed.set(row);
                                    // Deleted before the handler runs, so the handler may schedule the
                                    // same kind and key again; a failure rolls the deletion back. By HQL,
                                    // not session.remove(): Hibernate Reactive 3.2 shares the state of
                                    // a remove() in flight between sessions (hibernate-reactive#1713).
                                    return TimerRow.delete("id", row.id)
                                            .chain(() -> handle(row.due()))
                                            .replaceWith(true);
                                })))
                .invoke(fired -> {
                    if (fired) {
                        lateness(claimed.get());
                    }
                })
                .onFailure().recoverWithUni(failure -> {
                    TimerRow row = claimed.get();
                    return row == null ? Uni.createFrom().failure(failure)
                            : onFreshContext(() -> recordFailure(row, failure));
                });
    }

    private Uni<Void> handle(DueTimer timer) {
        TimerHandler handler = handlers.get(timer.kind());
        if (handler == null) {
            return Uni.createFrom().failure(new IllegalStateException("No timer handler for kind " + timer.kind()));
        }
        return Uni.createFrom().deferred(() -> handler.fire(timer));
    }

    private Uni<Boolean> recordFailure(TimerRow claimed, Throwable failure) {
        // The database (or a peer) being unavailable is not the timer's fault: tried again after the first
        // back-off without counting an attempt, so an outage never parks a timer.
        boolean outage = Unavailability.isUnavailable(failure);
        int attempts = outage ? claimed.attempts : claimed.attempts + 1;
        boolean park = !outage && attempts >= maxAttempts;
        Instant now = clock.instant();
        String reason = reason(failure);
        metrics.timer(claimed.kind, park ? "parked" : outage ? "held" : "failed");
        if (park) {
            LOG.errorf("Timer %s/%s failed %d times, parked: %s", claimed.kind, claimed.key, attempts, reason);
        } else if (outage) {
            LOG.warnf("Timer %s/%s held, the database (or a peer) is unavailable; retrying: %s", claimed.kind,
                    claimed.key, reason);
        } else {
            LOG.warnf("Timer %s/%s failed (attempt %d), retrying: %s", claimed.kind, claimed.key, attempts, reason);
        }
        // Only if nobody else fired or rescheduled it meanwhile (same attempt count and deadline).
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session.createNativeQuery(
                        "update durable_timer set attempts = ?1, last_error = ?2, retry_at = ?3, parked_at = ?4 "
                                + "where id = ?5 and attempts = ?6 and due_at = ?7")
                .setParameter(1, attempts)
                .setParameter(2, reason)
                .setParameter(3, park ? null : DurableTimers.utc(now.plus(outage ? firstBackoff : backoff(attempts))))
                .setParameter(4, park ? DurableTimers.utc(now) : null)
                .setParameter(5, claimed.id)
                .setParameter(6, claimed.attempts)
                .setParameter(7, DurableTimers.utc(claimed.dueAt))
                .executeUpdate()))
                .replaceWith(true);
    }

    Duration backoff(int attempts) {
        Duration delay = firstBackoff.multipliedBy(1L << Math.min(attempts - 1, 20));
        return delay.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : delay;
    }

    private Uni<Instant> nearestDeadline() {
        return Panache.withSession(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery(NEXT_DUE, OffsetDateTime.class).getSingleResultOrNull())
                .map(next -> next == null ? Instant.MAX : next.toInstant()));
    }

    private void lateness(TimerRow row) {
        Duration late = Duration.between(row.retryAt != null ? row.retryAt : row.dueAt, clock.instant());
        metrics.timer(row.kind, "fired");
        metrics.lateness(row.kind, late);
        LOG.debugf("Timer %s/%s fired %d ms after its due time", row.kind, row.key, late.toMillis());
    }

    private static String reason(Throwable failure) {
        String message = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        return message.length() > 2000 ? message.substring(0, 2000) : message;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
