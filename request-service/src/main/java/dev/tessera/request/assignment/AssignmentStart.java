package dev.tessera.request.assignment;

import dev.tessera.platform.messaging.timer.DueTimer;
import dev.tessera.platform.messaging.timer.DurableTimers;
import dev.tessera.platform.messaging.timer.TimerHandler;
import dev.tessera.request.request.AssignmentRequest;
import dev.tessera.request.request.AssignmentRequestStore;
import dev.tessera.request.request.RequestState;
import dev.tessera.request.request.RequestType;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Starts an assignment whose schedule begins in the future. The add records the assignment {@code scheduled}
 * (its request {@code scheduled}) with a durable timer due at {@code startDateTime}; nothing is delivered. The
 * timer fires here: the assignment and its request go {@code delivering}, {@code AssignmentGranted} goes out
 * through the outbox and the expiry timer is set — exactly what an immediate add does at submission. A removal
 * or cancel before the start ends it without any delivery ({@link #endBeforeStart}).
 */
@ApplicationScoped
public class AssignmentStart implements TimerHandler {

    public static final String KIND = "request.assignmentStart";

    private static final Logger LOG = Logger.getLogger(AssignmentStart.class);

    /** Add request types, whose request created the assignment. */
    private static final List<RequestType> ADDS = List.of(RequestType.userAdd, RequestType.adminAdd,
            RequestType.systemAdd, RequestType.onBehalfAdd);

    @Inject
    DurableTimers timers;

    @Inject
    AssignmentRequestStore store;

    /** Inside the add's transaction: the scheduled assignment starts at {@code startAt}. */
    public Uni<Void> schedule(Assignment assignment) {
        return timers.schedule(KIND, assignment.id.toString(), assignment.startAt, null);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Uni<Void> fire(DueTimer timer) {
        UUID assignmentId = UUID.fromString(timer.key());
        // locked against a removal or cancel deciding at the same moment (they lock it too)
        return Assignment.<Assignment>find("id", assignmentId).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult().chain(assignment -> {
            if (assignment == null || assignment.state != AssignmentState.scheduled) {
                return Uni.createFrom().voidItem();
            }
            return addRequest(assignment.id).chain(request -> {
                LOG.infof("Assignment %s of %s to package %s starts (start %s)", assignment.id,
                        assignment.targetObjectId, assignment.accessPackageId, assignment.startAt);
                return store.start(assignment, request);
            });
        });
    }

    /**
     * Inside a removal's or cancel's transaction: a scheduled assignment ends before it began. Its start timer
     * goes, it is {@code expired} as of {@code now}, and the add request that created it is {@code canceled};
     * nothing was delivered, so nothing is taken away.
     */
    public Uni<Void> endBeforeStart(Assignment assignment, Instant now) {
        assignment.state = AssignmentState.expired;
        assignment.status = "Expired";
        assignment.expiredAt = now;
        assignment.modifiedAt = now;
        return timers.cancel(KIND, assignment.id.toString())
                .chain(() -> addRequest(assignment.id))
                .invoke(request -> {
                    if (request != null && request.state == RequestState.scheduled) {
                        request.state = RequestState.canceled;
                        request.status = "Canceled";
                        request.completedAt = now;
                    }
                })
                .replaceWithVoid();
    }

    private static Uni<AssignmentRequest> addRequest(UUID assignmentId) {
        return AssignmentRequest.<AssignmentRequest>find("assignmentId = ?1 and requestType in ?2 order by createdAt desc",
                assignmentId, ADDS).firstResult();
    }

    /** Whether a schedule starting at {@code start} waits rather than being delivered at {@code now}. */
    public static boolean startsLater(Instant start, Instant now) {
        return start != null && start.isAfter(now);
    }
}
