package dev.tessera.request.assignment;

import dev.tessera.platform.messaging.Outbox;
import dev.tessera.platform.messaging.events.AssignmentRemoved;
import dev.tessera.platform.messaging.events.EventTypes;
import dev.tessera.platform.messaging.events.Topics;
import dev.tessera.platform.messaging.timer.DueTimer;
import dev.tessera.platform.messaging.timer.DurableTimers;
import dev.tessera.platform.messaging.timer.TimerHandler;
import dev.tessera.request.external.ExternalUserLifecycle;
import dev.tessera.request.request.AssignmentRequest;
import dev.tessera.request.request.AssignmentRequestStore;
import dev.tessera.request.request.RequestState;
import dev.tessera.request.request.RequestType;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Ends an assignment at the end of its schedule (30 days in the tutorial, {@code afterDateTime}, a
 * custom end): a durable timer scheduled with the grant fires here, the assignment goes
 * {@code expired} and a {@code systemRemove} request asks provisioning-service to take the access
 * away. An assignment that ended or is being removed meanwhile is left alone.
 */
@ApplicationScoped
public class AssignmentExpiry implements TimerHandler {

    public static final String KIND = "request.assignmentExpiry";

    /** The requestor of requests Tessera makes itself (expiry), as Graph shows system requests. */
    public static final UUID SYSTEM = new UUID(0, 0);

    private static final Logger LOG = Logger.getLogger(AssignmentExpiry.class);

    @Inject
    DurableTimers timers;

    @Inject
    Outbox outbox;

    @Inject
    ExternalUserLifecycle externalUsers;

    @Inject
    InstantSource clock;

    @Inject
    AssignmentRequestStore store;

    @Inject
    dev.tessera.request.notification.RequestMails mails;

    @Inject
    dev.tessera.request.notification.ExpiryWarning warning;

    /** Inside the grant's transaction: the assignment ends at {@code endAt}, if it has an end. */
    public Uni<Void> schedule(Assignment assignment) {
        return assignment.endAt == null ? Uni.createFrom().voidItem()
                : timers.schedule(KIND, assignment.id.toString(), assignment.endAt, null)
                        .chain(() -> warning.schedule(assignment));
    }

    /** Inside a removal's transaction: the assignment will end by that removal, not by expiry. */
    public Uni<Void> cancel(UUID assignmentId) {
        return timers.cancel(KIND, assignmentId.toString()).chain(() -> warning.cancel(assignmentId));
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Uni<Void> fire(DueTimer timer) {
        UUID assignmentId = UUID.fromString(timer.key());
        return Assignment.<Assignment>findById(assignmentId).chain(assignment -> {
            if (assignment == null || !assignment.isLive()) {
                return Uni.createFrom().voidItem();
            }
            return AssignmentRequest.count("assignmentId = ?1 and state = ?2 and requestType in ?3", assignmentId,
                            RequestState.submitted, List.of(RequestType.adminRemove, RequestType.userRemove,
                                    RequestType.systemRemove))
                    .chain(removalsInFlight -> removalsInFlight > 0 ? Uni.createFrom().voidItem()
                            : expire(assignment, timer.dueAt()));
        });
    }

    private Uni<Void> expire(Assignment assignment, Instant endedAt) {
        Instant now = clock.instant();
        assignment.state = AssignmentState.expired;
        assignment.status = "Expired";
        assignment.expiredAt = endedAt;
        assignment.modifiedAt = now;

        AssignmentRequest removal = AssignmentRequest.about(assignment, RequestType.systemRemove, SYSTEM,
                "The assignment's schedule ended.", now);

        AssignmentRemoved removed = new AssignmentRemoved(assignment.id, removal.id, assignment.accessPackageId,
                assignment.targetObjectId, RequestType.systemRemove.name(), store.roles(assignment.resourceRoles),
                store.attributes(assignment.attributeValues));
        LOG.infof("Assignment %s of %s to package %s expired (end %s)", assignment.id, assignment.targetObjectId,
                assignment.accessPackageId, endedAt);
        return removal.persist()
                .chain(Panache::flush)
                .chain(() -> outbox.publish(Topics.ASSIGNMENT_EVENTS, EventTypes.ASSIGNMENT_REMOVED,
                        assignment.id.toString(), removed))
                .chain(() -> externalUsers.assignmentEnding(assignment.targetObjectId))
                .chain(() -> mails.expired(assignment));
    }
}
