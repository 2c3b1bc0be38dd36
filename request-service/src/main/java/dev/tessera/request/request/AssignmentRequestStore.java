package dev.tessera.request.request;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.platform.graph.GraphException;
import dev.tessera.platform.messaging.Outbox;
import dev.tessera.platform.messaging.events.AssignmentGranted;
import dev.tessera.platform.messaging.events.AssignmentRemoved;
import dev.tessera.platform.messaging.events.EventTypes;
import dev.tessera.platform.messaging.events.ResourceRoleRef;
import dev.tessera.platform.messaging.events.Topics;
import dev.tessera.request.approval.ApprovalPlanner;
import dev.tessera.request.approval.ApprovalService;
import dev.tessera.request.assignment.Assignment;
import dev.tessera.request.assignment.AssignmentExpiry;
import dev.tessera.request.assignment.AssignmentState;
import dev.tessera.request.catalog.RequestContext;
import dev.tessera.platform.em.PolicyView;
import dev.tessera.request.policy.Schedule;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The write side of requests: state, assignment and outbox event change in one transaction. */
@ApplicationScoped
public class AssignmentRequestStore {

    private static final TypeReference<List<ResourceRoleRef>> ROLES = new TypeReference<>() {
    };

    @Inject
    Outbox outbox;

    @Inject
    InstantSource clock;

    @Inject
    ObjectMapper mapper;

    @Inject
    AssignmentExpiry expiry;

    @Inject
    ApprovalService approvals;

    @WithSession
    public Uni<Optional<Assignment>> findAssignment(UUID id) {
        return Assignment.<Assignment>findById(id).map(Optional::ofNullable);
    }

    /** A live assignment of the target to any of these packages, if there is one. */
    @WithSession
    public Uni<Optional<Assignment>> liveAssignmentIn(UUID target, List<UUID> packageIds) {
        if (packageIds.isEmpty()) {
            return Uni.createFrom().item(Optional.empty());
        }
        return Assignment.<Assignment>find("targetObjectId = ?1 and accessPackageId in ?2 and state <> ?3", target,
                packageIds, AssignmentState.expired).firstResult().map(Optional::ofNullable);
    }

    /** What a grant needs from the catalog, kept on a request that waits for approval. */
    public record GrantContext(String accessPackageName, UUID catalogId, List<ResourceRoleRef> resourceRoles) {

        static GrantContext of(RequestContext context) {
            return new GrantContext(context.accessPackage().displayName(), context.accessPackage().catalogId(),
                    context.resourceRoles());
        }
    }

    /**
     * Records an add request: granted at once, or — when the policy requires approval — waiting in
     * {@code pendingApproval} with its stages planned.
     */
    @WithTransaction
    public Uni<AssignmentRequest> recordAdd(AssignmentRequest request, RequestContext context, PolicyView policy,
            Schedule schedule, List<ApprovalPlanner.StagePlan> approvalPlan) {
        return Assignment.count("accessPackageId = ?1 and targetObjectId = ?2 and state <> ?3",
                        request.accessPackageId, request.targetObjectId, AssignmentState.expired)
                .chain(existing -> {
                    if (existing > 0) {
                        throw existingAssignment(request);
                    }
                    if (policy.approvalRequiredForAdd()) {
                        request.state = RequestState.pendingApproval;
                        request.status = "PendingApproval";
                        request.grantContext = json(GrantContext.of(context));
                        return request.persist().chain(Panache::flush)
                                .chain(() -> approvals.open(request, approvalPlan))
                                .replaceWith(request);
                    }
                    return request.persist().chain(Panache::flush)
                            .chain(() -> grant(request, GrantContext.of(context), schedule))
                            .replaceWith(request);
                });
    }

    /** Creates the assignment and asks provisioning-service to deliver it; inside the caller's transaction. */
    public Uni<Assignment> grant(AssignmentRequest request, GrantContext context, Schedule schedule) {
        Assignment assignment = newAssignment(request, context, schedule);
        request.assignmentId = assignment.id;
        AssignmentGranted granted = new AssignmentGranted(assignment.id, request.id,
                assignment.accessPackageId, assignment.assignmentPolicyId, assignment.targetObjectId,
                assignment.startAt, assignment.endAt, context.resourceRoles());
        return assignment.persist()
                .chain(Panache::flush)
                .chain(() -> outbox.publish(Topics.ASSIGNMENT_EVENTS, EventTypes.ASSIGNMENT_GRANTED,
                        assignment.id.toString(), granted))
                .chain(() -> expiry.schedule(assignment))
                .replaceWith(assignment);
    }

