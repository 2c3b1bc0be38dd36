package dev.tessera.request.extension;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.platform.em.PolicyView;
import dev.tessera.platform.messaging.timer.DurableTimers;
import dev.tessera.request.catalog.RequestContext;
import dev.tessera.request.request.AssignmentRequest;
import dev.tessera.request.request.RequestState;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The one entry point of custom extensions in the request flow. At submission a request remembers what
 * its policy binds ({@link #remember}); at each stage {@link #notify} records a callout and a durable
 * timer that sends it ({@link CalloutDelivery}), inside the caller's transaction, so a call happens if and
 * only if the stage's state change committed and nothing waits on the receiver. A launch-and-wait
 * extension at {@code assignmentRequestApproved} {@link #hold}s the request instead of granting it, until
 * {@code resume} or the callback deadline ({@link CalloutCallbacks}).
 */
@ApplicationScoped
public class CustomExtensions {

    public static final String CREATED = "assignmentRequestCreated";
    public static final String APPROVED = "assignmentRequestApproved";
    public static final String GRANTED = "assignmentRequestGranted";
    public static final String REMOVED = "assignmentRequestRemoved";

    /** Timer kinds: a send (and its retries), and the deadline of a launch-and-wait callback. */
    public static final String CALLOUT = "request.customExtensionCallout";
    public static final String CALLBACK = "request.customExtensionCallback";

    /** The status Entra shows while a request waits for its extension. */
    public static final String WAITING_STATUS = "WaitingForCallback";

    private static final TypeReference<Bound> BOUND = new TypeReference<>() {
    };

    /** What a request's policy bound at submission, and the catalog facts its callouts name. */
    public record Bound(UUID catalogId, String accessPackageName, List<CalloutPlan> plans) {
    }

    @Inject
    DurableTimers timers;

    @Inject
    ObjectMapper mapper;

    @Inject
    InstantSource clock;

    /** Keeps on the request what its policy binds (nothing when it binds nothing). */
    public void remember(AssignmentRequest request, RequestContext context, PolicyView policy) {
        List<CalloutPlan> plans = CalloutPlan.of(context, policy);
        request.customExtensions = plans.isEmpty() ? null : json(new Bound(context.accessPackage().catalogId(),
                context.accessPackage().displayName(), plans));
    }

    /** A removal request calls what the add that created its assignment was submitted with. */
    public void inherit(AssignmentRequest removal, AssignmentRequest add) {
        removal.customExtensions = add == null ? null : add.customExtensions;
    }

    public Optional<Bound> bound(AssignmentRequest request) {
        if (request.customExtensions == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(mapper.readValue(request.customExtensions, BOUND));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored custom extensions of request " + request.id + " are unreadable", e);
        }
    }

    public Optional<CalloutPlan> plan(AssignmentRequest request, String stage) {
        return bound(request).flatMap(b -> CalloutPlan.at(b.plans(), stage));
    }

    /** Whether approval of this request waits for a launch-and-wait extension. */
    public boolean waitsAtApproval(AssignmentRequest request) {
        return plan(request, APPROVED).map(CalloutPlan::waits).orElse(false);
    }

    /**
     * Fire and forget: the extension bound at this stage (if any) is called; the request goes on. Inside the
     * caller's transaction, after the request row is written.
     */
    public Uni<Void> notify(AssignmentRequest request, String stage) {
        return plan(request, stage).map(plan -> record(request, plan, false)).orElse(Uni.createFrom().voidItem());
    }

    /**
     * Launch and wait at approval: the request waits ({@code pendingApproval} / {@code WaitingForCallback})
     * for {@code resume} until the extension's callback timeout. Inside the approving transaction.
     */
    public Uni<Void> hold(AssignmentRequest request) {
        CalloutPlan plan = plan(request, APPROVED).filter(CalloutPlan::waits)
                .orElseThrow(() -> new IllegalStateException("Request " + request.id + " has nothing to wait for"));
        request.state = RequestState.pendingApproval;
        request.status = WAITING_STATUS;
        return record(request, plan, true);
    }

    private Uni<Void> record(AssignmentRequest request, CalloutPlan plan, boolean waits) {
        Instant now = clock.instant();
        CustomExtensionCallout callout = new CustomExtensionCallout();
        callout.id = UUID.randomUUID();
        callout.requestId = request.id;
        callout.customExtensionId = plan.customExtensionId();
        callout.stage = plan.stage();
        callout.waits = waits;
        callout.status = null;
        callout.createdAt = now;
        callout.modifiedAt = now;
        Uni<Void> deadline = waits
                ? timers.schedule(CALLBACK, callout.id.toString(), now.plus(plan.callbackDuration()), null)
                : Uni.createFrom().voidItem();
        return Panache.getSession().chain(session -> session.persist(callout)).chain(Panache::flush)
                .chain(() -> timers.schedule(CALLOUT, callout.id.toString(), now, null))
                .chain(() -> deadline);
    }

    /** The request's callouts, oldest first (Graph customExtensionCalloutInstances). */
    public Uni<List<CustomExtensionCallout>> of(UUID requestId) {
        return CustomExtensionCallout.<CustomExtensionCallout>find("requestId = ?1 order by createdAt, id", requestId).list();
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Custom extensions cannot be serialised", e);
        }
    }
}
