package dev.tessera.request.approval;

import dev.tessera.request.extension.CustomExtensions;
import dev.tessera.platform.graph.DatabaseErrors;
import dev.tessera.platform.graph.GraphException;
import dev.tessera.platform.messaging.timer.DurableTimers;
import dev.tessera.request.catalog.CatalogService;
import dev.tessera.request.metrics.RequestMetrics;
import dev.tessera.request.notification.RequestMails;
import dev.tessera.request.policy.Schedule;
import dev.tessera.request.request.AssignmentRequest;
import dev.tessera.request.request.AssignmentRequestStore;
import dev.tessera.request.request.RequestState;
import dev.tessera.request.request.RequestType;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
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
 * The approval lifecycle of one request: stages start one after another; approvers decide
 * (one decision each; a stage is approved once it has its required number of approvals and denied
 * by the first denial); a stage not decided in time denies the request; escalation approvers join
 * when the escalation time passes. The last approved stage grants the assignment — unless the target
 * has meanwhile gained something the package is incompatible with, which denies it — or, for an
 * update, moves the assignment's end. All state and
 * deadlines are in PostgreSQL, so decisions, timeouts and escalations survive restarts.
 */
@ApplicationScoped
public class ApprovalService {

    public static final String TIMEOUT = "request.approvalTimeout";
    public static final String ESCALATION = "request.approvalEscalation";

    private static final Logger LOG = Logger.getLogger(ApprovalService.class);

    @Inject
    InstantSource clock;

    @Inject
    DurableTimers timers;

    @Inject
    AssignmentRequestStore store;

    @Inject
    RequestMetrics metrics;

    @Inject
    SeparationOfDutiesRecheck recheck;

    @Inject
    CatalogService catalog;

    @Inject
    CustomExtensions extensions;

    @Inject
    RequestMails mails;

    /** A decision as the PATCH body gives it. */
    public enum Decision {
        Approve, Deny;

        static Decision parse(String text) {
            if (text == null || text.isBlank()) {
                throw GraphException.invalidField("reviewResult", "Property 'reviewResult' is required: Approve or Deny.");
            }
            for (Decision d : values()) {
                if (d.name().equalsIgnoreCase(text.trim())) {
                    return d;
                }
            }
            throw GraphException.invalidField("reviewResult", "'" + text + "' is not a review result; use Approve or Deny.");
        }
    }

    /** Inside the submitting transaction: the stages as planned, the first one started. */
    public Uni<Void> open(AssignmentRequest request, List<ApprovalPlanner.StagePlan> plans) {
        if (plans.isEmpty()) {
            return deny(request, "The policy requires approval but has no approval stages.");
        }
        Uni<Void> chain = Uni.createFrom().voidItem();
        ApprovalStage[] first = new ApprovalStage[1];
        for (ApprovalPlanner.StagePlan plan : plans) {
            ApprovalStage stage = new ApprovalStage();
            stage.id = UUID.randomUUID();
            stage.requestId = request.id;
            stage.stageIndex = plan.index();
            stage.status = ApprovalStage.NOT_STARTED;
            stage.reviewResult = ApprovalStage.NOT_REVIEWED;
            stage.requiredApprovals = plan.requiredApprovals();
            stage.justificationRequired = plan.justificationRequired();
            stage.denyAfter = plan.denyAfter();
            stage.escalateAfter = plan.escalationApprovers().isEmpty() ? null : plan.escalateAfter();
            if (plan.index() == 0) {
                first[0] = stage;
            }
            chain = chain.chain(() -> stage.persist()).chain(Panache::flush)
                    .chain(() -> persistApprovers(stage.id, plan));
        }
        return chain.chain(() -> start(request, first[0]));
    }

    private Uni<Void> persistApprovers(UUID stageId, ApprovalPlanner.StagePlan plan) {
        List<ApprovalApprover> approvers = new java.util.ArrayList<>();
        plan.approvers().forEach(id -> approvers.add(ApprovalApprover.of(stageId, id, false)));
        plan.escalationApprovers().forEach(id -> approvers.add(ApprovalApprover.of(stageId, id, true)));
        return approvers.isEmpty() ? Uni.createFrom().voidItem() : ApprovalApprover.persist(approvers);
    }