    /** Records an update: the assignment's new end (and its expiry timer moved), in one transaction. */
    @WithTransaction
    public Uni<AssignmentRequest> recordUpdate(AssignmentRequest request, Schedule schedule) {
        return Assignment.<Assignment>findById(request.assignmentId).chain(assignment -> {
            if (assignment == null || !assignment.isLive()) {
                throw GraphException.badRequest("Assignment '" + request.assignmentId + "' has already ended.");
            }
            Uni<Void> moved = Uni.createFrom().voidItem();
            if (schedule != null) {
                assignment.endAt = schedule.end();
                assignment.expirationType = schedule.expirationType();
                assignment.duration = schedule.duration();
                assignment.modifiedAt = request.createdAt;
                moved = expiry.cancel(assignment.id).chain(() -> expiry.schedule(assignment));
            }
            return moved.chain(() -> request.persist()).replaceWith(request);
        });
    }

    /** Sends the grant of a request's assignment again; inside the caller's transaction. */
    public Uni<Void> redeliver(AssignmentRequest request, Instant now) {
        return Assignment.<Assignment>findById(request.assignmentId).chain(assignment -> {
            if (assignment == null || !assignment.isLive()) {
                throw GraphException.badRequest("The assignment of request '" + request.id + "' has ended; ask for it again.");
            }
            request.state = RequestState.delivering;
            request.status = "Delivering";
            request.completedAt = null;
            request.failure = null;
            assignment.state = AssignmentState.delivering;
            assignment.status = "Delivering";
            assignment.modifiedAt = now;
            AssignmentGranted granted = new AssignmentGranted(assignment.id, request.id, assignment.accessPackageId,
                    assignment.assignmentPolicyId, assignment.targetObjectId, assignment.startAt, assignment.endAt,
                    roles(assignment.resourceRoles));
            return outbox.publish(Topics.ASSIGNMENT_EVENTS, EventTypes.ASSIGNMENT_GRANTED, assignment.id.toString(), granted);
        });
    }

    /** The grant context stored on a request that waited for approval. */
    public GrantContext grantContext(AssignmentRequest request) {
        try {
            return mapper.readValue(request.grantContext, GrantContext.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalStateException("Request " + request.id + " has no readable grant context", e);
        }
    }

    @WithTransaction
    public Uni<AssignmentRequest> recordRemove(AssignmentRequest request, UUID assignmentId) {
        return Assignment.<Assignment>findById(assignmentId).chain(assignment -> {
            AssignmentRemoved removed = new AssignmentRemoved(assignment.id, request.id, assignment.accessPackageId,
                    assignment.targetObjectId, request.requestType.name(), roles(assignment.resourceRoles));
            return request.persist()
                    .chain(Panache::flush)
                    .chain(() -> outbox.publish(Topics.ASSIGNMENT_EVENTS, EventTypes.ASSIGNMENT_REMOVED,
                            assignment.id.toString(), removed))
                    .chain(() -> expiry.cancel(assignment.id))
                    .replaceWith(request);
        });
    }

    private Assignment newAssignment(AssignmentRequest request, GrantContext context, Schedule schedule) {
        Assignment assignment = new Assignment();
        assignment.id = UUID.randomUUID();
        assignment.accessPackageId = request.accessPackageId;
        assignment.accessPackageName = context.accessPackageName();
        assignment.catalogId = context.catalogId();
        assignment.assignmentPolicyId = request.assignmentPolicyId;
        assignment.targetObjectId = request.targetObjectId;
        assignment.state = AssignmentState.delivering;
        assignment.status = "Delivering";
        assignment.startAt = schedule.start();
        assignment.endAt = schedule.end();
        assignment.expirationType = schedule.expirationType();
        assignment.duration = schedule.duration();
        assignment.resourceRoles = json(context.resourceRoles());
        assignment.createdAt = clock.instant();
        assignment.modifiedAt = assignment.createdAt;
        return assignment;
    }

    static GraphException existingAssignment(AssignmentRequest request) {
        return GraphException.conflict("ExistingAssignment", "User '" + request.targetObjectId
                + "' already has an assignment to access package '" + request.accessPackageId + "'.");
    }

    public List<ResourceRoleRef> roles(String json) {
        try {
            return json == null ? List.of() : mapper.readValue(json, ROLES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored resource roles are unreadable", e);
        }
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
