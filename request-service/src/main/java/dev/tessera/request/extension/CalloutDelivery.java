package dev.tessera.request.extension;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.platform.messaging.timer.DueTimer;
import dev.tessera.platform.messaging.timer.DurableTimers;
import dev.tessera.platform.messaging.timer.TimerHandler;
import dev.tessera.request.assignment.Assignment;
import dev.tessera.request.request.AssignmentRequest;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.UUID;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Sends a callout when its timer is due, never inside a transaction: the timer's handler only moves the
 * timer to a watchdog time (the call's timeout and a margin later) and starts the send on a fresh context;
 * the HTTP call runs outside any transaction, and its outcome is recorded in a transaction of its own, which
 * ends the timer (sent, or given up) or moves it to the next try. A service stopped mid-call lets the
 * watchdog fire and send again (at least once; the receiver can tell a repeat by the callout id). A refused
 * or unanswered call is tried again after 1 s, 2 s, 4 s … (at most a minute) up to the extension's
 * {@code maximumRetries}, then recorded {@code calloutFailed}; a waiting request then waits for its
 * callback deadline. A slow receiver holds no database connection and delays no other timer.
 */
@ApplicationScoped
public class CalloutDelivery implements TimerHandler {

    private static final Logger LOG = Logger.getLogger(CalloutDelivery.class);
    static final Duration MAX_BACKOFF = Duration.ofMinutes(1);
    static final Duration WATCHDOG_MARGIN = Duration.ofSeconds(30);

    /** What a send needs, read in one short session. */
    private record Prepared(UUID calloutId, CalloutPlan plan, String body) {
    }

    @Inject
    CustomExtensions extensions;

    @Inject
    CalloutSender sender;

    @Inject
    DurableTimers timers;

    @Inject
    ObjectMapper mapper;

    @Inject
    InstantSource clock;

    @Inject
    Vertx vertx;

    @Override
    public String kind() {
        return CustomExtensions.CALLOUT;
    }

    @Override
    public Uni<Void> fire(DueTimer timer) {
        UUID id = UUID.fromString(timer.key());
        return CustomExtensionCallout.<CustomExtensionCallout>findById(id).chain(callout -> {
            if (callout == null || callout.status != null) {
                return Uni.createFrom().voidItem();
            }
            return AssignmentRequest.<AssignmentRequest>findById(callout.requestId).chain(request -> {
                CalloutPlan plan = request == null ? null : extensions.plan(request, callout.stage).orElse(null);
                if (plan == null) {
                    return Uni.createFrom().voidItem();
                }
                Instant watchdog = clock.instant().plusMillis(plan.timeoutInMilliseconds()).plus(WATCHDOG_MARGIN);
                return timers.schedule(CustomExtensions.CALLOUT, timer.key(), watchdog, null)
                        .invoke(() -> startSend(id));
            });
        });
    }

    /** The send and its outcome, on a context of their own, after (and outside) the timer's transaction. */
    private void startSend(UUID id) {
        onFreshContext(() -> Panache.withSession(() -> prepare(id)).chain(prepared -> prepared == null
                ? Uni.createFrom().voidItem()
                : sender.send(id.toString(), prepared.plan().url(), prepared.plan().timeoutInMilliseconds(),
                                prepared.body())
                        .onItemOrFailure().transformToUni((answer, failure) -> Panache.withTransaction(
                                () -> record(id, prepared.plan(), answer, failure)))))
                .subscribe().with(done -> {
                }, e -> LOG.warnf("Custom extension call %s: the outcome was not recorded (%s); its timer sends again",
                        id, e.getMessage()));
    }

    private Uni<Prepared> prepare(UUID id) {
        return CustomExtensionCallout.<CustomExtensionCallout>findById(id).chain(callout -> {
            if (callout == null || callout.status != null) {
                return Uni.createFrom().nullItem();
            }
            return AssignmentRequest.<AssignmentRequest>findById(callout.requestId).chain(request -> {
                CustomExtensions.Bound bound = request == null ? null : extensions.bound(request).orElse(null);
                CalloutPlan plan = bound == null ? null : CalloutPlan.at(bound.plans(), callout.stage).orElse(null);
                if (plan == null) {
                    return Uni.createFrom().nullItem();
                }
                Uni<Assignment> assignment = request.assignmentId == null ? Uni.createFrom().nullItem()
                        : Assignment.findById(request.assignmentId);
                return assignment.map(a -> new Prepared(id, plan,
                        CalloutPayload.of(mapper, callout, plan, bound, request, a)));
            });
        });
    }

    /** The outcome of one try; a callout already ended (by another try) is left as it is. */
    private Uni<Void> record(UUID id, CalloutPlan plan, CalloutSender.Answer answer, Throwable failure) {
        return CustomExtensionCallout.<CustomExtensionCallout>findById(id, LockModeType.PESSIMISTIC_WRITE)
                .chain(callout -> {
                    if (callout == null || callout.status != null) {
                        return Uni.createFrom().voidItem();
                    }
                    callout.attempts++;
                    callout.modifiedAt = clock.instant();
                    if (failure == null && answer.accepted()) {
                        callout.status = callout.waits ? CustomExtensionCallout.WAITING : CustomExtensionCallout.SENT;
                        callout.externalCorrelationId = answer.correlationId();
                        callout.detail = null;
                        return timers.cancel(CustomExtensions.CALLOUT, id.toString()).replaceWithVoid();
                    }
                    String why = failure != null ? failure.getClass().getSimpleName() + ": " + failure.getMessage()
                            : "The receiver answered " + answer.status() + ".";
                    callout.detail = why.length() > 1000 ? why.substring(0, 1000) : why;
                    if (callout.attempts <= plan.maximumRetries()) {
                        Instant next = clock.instant().plus(backoff(callout.attempts));
                        LOG.infof("Custom extension call %s failed (attempt %d): %s; again at %s", id, callout.attempts,
                                why, next);
                        return timers.schedule(CustomExtensions.CALLOUT, id.toString(), next, null);
                    }
                    LOG.warnf("Custom extension call %s failed after %d attempts: %s", id, callout.attempts, why);
                    callout.status = CustomExtensionCallout.FAILED;
                    return timers.cancel(CustomExtensions.CALLOUT, id.toString()).replaceWithVoid();
                });
    }

    private <T> Uni<T> onFreshContext(Supplier<Uni<T>> work) {
        return Uni.createFrom().<T>emitter(emitter -> {
            Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
            VertxContextSafetyToggle.setContextSafe(context, true);
            context.runOnContext(v -> Uni.createFrom().<T>deferred(work::get)
                    .subscribe().with(emitter::complete, emitter::fail));
        });
    }

    static Duration backoff(int attempts) {
        Duration d = Duration.ofSeconds(1L << Math.min(attempts - 1, 6));
        return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
    }
}
