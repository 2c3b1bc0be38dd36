package dev.tessera.request.automatic;

import dev.tessera.platform.messaging.Outbox;
import dev.tessera.platform.messaging.events.AssignmentRemoved;
import dev.tessera.platform.messaging.events.EventTypes;
import dev.tessera.platform.messaging.events.Topics;
import dev.tessera.platform.messaging.timer.DurableTimers;
import dev.tessera.request.assignment.Assignment;
import dev.tessera.request.assignment.AssignmentExpiry;
import dev.tessera.request.assignment.AssignmentState;
import dev.tessera.request.catalog.CatalogDeletions;
import dev.tessera.request.request.AssignmentRequest;
import dev.tessera.request.request.AssignmentRequestStore;
import dev.tessera.request.request.RequestState;
import dev.tessera.request.request.RequestType;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * A user deleted from the directory loses their access, as in Entra: inside the {@code userDeleted}
 * event's transaction, every open request for them (or made by them) that could still grant access
 * (waiting for approval, for its start, or just submitted) ends {@code denied} with the reason (its
 * stages close, a scheduled assignment ends before its start), and every live assignment they hold ends
 * by a {@code systemRemove} request on the path an {@code adminRemove} takes: an {@code AssignmentRemoved}
 * event from the outbox asks provisioning-service to take the access away, and its report makes the
 * assignment {@code expired}. An assignment already being removed is left alone, and so is one an
 * auto-assignment policy is removing after its grace period (its timer is already there: that rule
 * handles it). Everything acts only on what is still open, so a second {@code userDeleted} changes nothing.
 */
@ApplicationScoped
public class DeletedUsers {

    private static final Logger LOG = Logger.getLogger(DeletedUsers.class);

    static final List<RequestType> REMOVALS = List.of(RequestType.adminRemove, RequestType.userRemove,
            RequestType.systemRemove);

    @Inject
    CatalogDeletions deletions;

    @Inject
    DurableTimers timers;

    @Inject
    Outbox outbox;

    @Inject
    AssignmentExpiry expiry;

    @Inject
    AssignmentRequestStore store;

    @Inject
    java.time.InstantSource clock;

    /** Inside the consumer's transaction. */
    public Uni<Void> deleted(UUID userId) {
        String reason = "The user " + userId + " was deleted from the directory.";
        // a projection, so that each request is first loaded under its locks (CatalogDeletions.endOpen)
        return Panache.getSession().chain(session -> session.createQuery(
                        "select r.id from AssignmentRequest r where (r.targetObjectId = ?1 or r.requestorObjectId = ?1) "
                                + "and r.state in ?2 and r.requestType in ?3", UUID.class)
                        .setParameter(1, userId).setParameter(2, CatalogDeletions.openStates())
                        .setParameter(3, CatalogDeletions.grantingTypes()).getResultList())
                .chain(ids -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (UUID requestId : ids) {
                        chain = chain.chain(() -> deletions.endOpen(requestId, reason));
                    }
                    return chain;
                })
                .chain(() -> Panache.getSession().chain(session -> session.createQuery(
                        "select a.id from Assignment a where a.targetObjectId = ?1 and a.state not in ?2", UUID.class)
                        .setParameter(1, userId).setParameter(2, List.of(AssignmentState.expired, AssignmentState.scheduled))
                        .getResultList()))
                .chain(ids -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (UUID assignmentId : ids) {
                        chain = chain.chain(() -> remove(assignmentId, reason));
                    }
                    return chain;
                });
    }

    /** Locked as an adminRemove locks it (AssignmentRequestStore.recordRemove), then decided as it is now. */
    private Uni<Void> remove(UUID assignmentId, String reason) {
        return Assignment.<Assignment>find("id", assignmentId).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult()
                .chain(assignment -> {
                    if (assignment == null || !assignment.isLive() || assignment.state == AssignmentState.scheduled) {
                        return Uni.createFrom().voidItem();
                    }
                    return AssignmentRequest.count("assignmentId = ?1 and state = ?2 and requestType in ?3", assignmentId,
                                    RequestState.submitted, REMOVALS)
                            .chain(inFlight -> inFlight > 0 ? Uni.createFrom().item(true)
                                    : timers.dueAt(AutomaticRemoval.KIND,
                                            assignment.assignmentPolicyId + "/" + assignment.targetObjectId)
                                            .map(due -> due != null))
                            .chain(handled -> handled ? Uni.createFrom().voidItem() : systemRemove(assignment, reason));
                });
    }

    private Uni<Void> systemRemove(Assignment assignment, String reason) {
        AssignmentRequest removal = AssignmentRequest.about(assignment, RequestType.systemRemove,
                AssignmentExpiry.SYSTEM, reason, clock.instant());
        AssignmentRemoved removed = new AssignmentRemoved(assignment.id, removal.id, assignment.accessPackageId,
                assignment.targetObjectId, RequestType.systemRemove.name(), store.roles(assignment.resourceRoles));
        LOG.infof("Assignment %s of %s to package %s ends: the user was deleted", assignment.id,
                assignment.targetObjectId, assignment.accessPackageId);
        return removal.persist().chain(Panache::flush)
                .chain(() -> outbox.publish(Topics.ASSIGNMENT_EVENTS, EventTypes.ASSIGNMENT_REMOVED,
                        assignment.id.toString(), removed))
                .chain(() -> expiry.cancel(assignment.id));
    }
}