    private Uni<Void> start(AssignmentRequest request, ApprovalStage stage) {
        return ApprovalApprover.count("stageId = ?1 and escalation = false", stage.id).chain(primary -> {
            if (primary == 0) {
                return deny(request, "Nobody can approve stage " + (stage.stageIndex + 1)
                        + ": its approvers and fallback approvers resolve to no one other than the requestor.");
            }
            Instant now = clock.instant();
            stage.status = ApprovalStage.IN_PROGRESS;
            stage.startedAt = now;
            Uni<Void> timeout = timers.schedule(TIMEOUT, stage.id.toString(),
                    Schedule.plus(now, stage.denyAfter, "durationBeforeAutomaticDenial"), null)
                    .chain(() -> mails.approvalRequired(request, stage.id, stage.stageIndex, packageName(request), false));
            if (stage.escalateAfter == null) {
                return timeout;
            }
            return timeout.chain(() -> timers.schedule(ESCALATION, stage.id.toString(),
                    Schedule.plus(now, stage.escalateAfter, "durationBeforeEscalation"), null));
        });
    }

    /**
     * Inside the caller's transaction: locks every approval stage of a request, in stage order. The first
     * lock any writer of a request takes (a decision, a cancel, a timeout, a catalog deletion), then its
     * assignment, then the request itself: one order, so concurrent writers queue instead of deadlocking,
     * and each sees what the one before it committed.
     */
    public Uni<Void> lockStages(UUID requestId) {
        return ApprovalStage.<ApprovalStage>find("requestId = ?1 order by stageIndex", requestId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).list().replaceWithVoid();
    }

    /**
     * PATCH of a stage by an approver. Locks the stage, then the request (the order of {@link #lockStages}):
     * a cancel that got there first leaves the request canceled, and this decision answers 409. The body
     * is read only once the caller is known to be an approver of the stage: anyone else gets 403 (or 404)
     * whatever they send, and learns nothing from its validation.
     */
    @WithTransaction
    public Uni<Void> decide(UUID requestId, UUID stageId, UUID approver, String reviewResult, String justification) {
        return ApprovalStage.<ApprovalStage>findById(stageId, LockModeType.PESSIMISTIC_WRITE).chain(stage -> {
            if (stage == null || !stage.requestId.equals(requestId) || !stage.started()) {
                throw GraphException.notFound("Approval stage '" + stageId + "' was not found.");
            }
            return AssignmentRequest.<AssignmentRequest>find("id", requestId).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult().chain(request -> {
                if (approver.equals(request.requestorObjectId) || approver.equals(request.targetObjectId)) {
                    throw GraphException.forbidden("Nobody approves their own request.");
                }
                return mayDecide(stage, approver).chain(allowed -> {
                    if (!allowed) {
                        throw GraphException.forbidden("You are not an approver of this stage.");
                    }
                    Decision decision = Decision.parse(reviewResult);
                    if (request.state == RequestState.canceled) {
                        throw GraphException.conflict("RequestCanceled", "The request was canceled; there is nothing left to decide.");
                    }
                    if (!ApprovalStage.IN_PROGRESS.equals(stage.status)
                            || request.state != RequestState.pendingApproval) {
                        throw GraphException.conflict("This approval stage has already been decided ("
                                + stage.reviewResult + ").");
                    }
                    if (stage.justificationRequired && (justification == null || justification.isBlank())) {
                        throw GraphException.invalidField("justification",
                                "This stage requires the approver's justification.");
                    }
                    return record(stage, approver, decision, justification)
                            .chain(() -> decision == Decision.Deny
                                    ? complete(stage, ApprovalStage.DENIED, approver, justification)
                                            .chain(() -> deny(request, "Denied at stage " + (stage.stageIndex + 1)
                                                    + (justification == null || justification.isBlank() ? "." : ": " + justification)))
                                    : approve(request, stage, approver, justification));
                });
            });
        });
    }

    private Uni<Boolean> mayDecide(ApprovalStage stage, UUID approver) {
        String query = stage.escalated ? "stageId = ?1 and approverId = ?2"
                : "stageId = ?1 and approverId = ?2 and escalation = false";
        return ApprovalApprover.count(query, stage.id, approver).map(n -> n > 0);
    }

    private Uni<Void> record(ApprovalStage stage, UUID approver, Decision decision, String justification) {
        ApprovalDecision row = new ApprovalDecision();
        row.id = UUID.randomUUID();
        row.stageId = stage.id;
        row.approverId = approver;
        row.decision = decision.name();
        row.justification = justification;
        row.decidedAt = clock.instant();
        return row.persist().chain(Panache::flush).replaceWithVoid()
                .onFailure(DatabaseErrors::isUniqueViolation)
                .transform(e -> GraphException.conflict("You have already decided this stage."));
    }

    private Uni<Void> approve(AssignmentRequest request, ApprovalStage stage, UUID approver, String justification) {
        return ApprovalDecision.count("stageId = ?1 and decision = ?2", stage.id, Decision.Approve.name())
                .chain(approvals -> {
                    if (approvals < stage.requiredApprovals) {
                        LOG.debugf("Stage %s of request %s: %d of %d approvals", stage.id, request.id, approvals,
                                stage.requiredApprovals);
                        return Uni.createFrom().voidItem();
                    }
                    return complete(stage, ApprovalStage.APPROVED, approver, justification)
                            .chain(() -> nextStage(request.id, stage.stageIndex))
                            .chain(next -> next != null ? start(request, next) : approved(request));
                });
    }

