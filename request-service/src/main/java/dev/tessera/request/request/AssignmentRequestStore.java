package dev.tessera.request.request;

import dev.tessera.request.extension.CustomExtensions;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.platform.graph.GraphException;
import dev.tessera.platform.messaging.Outbox;
import dev.tessera.platform.messaging.events.AssignmentGranted;
import dev.tessera.platform.messaging.events.AssignmentRemoved;
import dev.tessera.platform.messaging.events.AttributeValue;
import dev.tessera.platform.messaging.events.EventTypes;
import dev.tessera.platform.messaging.events.ResourceRoleRef;
import dev.tessera.platform.messaging.events.Topics;
import dev.tessera.request.approval.ApprovalPlanner;
import dev.tessera.request.approval.ApprovalService;
import dev.tessera.request.assignment.Assignment;
import dev.tessera.request.assignment.AssignmentExpiry;
import dev.tessera.request.assignment.AssignmentStart;
import dev.tessera.request.assignment.AssignmentState;
import dev.tessera.request.catalog.CatalogDeletions;
import dev.tessera.request.catalog.RequestContext;
import dev.tessera.request.external.ExternalUserLifecycle;
import dev.tessera.platform.em.PolicyView;
import dev.tessera.request.policy.Answers;
import dev.tessera.request.policy.Schedule;
import dev.tessera.request.subject.ExternalTarget;
import dev.tessera.request.subject.Subject;
import dev.tessera.request.subject.SubjectStore;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
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
    private static final TypeReference<List<AttributeValue>> ATTRIBUTES = new TypeReference<>() {
    };
    private static final TypeReference<List<JsonNode>> ANSWERS = new TypeReference<>() {
    };

    @Inject
    Outbox outbox;

    @Inject
    ExternalUserLifecycle externalUsers;

    @Inject
    InstantSource clock;

    @Inject
    ObjectMapper mapper;

    @Inject
    AssignmentExpiry expiry;

    @Inject
    AssignmentStart start;

    @Inject
    ApprovalService approvals;

    @Inject
    SubjectStore subjects;

    @Inject
    CustomExtensions extensions;

    /** Stands in for an unknown object id in a query, so that it matches nothing. */
    private static final UUID NO_OBJECT = new UUID(0, 0);

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

    /** A live assignment of an external subject (not yet in the directory) to any of these packages. */
    @WithSession
    public Uni<Optional<Assignment>> liveAssignmentOfSubject(UUID subjectId, List<UUID> packageIds) {
        if (packageIds.isEmpty()) {
            return Uni.createFrom().item(Optional.empty());
        }
        return Assignment.<Assignment>find("targetSubject.id = ?1 and accessPackageId in ?2 and state <> ?3", subjectId,
                packageIds, AssignmentState.expired).firstResult().map(Optional::ofNullable);
    }

    /**
     * What a grant needs from the catalog, kept on a request that waits for approval. The last approval
     * reads the catalog again (with the service token) and grants what it says then; the stored copy
     * records what the request was submitted with. {@code incompatible}: null on requests stored before it was kept.
     * {@code resourceAttributes}: the attributes the package's resources ask for, answered in the request's
     * {@code answers}; null (none) for grants no requestor answered (automatic, bulk).
     */
    public record GrantContext(String accessPackageName, UUID catalogId, List<ResourceRoleRef> resourceRoles,
            RequestContext.Incompatible incompatible, List<RequestContext.ResourceAttributes> resourceAttributes) {

        public GrantContext(String accessPackageName, UUID catalogId, List<ResourceRoleRef> resourceRoles,
                RequestContext.Incompatible incompatible) {
            this(accessPackageName, catalogId, resourceRoles, incompatible, null);
        }

        public static GrantContext of(RequestContext context) {
            return new GrantContext(context.accessPackage().displayName(), context.accessPackage().catalogId(),
                    context.resourceRoles(), context.incompatibleOrNone(), context.resourceAttributes());
        }

        public RequestContext.Incompatible incompatibleOrNone() {
            return incompatible == null ? RequestContext.Incompatible.NONE : incompatible;
        }
    }

    /**
     * Records an add request for someone not in the directory: their subject (created on first use)
     * becomes the target, then as {@link #recordAdd}.
     */
    @WithTransaction
    public Uni<AssignmentRequest> recordAdd(AssignmentRequest request, ExternalTarget external, RequestContext context,
            PolicyView policy, Schedule schedule, List<ApprovalPlanner.StagePlan> approvalPlan) {
        return subjects.ensure(external).chain(subject -> {
            if (external.requestorObjectId() != null && !external.requestorObjectId().equals(subject.requestorObjectId)) {
                // another account bound itself to this address first (a concurrent request): it keeps it
                throw GraphException.forbidden("'" + subject.email + "' already asks for access with another account; "
                        + "a userAdd for it is accepted only from that account.");
            }
            request.targetSubject = subject;
            request.targetObjectId = subject.objectId;
            List<UUID> incompatible = context.incompatibleOrNone().accessPackages().stream()
                    .map(p -> UUID.fromString(p.id())).toList();
            return liveAssignmentOfSubject(subject.id, incompatible).chain(conflict -> {
                conflict.ifPresent(a -> {
                    throw GraphException.badRequest("IncompatibleAccessPackage", "'" + subject.email
                            + "' already has access package '" + a.accessPackageName + "' (assignment " + a.id
                            + "), which is incompatible with access package '" + context.accessPackage().displayName()
                            + "'.");
                });
                return recordAdd(request, context, policy, schedule, approvalPlan);
            });
        });
    }

    /**
     * Records an add request: granted at once, or — when the policy requires approval — waiting in
     * {@code pendingApproval} with its stages planned.
     */
    @WithTransaction
    public Uni<AssignmentRequest> recordAdd(AssignmentRequest request, RequestContext context, PolicyView policy,
            Schedule schedule, List<ApprovalPlanner.StagePlan> approvalPlan) {
        Uni<Long> live = request.targetSubject == null
                ? Assignment.count("accessPackageId = ?1 and targetObjectId = ?2 and state <> ?3",
                        request.accessPackageId, request.targetObjectId, AssignmentState.expired)
                : Assignment.count("accessPackageId = ?1 and state <> ?2 and (targetSubject.id = ?3 or targetObjectId = ?4)",
                        request.accessPackageId, AssignmentState.expired, request.targetSubject.id,
                        request.targetObjectId == null ? NO_OBJECT : request.targetObjectId);
        return live.chain(existing -> {
            if (existing > 0) {
                throw existingAssignment(request);
            }
            return openAdd(request);
        }).chain(open -> {
            open.ifPresent(o -> {
                throw openAddRequest(request, o);
            });
            extensions.remember(request, context, policy);
            if (policy.approvalRequiredForAdd()) {
                request.state = RequestState.pendingApproval;
                request.status = "PendingApproval";
                request.grantContext = json(GrantContext.of(context));
                return request.persist().chain(Panache::flush)
                        .chain(() -> approvals.open(request, approvalPlan))
                        .chain(() -> extensions.notify(request, CustomExtensions.CREATED))
                        .replaceWith(request);
            }
            if (extensions.waitsAtApproval(request)) {
                // approved without approvers, and a launch-and-wait extension decides whether it goes on
                request.grantContext = json(GrantContext.of(context));
                request.state = RequestState.pendingApproval;
                request.status = CustomExtensions.WAITING_STATUS;
                return request.persist().chain(Panache::flush)
                        .chain(() -> extensions.notify(request, CustomExtensions.CREATED))
                        .chain(() -> extensions.hold(request))
                        .replaceWith(request);
            }
            // the assignment first: the request row is then inserted once, already naming it (no update after)
            return grant(request, GrantContext.of(context), schedule)
                    .chain(() -> request.persist()).chain(Panache::flush)
                    .chain(() -> extensions.notify(request, CustomExtensions.CREATED))
                    .chain(() -> extensions.notify(request, CustomExtensions.APPROVED))
                    .replaceWith(request);
        }).onFailure(CatalogDeletions::isRefusal).transform(e -> deletedMeanwhile(request));
    }

    /** The request's policy or package was deleted after it was read (see {@link CatalogDeletions}). */
    static GraphException deletedMeanwhile(AssignmentRequest request) {
        return GraphException.invalidField("assignment.assignmentPolicyId", "Policy '" + request.assignmentPolicyId
                + "' of access package '" + request.accessPackageId + "' has been deleted.");
    }

    /** Add request types: at most one of them waits for approval per target and package (V5). */
    static final List<RequestType> ADDS = List.of(RequestType.userAdd, RequestType.adminAdd, RequestType.systemAdd,
            RequestType.onBehalfAdd);

    /** An add request for the same target (object or subject) and package still waiting for approval. */
    private Uni<Optional<AssignmentRequest>> openAdd(AssignmentRequest request) {
        Uni<AssignmentRequest> open = request.targetSubject == null
                ? AssignmentRequest.<AssignmentRequest>find(
                        "accessPackageId = ?1 and targetObjectId = ?2 and state = ?3 and requestType in ?4",
                        request.accessPackageId, request.targetObjectId, RequestState.pendingApproval, ADDS).firstResult()
                : AssignmentRequest.<AssignmentRequest>find("accessPackageId = ?1 and state = ?2 and requestType in ?3 "
                        + "and (targetSubject.id = ?4 or targetObjectId = ?5)", request.accessPackageId,
                        RequestState.pendingApproval, ADDS, request.targetSubject.id,
                        request.targetObjectId == null ? NO_OBJECT : request.targetObjectId).firstResult();
        return open.map(Optional::ofNullable);
    }

    /**
     * A live assignment of the request's target (object or subject) to its package, if one exists: one granted
     * by another path while this request waited for approval.
     */
    public Uni<Optional<Assignment>> liveAssignmentOf(AssignmentRequest request) {
        UUID objectId = request.targetObjectId != null ? request.targetObjectId
                : request.targetSubject != null && request.targetSubject.objectId != null
                        ? request.targetSubject.objectId : NO_OBJECT;
        Uni<Assignment> live = request.targetSubject == null
                ? Assignment.<Assignment>find("accessPackageId = ?1 and targetObjectId = ?2 and state <> ?3",
                        request.accessPackageId, objectId, AssignmentState.expired).firstResult()
                : Assignment.<Assignment>find("accessPackageId = ?1 and state <> ?2 and (targetSubject.id = ?3 "
                        + "or targetObjectId = ?4)", request.accessPackageId, AssignmentState.expired,
                        request.targetSubject.id, objectId).firstResult();
        return live.map(Optional::ofNullable);
    }

    /**
     * Creates the assignment and asks provisioning-service to deliver it; inside the caller's transaction. A
     * schedule that starts later records the assignment and its request {@code scheduled} with a start timer
     * instead, and delivers nothing until then ({@link AssignmentStart}).
     */
    public Uni<Assignment> grant(AssignmentRequest request, GrantContext context, Schedule schedule) {
        Assignment assignment = newAssignment(request, context, schedule);
        assignment.attributeValues = json(Answers.values(RequestContext.attributeQuestions(context.resourceAttributes()),
                answers(request.answers)));
        request.assignmentId = assignment.id;
        if (AssignmentStart.startsLater(schedule.start(), assignment.createdAt)) {
            assignment.state = AssignmentState.scheduled;
            assignment.status = "Scheduled";
            request.state = RequestState.scheduled;
            request.status = "Scheduled";
            return assignment.persist()
                    .chain(Panache::flush)
                    .chain(() -> start.schedule(assignment))
                    .replaceWith(assignment);
        }
        AssignmentGranted granted = granted(assignment, request.id, context.resourceRoles(),
                attributes(assignment.attributeValues));
        return assignment.persist()
                .chain(Panache::flush)
                .chain(() -> outbox.publish(Topics.ASSIGNMENT_EVENTS, EventTypes.ASSIGNMENT_GRANTED,
                        assignment.id.toString(), granted))
                .chain(() -> expiry.schedule(assignment))
                .chain(() -> externalUsers.assignmentGranted(assignment.targetObjectId))
                .replaceWith(assignment);
    }

    /**
     * A scheduled assignment's start has come (its timer fired): it and the request that created it go
     * {@code delivering}, and the grant goes out as an immediate add's does, with the resource roles recorded
     * at the add; the expiry timer is set from the end, which counts from the start. Inside the timer's
     * transaction.
     */
    public Uni<Void> start(Assignment assignment, AssignmentRequest request) {
        Instant now = clock.instant();
        assignment.state = AssignmentState.delivering;
        assignment.status = "Delivering";
        assignment.modifiedAt = now;
        if (request != null && request.state == RequestState.scheduled) {
            request.state = RequestState.delivering;
            request.status = "Delivering";
        }
        AssignmentGranted granted = granted(assignment, request == null ? null : request.id, roles(assignment.resourceRoles),
                attributes(assignment.attributeValues));
        return outbox.publish(Topics.ASSIGNMENT_EVENTS, EventTypes.ASSIGNMENT_GRANTED, assignment.id.toString(), granted)
                .chain(() -> expiry.schedule(assignment))
                .chain(() -> externalUsers.assignmentGranted(assignment.targetObjectId));
    }

    /** Records an update: the assignment's new end (and its expiry timer moved), in one transaction. */
    @WithTransaction
    public Uni<AssignmentRequest> recordUpdate(AssignmentRequest request, Schedule schedule) {
        return moveEnd(request.assignmentId, schedule, request.createdAt).chain(moved -> {
            if (!moved) {
                throw GraphException.badRequest("Assignment '" + request.assignmentId + "' has already ended.");
            }
            return request.persist().chain(Panache::flush);
        }).onFailure(CatalogDeletions::isRefusal).transform(e -> deletedMeanwhile(request)).replaceWith(request);
    }

    /**
     * Records an update that waits for approval, with its stages; at most one per assignment waits at a
     * time (a second is a 409).
     */
    @WithTransaction
    public Uni<AssignmentRequest> recordPendingUpdate(AssignmentRequest request, List<ApprovalPlanner.StagePlan> plan) {
        return Assignment.<Assignment>find("id", request.assignmentId).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult().chain(assignment -> {
            if (assignment == null || !assignment.isLive()) {
                throw GraphException.badRequest("Assignment '" + request.assignmentId + "' has already ended.");
            }
            return AssignmentRequest.count("assignmentId = ?1 and state = ?2 and requestType in ?3", assignment.id,
                    RequestState.pendingApproval, List.of(RequestType.userUpdate, RequestType.adminUpdate));
        }).chain(waiting -> {
            if (waiting > 0) {
                throw GraphException.conflict("An update of assignment '" + request.assignmentId
                        + "' is already waiting for approval.");
            }
            return request.persist().chain(Panache::flush).chain(() -> approvals.open(request, plan));
        }).onFailure(CatalogDeletions::isRefusal).transform(e -> deletedMeanwhile(request)).replaceWith(request);
    }

    /**
     * Moves a live assignment's end as an update says (nothing to move without a schedule) and its
     * expiry timer with it; inside the caller's transaction. False when the assignment has ended.
     */
    public Uni<Boolean> moveEnd(UUID assignmentId, Schedule schedule, Instant at) {
        return Assignment.<Assignment>findById(assignmentId).chain(assignment -> {
            if (assignment == null || !assignment.isLive()) {
                return Uni.createFrom().item(false);
            }
            if (schedule == null) {
                return Uni.createFrom().item(true);
            }
            assignment.endAt = schedule.end();
            assignment.expirationType = schedule.expirationType();
            assignment.duration = schedule.duration();
            assignment.modifiedAt = at;
            if (assignment.state == AssignmentState.scheduled) {
                // the expiry timer is set when it starts, from the end it has then
                return Uni.createFrom().item(true);
            }
            return expiry.cancel(assignment.id).chain(() -> expiry.schedule(assignment)).replaceWith(true);
        });
    }

    /**
     * Sends the grant of a request's assignment again with the package's resource roles as they are now
     * ({@code roles}, read from the catalog), not as they were when it was granted: a role removed from the
     * package since is not given back, one added is delivered. The assignment keeps the new set, so its
     * removal later takes away what it holds. Inside the caller's transaction.
     */
    public Uni<Void> redeliver(AssignmentRequest request, Instant now, List<ResourceRoleRef> roles) {
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
            assignment.resourceRoles = json(roles);
            AssignmentGranted granted = granted(assignment, request.id, roles, attributes(assignment.attributeValues));
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

    /** The add request that created the assignment (the extensions its policy bound then apply to its removal). */
    private Uni<AssignmentRequest> addThatCreated(UUID assignmentId) {
        return AssignmentRequest.<AssignmentRequest>find("assignmentId = ?1 and requestType in ?2 order by createdAt",
                assignmentId, ADDS).firstResult();
    }

    /**
     * Records a removal: provisioning-service is asked to take the access away. An assignment that has not
     * started yet had nothing delivered: it ends at once without any event ({@link AssignmentStart#endBeforeStart})
     * and the removal completes {@code delivered}.
     */
    @WithTransaction
    public Uni<AssignmentRequest> recordRemove(AssignmentRequest request, UUID assignmentId) {
        // locked: a start firing at the same moment either finishes first (the removal takes the access away)
        // or finds the assignment ended
        return Assignment.<Assignment>find("id", assignmentId).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult().chain(assignment -> {
            if (assignment.state == AssignmentState.scheduled) {
                request.state = RequestState.delivered;
                request.status = "Delivered";
                request.completedAt = request.createdAt;
                return request.persist()
                        .chain(Panache::flush)
                        .chain(() -> start.endBeforeStart(assignment, request.createdAt))
                        .replaceWith(request);
            }
            AssignmentRemoved removed = new AssignmentRemoved(assignment.id, request.id, assignment.accessPackageId,
                    assignment.targetObjectId, request.requestType.name(), roles(assignment.resourceRoles),
                    attributes(assignment.attributeValues));
            return addThatCreated(assignment.id).invoke(add -> extensions.inherit(request, add))
                    .chain(() -> request.persist())
                    .chain(Panache::flush)
                    .chain(() -> extensions.notify(request, CustomExtensions.REMOVED))
                    .chain(() -> outbox.publish(Topics.ASSIGNMENT_EVENTS, EventTypes.ASSIGNMENT_REMOVED,
                            assignment.id.toString(), removed))
                    .chain(() -> expiry.cancel(assignment.id))
                    .chain(() -> externalUsers.assignmentEnding(assignment.targetObjectId))
                    .replaceWith(request);
        });
    }

    /** The grant event; a target not yet in the directory is named by its subject's email. */
    private static AssignmentGranted granted(Assignment assignment, UUID requestId, List<ResourceRoleRef> roles,
            List<AttributeValue> attributes) {
        Subject subject = assignment.targetSubject;
        boolean byEmail = assignment.targetObjectId == null && subject != null;
        return new AssignmentGranted(assignment.id, requestId, assignment.accessPackageId, assignment.assignmentPolicyId,
                assignment.targetObjectId, assignment.startAt, assignment.endAt, roles,
                byEmail ? subject.email : null, byEmail ? subject.displayName : null, attributes);
    }

    private Assignment newAssignment(AssignmentRequest request, GrantContext context, Schedule schedule) {
        Assignment assignment = new Assignment();
        assignment.id = UUID.randomUUID();
        assignment.accessPackageId = request.accessPackageId;
        assignment.accessPackageName = context.accessPackageName();
        assignment.catalogId = context.catalogId();
        assignment.assignmentPolicyId = request.assignmentPolicyId;
        assignment.targetObjectId = request.targetObjectId;
        assignment.targetSubject = request.targetSubject;
        if (assignment.targetObjectId == null && assignment.targetSubject != null) {
            // invited meanwhile (the request waited for approval)
            assignment.targetObjectId = assignment.targetSubject.objectId;
        }
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
        String who = request.targetObjectId == null && request.targetSubject != null
                ? "'" + request.targetSubject.email + "'" : "User '" + request.targetObjectId + "'";
        return GraphException.conflict("ExistingAssignment", who
                + " already has an assignment to access package '" + request.accessPackageId + "'.");
    }

    static GraphException openAddRequest(AssignmentRequest request, AssignmentRequest open) {
        return GraphException.conflict("ExistingOpenRequest", who(request) + " already has request '" + open.id
                + "' for access package '" + request.accessPackageId + "' waiting for approval; cancel it or wait "
                + "for its decision.");
    }

    /** A unique index refused the request: another assignment or open add request got there first. */
    static GraphException duplicate(AssignmentRequest request) {
        return GraphException.conflict("ExistingAssignment", who(request) + " already has an assignment to, or a "
                + "request waiting for approval for, access package '" + request.accessPackageId + "'.");
    }

    private static String who(AssignmentRequest request) {
        return request.targetObjectId == null && request.targetSubject != null
                ? "'" + request.targetSubject.email + "'" : "User '" + request.targetObjectId + "'";
    }

    public List<ResourceRoleRef> roles(String json) {
        try {
            return json == null ? List.of() : mapper.readValue(json, ROLES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored resource roles are unreadable", e);
        }
    }

    /** The attribute values stored on an assignment (none on one granted before they were kept). */
    public List<AttributeValue> attributes(String json) {
        try {
            return json == null ? List.of() : mapper.readValue(json, ATTRIBUTES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored attribute values are unreadable", e);
        }
    }

    private List<JsonNode> answers(String json) {
        try {
            return json == null ? List.of() : mapper.readValue(json, ANSWERS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored answers are unreadable", e);
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
