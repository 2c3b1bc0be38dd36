package dev.tessera.request.extension;

import dev.tessera.platform.graph.GraphException;
import dev.tessera.platform.graph.GraphText;
import dev.tessera.platform.graph.Ids;
import dev.tessera.platform.messaging.timer.DueTimer;
import dev.tessera.platform.messaging.timer.DurableTimers;
import dev.tessera.platform.messaging.timer.TimerHandler;
import dev.tessera.request.approval.ApprovalService;
import dev.tessera.request.request.AssignmentRequest;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import java.time.InstantSource;
import java.util.UUID;

/**
 * How a launch-and-wait callout ends: the receiver's {@code resume} lets the request go on to its grant;
 * the callback deadline passing first denies it with the reason, as an approval stage not decided in
 * time does. Whichever commits first wins: both lock the request and check it still waits.
 */
@ApplicationScoped
public class CalloutCallbacks {

    @Inject
    ApprovalService approvals;

    @Inject
    DurableTimers timers;

    @Inject
    InstantSource clock;

    /** {@code resume}: only by who manages the package's assignments (an administrator, an app with write). */
    @WithTransaction
    public Uni<Void> resume(UUID requestId, ResumeBody body, UUID caller, boolean manages) {
        return AssignmentRequest.<AssignmentRequest>find("id", requestId).withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResult().chain(request -> {
                    if (request == null || !(manages || request.isFor(caller))) {
                        throw GraphException.notFound("Assignment request '" + requestId + "' was not found.");
                    }
                    if (!manages) {
                        throw GraphException.forbidden("Only an administrator of the access package's assignments, "
                                + "or the extension's application, resumes a request.");
                    }
                    ResumeBody.Data data = check(body);
                    UUID calloutId = Ids.parse(data.customExtensionStageInstanceId(), "data.customExtensionStageInstanceId");
                    return CustomExtensionCallout.<CustomExtensionCallout>find("id = ?1 and requestId = ?2", calloutId,
                            requestId).firstResult().chain(callout -> {
                                if (callout == null) {
                                    throw GraphException.invalidField("data.customExtensionStageInstanceId",
                                            "Request '" + requestId + "' has no custom extension callout '" + calloutId + "'.");
                                }
                                if (data.stage() != null && !data.stage().equalsIgnoreCase(callout.stage)) {
                                    throw GraphException.invalidField("data.stage", "Callout '" + calloutId
                                            + "' was made at stage '" + callout.stage + "'.");
                                }
                                if (!callout.waits) {
                                    throw GraphException.badRequest("Callout '" + calloutId
                                            + "' does not wait for a callback (its extension has no callbackConfiguration).");
                                }
                                if (CustomExtensionCallout.CALLBACK_RECEIVED.equals(callout.status)
                                        || CustomExtensionCallout.TIMED_OUT.equals(callout.status)
                                        || !CustomExtensions.WAITING_STATUS.equals(request.status)) {
                                    throw GraphException.conflict("Request '" + requestId
                                            + "' is no longer waiting for this callback (" + request.state + ").");
                                }
                                callout.status = CustomExtensionCallout.CALLBACK_RECEIVED;
                                callout.detail = data.customExtensionStageInstanceDetail();
                                callout.modifiedAt = clock.instant();
                                return timers.cancel(CustomExtensions.CALLBACK, callout.id.toString())
                                        .chain(() -> timers.cancel(CustomExtensions.CALLOUT, callout.id.toString()))
                                        .chain(() -> approvals.grantAfterCallback(request));
                            });
                });
    }

    private static ResumeBody.Data check(ResumeBody body) {
        if (body == null || body.data() == null) {
            throw GraphException.invalidField("data", "Property 'data' is required.");
        }
        GraphText.atMost(body.source(), "source", 256);
        GraphText.atMost(body.type(), "type", 256);
        GraphText.atMost(body.data().customExtensionStageInstanceDetail(), "data.customExtensionStageInstanceDetail", 1000);
        if (body.data().customExtensionStageInstanceId() == null) {
            throw GraphException.invalidField("data.customExtensionStageInstanceId",
                    "Property 'data.customExtensionStageInstanceId' is required.");
        }
        if (body.data().state() != null) {
            // Graph lets a callback deny or cancel only at assignmentRequestCreated; Tessera waits only at approval
            throw GraphException.invalidField("data.state",
                    "Property 'data.state' can be set only for an assignmentRequestCreated stage.");
        }
        return body.data();
    }

    /** The callback deadline: a request still waiting is denied with the reason. */
    @ApplicationScoped
    static class Deadline implements TimerHandler {

        @Inject
        ApprovalService approvals;

        @Inject
        DurableTimers timers;

        @Inject
        InstantSource clock;

        @Override
        public String kind() {
            return CustomExtensions.CALLBACK;
        }

        @Override
        public Uni<Void> fire(DueTimer timer) {
            UUID id = UUID.fromString(timer.key());
            return CustomExtensionCallout.<CustomExtensionCallout>findById(id).chain(callout -> {
                if (callout == null || CustomExtensionCallout.CALLBACK_RECEIVED.equals(callout.status)) {
                    return Uni.createFrom().voidItem();
                }
                return AssignmentRequest.<AssignmentRequest>find("id", callout.requestId)
                        .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult().chain(request -> {
                            callout.status = CustomExtensionCallout.TIMED_OUT;
                            callout.modifiedAt = clock.instant();
                            Uni<Void> stop = timers.cancel(CustomExtensions.CALLOUT, callout.id.toString()).replaceWithVoid();
                            if (request == null || !CustomExtensions.WAITING_STATUS.equals(request.status)) {
                                return stop;
                            }
                            return stop.chain(() -> approvals.denyAfterCallback(request, "The custom extension '"
                                    + callout.customExtensionId + "' did not call back in time (stage " + callout.stage
                                    + "); denied automatically."));
                        });
            });
        }
    }
}