    private Uni<ApprovalStage> nextStage(UUID requestId, int index) {
        return ApprovalStage.<ApprovalStage>find("requestId = ?1 and stageIndex = ?2", requestId, index + 1)
                .firstResult();
    }

    private Uni<Void> complete(ApprovalStage stage, String result, UUID reviewer, String justification) {
        stage.status = ApprovalStage.COMPLETED;
        stage.reviewResult = result;
        stage.reviewedBy = reviewer;
        stage.reviewedAt = clock.instant();
        stage.justification = justification;
        return cancelTimers(stage);
    }

    /**
     * Every stage approved: a launch-and-wait extension at {@code assignmentRequestApproved} holds the
     * request until its callback ({@link #grantAfterCallback}); otherwise the extension (if any) is told and
     * the request is granted.
     */
    private Uni<Void> approved(AssignmentRequest request) {
        if (extensions.waitsAtApproval(request)) {
            return extensions.hold(request);
        }
        return extensions.notify(request, CustomExtensions.APPROVED).chain(() -> grant(request));
    }

    /** The extension a request waited for called back: it goes on as an approved request does. */
    public Uni<Void> grantAfterCallback(AssignmentRequest request) {
        return grant(request);
    }

    /** The extension a request waited for did not call back in time: denied with the reason. */
    public Uni<Void> denyAfterCallback(AssignmentRequest request, String reason) {
        return deny(request, reason);
    }

    private Uni<Void> grant(AssignmentRequest request) {
        if (request.requestType == RequestType.userUpdate || request.requestType == RequestType.adminUpdate) {
            return approvedUpdate(request);
        }
        return currentGrantContext(request).chain(found -> {
            if (found.isEmpty()) {
                return deny(request, "Approved, but not granted: access package '" + request.accessPackageId
                        + "' no longer exists.");
            }
            AssignmentRequestStore.GrantContext context = found.get();
            return recheck.conflict(request, context).chain(conflict -> conflict.isPresent()
                    ? deny(request, "Approved, but not granted: " + conflict.get())
                    : grantApproved(request, context));
        });
    }

    /**
     * What the grant delivers is the package as the catalog has it at approval — its resource roles and
     * incompatibilities now, not at submission — read with the service token (a request may be approved
     * long after its requestor's token expired).
     */
    private Uni<java.util.Optional<AssignmentRequestStore.GrantContext>> currentGrantContext(AssignmentRequest request) {
        return catalog.requestContext(request.accessPackageId, null)
                .map(found -> found.map(AssignmentRequestStore.GrantContext::of));
    }

    /**
     * The last approval grants; a live assignment to the package granted meanwhile by another path
     * (bulk, automatic, a race) denies instead, named, so the request never stays pending.
     */
    private Uni<Void> grantApproved(AssignmentRequest request, AssignmentRequestStore.GrantContext context) {
        return store.liveAssignmentOf(request).chain(live -> live.isPresent()
                ? deny(request, GRANT_CONFLICT + " (assignment " + live.get().id + ").")
                : grantNow(request, context));
    }

    static final String GRANT_CONFLICT = "Approved, but not granted: the target already has an assignment to this "
            + "access package";

    /**
     * A concurrent grant won the race past {@link #grantApproved}'s check (the unique index refused the
     * approval's transaction): the request ends denied with that reason in a transaction of its own.
     */
    @WithTransaction
    public Uni<Void> endAfterGrantConflict(UUID requestId) {
        return AssignmentRequest.<AssignmentRequest>find("id", requestId).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult().chain(request -> {
            if (request == null || request.state != RequestState.pendingApproval) {
                return Uni.createFrom().voidItem();
            }
            return closeOpenStages(request).chain(() -> deny(request, GRANT_CONFLICT + "."));
        });
    }

    private Uni<Void> grantNow(AssignmentRequest request, AssignmentRequestStore.GrantContext context) {
        Instant now = clock.instant();
        Instant start = request.scheduleStart == null || request.scheduleStart.isBefore(now) ? now : request.scheduleStart;
        // A duration counts from when access begins, which is after approval.
        Instant end = request.scheduleDuration != null
                ? Schedule.plus(start, request.scheduleDuration, "schedule.expiration.duration")
                : request.scheduleEnd;
        request.state = RequestState.delivering;
        request.status = "Delivering";
        Schedule schedule = new Schedule(start, end, request.expirationType, request.scheduleDuration);
        return store.grant(request, context, schedule).replaceWithVoid()
                .chain(() -> mails.requestor(request, RequestMails.Outcome.approved, context.accessPackageName()));
    }

