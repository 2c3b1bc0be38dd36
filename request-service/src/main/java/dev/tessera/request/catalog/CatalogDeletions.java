package dev.tessera.request.catalog;

import dev.tessera.platform.graph.DatabaseErrors;
import dev.tessera.platform.messaging.events.CatalogObjectDeleted;
import dev.tessera.request.approval.ApprovalService;
import dev.tessera.request.approval.ApprovalStage;
import dev.tessera.request.assignment.Assignment;
import dev.tessera.request.assignment.AssignmentStart;
import dev.tessera.request.assignment.AssignmentState;
import dev.tessera.request.metrics.RequestMetrics;
import dev.tessera.request.request.AssignmentRequest;
import dev.tessera.request.request.RequestState;
import dev.tessera.request.request.RequestType;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * A policy or access package deleted in catalog-service ends the requests still open under it:
 * catalog-service's usage check runs before its delete, outside its transaction, so a request accepted
 * in between would otherwise outlive its policy. Each open request that could still grant or extend
 * access (waiting for approval, for its start, or just submitted) ends {@code denied} with the reason,
 * as a request the system cannot grant ends in Entra (as an approval timeout does); {@code canceled} is
 * kept for what a requestor or administrator withdrew. Open stages close with their timers, a
 * scheduled assignment ends before its start (its timer goes), and nothing is delivered. The object is
 * remembered ({@code deleted_catalog_object}): a request for it that arrives later is refused by the
 * database (V6), under the same advisory lock, so no order of the two loses a request.
 */
@ApplicationScoped
public class CatalogDeletions {

    private static final Logger LOG = Logger.getLogger(CatalogDeletions.class);

    /** What the V6 trigger raises for a request under a deleted policy or package. */
    public static final String REFUSED_STATE = "TS404";

    static final List<RequestState> OPEN = List.of(RequestState.submitted, RequestState.pendingApproval,
            RequestState.scheduled);

    static final List<RequestType> GRANTING = List.of(RequestType.userAdd, RequestType.adminAdd, RequestType.systemAdd,
            RequestType.onBehalfAdd, RequestType.userUpdate, RequestType.adminUpdate);

    static final String LOCK = "select 1 from pg_advisory_xact_lock(hashtextextended(?1, 0))";
    static final String REMEMBER = "insert into deleted_catalog_object (id, kind, deleted_at) values (?1, ?2, ?3) "
            + "on conflict do nothing";

    @Inject
    ApprovalService approvals;

    @Inject
    AssignmentStart start;

    @Inject
    RequestMetrics metrics;

    @Inject
    InstantSource clock;

    /** Whether a write failed because its policy or package was deleted (the V6 trigger). */
    public static boolean isRefusal(Throwable failure) {
        return DatabaseErrors.hasState(failure, REFUSED_STATE);
    }

    /**
     * Whether the package or policy is known to be deleted: the work no HTTP caller waits for (automatic
     * and bulk assignment) asks before it writes, so that a retry after the trigger's refusal skips it.
     */
    public Uni<Boolean> isDeleted(UUID accessPackageId, UUID policyId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "select count(*) from deleted_catalog_object where id = ?1 or id = ?2", Long.class)
                .setParameter(1, accessPackageId).setParameter(2, policyId).getSingleResult())
                .map(n -> n > 0);
    }

    /** Inside the consumer's transaction; a replay finds nothing open and changes nothing. */
    public Uni<Void> deleted(CatalogObjectDeleted deleted) {
        boolean policy = deleted.assignmentPolicyId() != null;
        UUID id = policy ? deleted.assignmentPolicyId() : deleted.accessPackageId();
        String name = deleted.displayName() == null ? "'" + id + "'" : "'" + deleted.displayName() + "' (" + id + ")";
        String reason = (policy ? "Policy " : "Access package ") + name
                + " was deleted while the request was open; it cannot be granted.";
        Instant now = clock.instant();
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(LOCK).setParameter(1, id.toString()).getSingleResult()
                        .chain(() -> session.createNativeQuery(REMEMBER).setParameter(1, id)
                                .setParameter(2, policy ? "assignmentPolicy" : "accessPackage").setParameter(3, now)
                                .executeUpdate()))
                // a projection, so that each request is first loaded under its lock below
                .chain(() -> Panache.getSession().chain(session -> session.createQuery(
                                "select r.id from AssignmentRequest r where r." + (policy ? "assignmentPolicyId" : "accessPackageId")
                                        + " = ?1 and r.state in ?2 and r.requestType in ?3", UUID.class)
                        .setParameter(1, id).setParameter(2, OPEN).setParameter(3, GRANTING).getResultList()))
                .chain(ids -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (UUID requestId : ids) {
                        chain = chain.chain(() -> end(requestId, reason, now));
                    }
                    return chain;
                });
    }

    /**
     * Ends one open request for a reason no approver gave (used as well when its target is deleted from
     * the directory, see DeletedUsers): inside the caller's transaction, with the locks and decisions below.
     */
    public Uni<Void> endOpen(UUID requestId, String reason) {
        return end(requestId, reason, clock.instant());
    }

    /** The request states and types {@link #endOpen} ends: an open request that could still grant access. */
    public static List<RequestState> openStates() {
        return OPEN;
    }

    public static List<RequestType> grantingTypes() {
        return GRANTING;
    }

    /**
     * Locks in the order the other writers use: the stages (as an approver's decision and the stage
     * timers do), then the assignment (as its start timer does), then the request; then decides on the
     * state as it is now.
     */
    private Uni<Void> end(UUID requestId, String reason, Instant now) {
        return ApprovalStage.<ApprovalStage>find("requestId = ?1 and status = ?2", requestId, ApprovalStage.IN_PROGRESS)
                .withLock(LockModeType.PESSIMISTIC_WRITE).list()
                .chain(() -> Panache.getSession().chain(session -> session.createQuery(
                        "select r.assignmentId from AssignmentRequest r where r.id = ?1", UUID.class)
                        .setParameter(1, requestId).getSingleResultOrNull()))
                .chain(assignmentId -> assignmentId == null ? Uni.createFrom().<Assignment>nullItem()
                        : Assignment.<Assignment>find("id", assignmentId).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult())
                .chain(assignment -> AssignmentRequest.<AssignmentRequest>find("id", requestId).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult()
                        .chain(request -> {
                            if (request == null) {
                                return Uni.createFrom().voidItem();
                            }
                            LOG.infof("Request %s (%s) ends: %s", request.id, request.state, reason);
                            return switch (request.state) {
                                case pendingApproval -> approvals.denyWaiting(request, reason);
                                case scheduled -> assignment == null || assignment.state != AssignmentState.scheduled
                                        ? Uni.createFrom().voidItem()
                                        : start.endBeforeStart(assignment, now).invoke(() -> deny(request, reason, now));
                                case submitted -> request.assignmentId != null ? Uni.createFrom().voidItem()
                                        : Uni.createFrom().voidItem().invoke(() -> deny(request, reason, now));
                                default -> Uni.createFrom().voidItem();
                            };
                        }));
    }

    private void deny(AssignmentRequest request, String reason, Instant now) {
        request.state = RequestState.denied;
        request.status = "Denied";
        request.completedAt = now;
        request.failure = reason;
        metrics.completed(request);
    }
}
