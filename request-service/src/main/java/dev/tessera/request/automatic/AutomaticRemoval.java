package dev.tessera.request.automatic;

import dev.tessera.platform.messaging.Outbox;
import dev.tessera.platform.messaging.events.AssignmentRemoved;
import dev.tessera.platform.messaging.events.EventTypes;
import dev.tessera.platform.messaging.events.Topics;
import dev.tessera.platform.messaging.timer.DueTimer;
import dev.tessera.platform.messaging.timer.TimerHandler;
import dev.tessera.request.assignment.Assignment;
import dev.tessera.request.assignment.AssignmentExpiry;
import dev.tessera.request.assignment.AssignmentState;
import dev.tessera.request.external.ExternalUserLifecycle;
import dev.tessera.request.request.AssignmentRequest;
import dev.tessera.request.request.AssignmentRequestStore;
import dev.tessera.request.request.RequestState;
import dev.tessera.request.request.RequestType;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.InstantSource;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The end of a grace period (key {@code policyId/userId}): the user still does not match — matching
 * again deletes this timer — so the assignment the policy gave goes by a {@code systemRemove}. An
 * assignment that ended or is being removed meanwhile is left alone.
 */
@ApplicationScoped
public class AutomaticRemoval implements TimerHandler {

    public static final String KIND = "request.automaticRemoval";

    private static final Logger LOG = Logger.getLogger(AutomaticRemoval.class);

    @Inject
    Outbox outbox;

    @Inject
    AssignmentExpiry expiry;

    @Inject
    ExternalUserLifecycle externalUsers;

    @Inject
    AssignmentRequestStore store;

    @Inject
    InstantSource clock;

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Uni<Void> fire(DueTimer timer) {
        String[] parts = timer.key().split("/");
        UUID policyId = UUID.fromString(parts[0]);
        UUID userId = UUID.fromString(parts[1]);
        return Assignment.<Assignment>find("assignmentPolicyId = ?1 and targetObjectId = ?2 and state <> ?3", policyId,
                userId, AssignmentState.expired).firstResult().chain(assignment -> {
                    if (assignment == null) {
                        return Uni.createFrom().voidItem();
                    }
                    return AssignmentRequest.count("assignmentId = ?1 and state = ?2 and requestType in ?3", assignment.id,
                            RequestState.submitted, List.of(RequestType.adminRemove, RequestType.userRemove,
                                    RequestType.systemRemove))
                            .chain(inFlight -> inFlight > 0 ? Uni.createFrom().voidItem() : remove(assignment));
                });
    }

    private Uni<Void> remove(Assignment assignment) {
        AssignmentRequest removal = AssignmentRequest.about(assignment, RequestType.systemRemove,
                AssignmentExpiry.SYSTEM, "The user is no longer a target of the policy's automatic assignment.",
                clock.instant());
        AssignmentRemoved removed = new AssignmentRemoved(assignment.id, removal.id, assignment.accessPackageId,
                assignment.targetObjectId, RequestType.systemRemove.name(), store.roles(assignment.resourceRoles));
        LOG.infof("Assignment %s of %s ends: no longer a target of policy %s", assignment.id, assignment.targetObjectId,
                assignment.assignmentPolicyId);
        return removal.persist().chain(Panache::flush)
                .chain(() -> outbox.publish(Topics.ASSIGNMENT_EVENTS, EventTypes.ASSIGNMENT_REMOVED,
                        assignment.id.toString(), removed))
                .chain(() -> expiry.cancel(assignment.id))
                .chain(() -> externalUsers.assignmentEnding(assignment.targetObjectId));
    }
}
