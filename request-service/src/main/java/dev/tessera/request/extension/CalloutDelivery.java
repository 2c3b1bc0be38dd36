package dev.tessera.request.extension;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.platform.messaging.timer.DueTimer;
import dev.tessera.platform.messaging.timer.DurableTimers;
import dev.tessera.platform.messaging.timer.TimerHandler;
import dev.tessera.request.assignment.Assignment;
import dev.tessera.request.request.AssignmentRequest;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Sends a callout when its timer is due: the body as the request is now, signed ({@link CalloutSender}).
 * A refused or unanswered call is tried again with backoff (1 s, 2 s, 4 s … at most a minute) up to the
 * extension's {@code maximumRetries}, then recorded {@code calloutFailed}; a waiting request then waits for
 * its callback deadline. The timer row commits with the outcome, so a stopped service sends on restart.
 */
@ApplicationScoped
public class CalloutDelivery implements TimerHandler {

    private static final Logger LOG = Logger.getLogger(CalloutDelivery.class);
    static final Duration MAX_BACKOFF = Duration.ofMinutes(1);

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

    @Override
    public String kind() {
        return CustomExtensions.CALLOUT;
    }

    @Override
    public Uni<Void> fire(DueTimer timer) {
        UUID id = UUID.fromString(timer.key());
        return CustomExtensionCallout.<CustomExtensionCallout>findById(id).chain(callout -> {
            if (callout == null || CustomExtensionCallout.CALLBACK_RECEIVED.equals(callout.status)
                    || CustomExtensionCallout.TIMED_OUT.equals(callout.status)) {
                return Uni.createFrom().voidItem();
            }
            return AssignmentRequest.<AssignmentRequest>findById(callout.requestId)
                    .chain(request -> request == null ? Uni.createFrom().voidItem() : send(callout, request));
        });
    }

    private Uni<Void> send(CustomExtensionCallout callout, AssignmentRequest request) {
        CustomExtensions.Bound bound = extensions.bound(request).orElse(null);
        CalloutPlan plan = bound == null ? null : CalloutPlan.at(bound.plans(), callout.stage).orElse(null);
        if (plan == null) {
            return Uni.createFrom().voidItem();
        }
        Uni<Assignment> assignment = request.assignmentId == null ? Uni.createFrom().nullItem()
                : Assignment.findById(request.assignmentId);
        return assignment.chain(a -> {
            String body = CalloutPayload.of(mapper, callout, plan, bound, request, a);
            return sender.send(callout.id.toString(), plan.url(), plan.timeoutInMilliseconds(), body)
                    .onItemOrFailure().transformToUni((answer, failure) -> {
                        callout.attempts++;
                        callout.modifiedAt = clock.instant();
                        if (failure == null && answer.accepted()) {
                            callout.status = callout.waits ? CustomExtensionCallout.WAITING : CustomExtensionCallout.SENT;
                            callout.externalCorrelationId = answer.correlationId();
                            callout.detail = null;
                            return Uni.createFrom().voidItem();
                        }
                        String why = failure != null ? failure.getClass().getSimpleName() + ": " + failure.getMessage()
                                : "The receiver answered " + answer.status() + ".";
                        callout.detail = why.length() > 1000 ? why.substring(0, 1000) : why;
                        if (callout.attempts <= plan.maximumRetries()) {
                            Instant next = clock.instant().plus(backoff(callout.attempts));
                            LOG.infof("Custom extension call %s failed (attempt %d): %s; again at %s", callout.id,
                                    callout.attempts, why, next);
                            return timers.schedule(CustomExtensions.CALLOUT, callout.id.toString(), next, null);
                        }
                        LOG.warnf("Custom extension call %s failed after %d attempts: %s", callout.id, callout.attempts, why);
                        callout.status = CustomExtensionCallout.FAILED;
                        return Uni.createFrom().voidItem();
                    });
        });
    }

    static Duration backoff(int attempts) {
        Duration d = Duration.ofSeconds(1L << Math.min(attempts - 1, 6));
        return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
    }
}