    /**
     * An approved update moves the assignment's end; a duration counts from the approval, as for an
     * approved add. The assignment having ended meanwhile denies the update.
     */
    private Uni<Void> approvedUpdate(AssignmentRequest request) {
        Instant now = clock.instant();
        Schedule schedule = null;
        if (request.expirationType != null) {
            Instant end = request.scheduleDuration != null
                    ? Schedule.plus(now, request.scheduleDuration, "schedule.expiration.duration")
                    : request.scheduleEnd;
            request.scheduleEnd = end;
            schedule = new Schedule(request.scheduleStart, end, request.expirationType, request.scheduleDuration);
        }
        return store.moveEnd(request.assignmentId, schedule, now).chain(moved -> {
            if (!moved) {
                return deny(request, "Approved, but the assignment ended before the update was approved.");
            }
            request.state = RequestState.delivered;
            request.status = "Delivered";
            request.completedAt = now;
            metrics.completed(request);
            return mails.requestor(request, RequestMails.Outcome.delivered, packageName(request));
        });
    }

    /** The request was canceled: its open stage closes and its deadlines go; inside the caller's transaction. */
    public Uni<Void> cancel(AssignmentRequest request) {
        metrics.completed(request);
        return closeOpenStages(request);
    }

    private Uni<Void> closeOpenStages(AssignmentRequest request) {
        return ApprovalStage.<ApprovalStage>list("requestId = ?1 and status = ?2", request.id, ApprovalStage.IN_PROGRESS)
                .chain(open -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (ApprovalStage stage : open) {
                        stage.status = ApprovalStage.COMPLETED;
                        stage.reviewedAt = clock.instant();
                        chain = chain.chain(() -> cancelTimers(stage));
                    }
                    return chain;
                });
    }

    /**
     * Inside the caller's transaction: a request waiting for approval ends denied for a reason no
     * approver gave (its policy or package was deleted); its open stages close and their timers go.
     */
    public Uni<Void> denyWaiting(AssignmentRequest request, String reason) {
        return closeOpenStages(request).chain(() -> deny(request, reason));
    }

    /** Ends the request as denied (a denial, a timeout, nobody to approve); inside the caller's transaction. */
    Uni<Void> deny(AssignmentRequest request, String reason) {
        request.state = RequestState.denied;
        request.status = "Denied";
        request.completedAt = clock.instant();
        request.failure = reason;
        metrics.completed(request);
        LOG.infof("Request %s denied: %s", request.id, reason);
        return mails.requestor(request, RequestMails.Outcome.denied, packageName(request));
    }

    private String packageName(AssignmentRequest request) {
        return mails.packageName(request);
    }

    private Uni<Void> cancelTimers(ApprovalStage stage) {
        return timers.cancel(TIMEOUT, stage.id.toString())
                .chain(() -> timers.cancel(ESCALATION, stage.id.toString()))
                .replaceWithVoid();
    }

    /** The timeout timer: a stage still undecided denies the request. */
    Uni<Void> timedOut(UUID stageId) {
        return ApprovalStage.<ApprovalStage>findById(stageId, LockModeType.PESSIMISTIC_WRITE).chain(stage -> {
            if (stage == null || !ApprovalStage.IN_PROGRESS.equals(stage.status)) {
                return Uni.createFrom().voidItem();
            }
            stage.status = ApprovalStage.EXPIRED;
            stage.reviewedAt = clock.instant();
            return timers.cancel(ESCALATION, stage.id.toString())
                    .chain(() -> AssignmentRequest.<AssignmentRequest>findById(stage.requestId))
                    .chain(request -> request == null || request.state != RequestState.pendingApproval
                            ? Uni.createFrom().voidItem()
                            : deny(request, "Not approved within " + stage.denyAfter + " (stage "
                                    + (stage.stageIndex + 1) + "); denied automatically."));
        });
    }

    /** The escalation timer: escalation approvers may now decide too, and are asked to. */
    Uni<Void> escalated(UUID stageId) {
        return ApprovalStage.<ApprovalStage>findById(stageId, LockModeType.PESSIMISTIC_WRITE).chain(stage -> {
            if (stage == null || !ApprovalStage.IN_PROGRESS.equals(stage.status)) {
                return Uni.createFrom().voidItem();
            }
            stage.escalated = true;
            LOG.infof("Approval stage %s escalated", stageId);
            return AssignmentRequest.<AssignmentRequest>findById(stage.requestId)
                    .chain(request -> request == null || request.state != RequestState.pendingApproval
                            ? Uni.createFrom().voidItem()
                            : mails.approvalRequired(request, stage.id, stage.stageIndex, packageName(request), true));
        });
    }
}
