package dev.tessera.pim.approval;

import dev.tessera.pim.directory.Directory;
import dev.tessera.pim.policy.RolePolicy;
import dev.tessera.pim.schedule.RoleScheduleRequest;
import dev.tessera.pim.schedule.ScheduleService;
import dev.tessera.platform.graph.GraphException;
import dev.tessera.platform.graph.RemoteErrors;
import dev.tessera.platform.messaging.Outbox;
import dev.tessera.platform.messaging.events.EventTypes;
import dev.tessera.platform.messaging.events.PimApprovalChanged;
import dev.tessera.platform.messaging.events.Topics;
import dev.tessera.platform.messaging.timer.DurableTimers;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Approval of activations (Approval_EndUser_Assignment): opens the one step of a request that waits
 * for approvers, lets a listed approver (or a member of a listed group) decide it once — never the
 * requestor — and ends it at its timeout. Approval hands the request back to ScheduleService,
 * which carries it out as if no approval had been needed.
 */
@ApplicationScoped
public class ApprovalService {

    public static final String TIMEOUT_TIMER = "pim.approvalTimeout";
    static final String PENDING = "PendingApproval";

    private static final Logger LOG = Logger.getLogger(ApprovalService.class);

    @Inject
    InstantSource clock;

    @Inject
    DurableTimers timers;

    @Inject
    Outbox outbox;

    @Inject
    Directory directory;

    @Inject
    ScheduleService schedules;

    /** An approval as its reader sees it. */
    public record View(RoleScheduleRequest request, ApprovalStep step, boolean assignedToMe) {
    }

    /** Who looks at or decides an approval. */
    public record Reader(UUID objectId, boolean privilegedRoleAdmin) {
    }

    /** Inside the requesting transaction: the step, its approvers, its timeout and the event. */
    public Uni<Void> open(RoleScheduleRequest request, RolePolicy.Approval approval) {
        Instant now = clock.instant();
        ApprovalStep step = new ApprovalStep();
        step.id = UUID.randomUUID();
        step.requestId = request.id;
        step.displayName = null;
        step.status = ApprovalStep.IN_PROGRESS;
        step.reviewResult = ApprovalStep.NOT_REVIEWED;
        step.justificationRequired = approval.approverJustificationRequired();
        step.createdAt = now;
        step.dueAt = now.plus(Duration.ofDays(approval.timeoutDays()));
        Uni<Void> chain = step.persist().replaceWithVoid();
        for (RolePolicy.Approver approver : approval.approvers()) {
            ApprovalApprover row = new ApprovalApprover();
            row.key = new ApprovalApprover.Key(step.id, approver.type(), approver.id());
            chain = chain.chain(() -> row.persist().replaceWithVoid());
        }
        return chain.chain(() -> timers.schedule(TIMEOUT_TIMER, request.id.toString(), step.dueAt, null))
                .chain(() -> publish(request, step, "pendingApproval", approval.approvers(), null));
    }

    /**
     * The requestor cancels a waiting request (inside their transaction): the request is Canceled,
     * the step closed undecided and its timeout dropped. The step is locked as a decision locks it,
     * so a cancel and a decision never both succeed.
     */
    public Uni<Void> withdraw(RoleScheduleRequest request) {
        return stepOf(request.id, LockModeType.PESSIMISTIC_WRITE).chain(step -> {
            if (step == null || !ApprovalStep.IN_PROGRESS.equals(step.status)) {
                throw GraphException.badRequest("The approval of this request was already decided or expired; it can "
                        + "no longer be canceled.");
            }
            request.status = "Canceled";
            request.completedAt = clock.instant();
            step.status = ApprovalStep.COMPLETED;
            return timers.cancel(TIMEOUT_TIMER, request.id.toString())
                    .chain(() -> approvers(step.id))
                    .chain(approvers -> publish(request, step, "canceled", approvers, null));
        });
    }

    /** Timer: nobody decided within the stage's timeout. The request is TimedOut, the step Expired. */
    Uni<Void> timedOut(UUID requestId) {
        return RoleScheduleRequest.<RoleScheduleRequest>findById(requestId).chain(request -> {
            if (request == null || !PENDING.equals(request.status)) {
                return Uni.createFrom().voidItem();
            }
            return stepOf(requestId, LockModeType.PESSIMISTIC_WRITE).chain(step -> {
                if (step == null || !ApprovalStep.IN_PROGRESS.equals(step.status)) {
                    return Uni.createFrom().voidItem();
                }
                LOG.infof("Approval of request %s (%s of role %s for %s) timed out", request.id, request.action,
                        request.roleDefinitionId, request.principalId);
                step.status = ApprovalStep.EXPIRED;
                request.status = "TimedOut";
                request.completedAt = clock.instant();
                return approvers(step.id).chain(approvers -> publish(request, step, "timedOut", approvers, null));
            });
        });
    }

    /** An approval (the request and its step) the reader may see: requestor, principal, approver or PIM admin. */
    @WithSession
    public Uni<View> find(UUID approvalId, Reader reader) {
        return RoleScheduleRequest.<RoleScheduleRequest>findById(approvalId).chain(request -> {
            if (request == null || request.approvalId == null) {
                throw notFound(approvalId);
            }
            return stepOf(approvalId).chain(step -> approvers(step.id).chain(approvers -> isApprover(approvers, reader)
                    .map(approver -> {
                        boolean own = request.principalId.equals(reader.objectId()) || request.createdBy.equals(reader.objectId());
                        if (!approver && !own && !reader.privilegedRoleAdmin()) {
                            throw notFound(approvalId);
                        }
                        return new View(request, step, approver && !own && ApprovalStep.IN_PROGRESS.equals(step.status));
                    })));
        });
    }

    /** What waits for the reader's decision: in-progress steps naming them or one of their groups. */
    @WithSession
    public Uni<List<View>> waitingFor(Reader reader) {
        return ApprovalApprover.<ApprovalApprover>list("key.subjectType = ?1 and key.stepId in "
                        + "(select s.id from ApprovalStep s where s.status = ?2)",
                        RolePolicy.Approver.GROUP, ApprovalStep.IN_PROGRESS)
                .chain(groupRows -> groupRows.isEmpty() ? Uni.createFrom().item(Set.<UUID>of())
                        : groupsOf(reader))
                .chain(groups -> ApprovalStep.<ApprovalStep>list("status = ?1 and id in (select a.key.stepId from "
                                + "ApprovalApprover a where (a.key.subjectType = ?2 and a.key.objectId = ?3) or "
                                + "(a.key.subjectType = ?4 and a.key.objectId in ?5)) order by createdAt, id",
                        ApprovalStep.IN_PROGRESS, RolePolicy.Approver.USER, reader.objectId(), RolePolicy.Approver.GROUP,
                        groups.isEmpty() ? List.of(new UUID(0, 0)) : List.copyOf(groups)))
                .chain(steps -> steps.isEmpty() ? Uni.createFrom().item(List.<View>of())
                        : RoleScheduleRequest.<RoleScheduleRequest>list("id in ?1",
                                steps.stream().map(s -> s.requestId).toList()).map(requests -> steps.stream()
                                .map(step -> requests.stream().filter(r -> r.id.equals(step.requestId)).findFirst()
                                        .map(r -> new View(r, step, !r.createdBy.equals(reader.objectId())
                                                && !r.principalId.equals(reader.objectId())))
                                        .orElse(null))
                                .filter(v -> v != null && v.assignedToMe()).toList()));
    }

    /**
     * PATCH of a step: Approve or Deny, by a listed approver who is not the requestor, with a
     * justification when the stage requires one; a step decided (or expired) before is a 409.
     */
    @WithTransaction
    public Uni<Void> decide(UUID approvalId, UUID stepId, String reviewResult, String justification, Reader reader) {
        String decision = reviewResult == null ? null : List.of("Approve", "Deny").stream()
                .filter(d -> d.equalsIgnoreCase(reviewResult.trim())).findFirst().orElse(null);
        return RoleScheduleRequest.<RoleScheduleRequest>findById(approvalId).chain(request -> {
            if (request == null || request.approvalId == null) {
                throw notFound(approvalId);
            }
            return ApprovalStep.<ApprovalStep>findById(stepId, LockModeType.PESSIMISTIC_WRITE).chain(step -> {
                if (step == null || !step.requestId.equals(approvalId)) {
                    throw GraphException.notFound("Step '" + stepId + "' is not a step of approval '" + approvalId + "'.");
                }
                if (request.createdBy.equals(reader.objectId()) || request.principalId.equals(reader.objectId())) {
                    throw GraphException.forbidden("A requestor cannot decide their own request.");
                }
                return approvers(step.id).chain(approvers -> isApprover(approvers, reader)).chain(approver -> {
                    if (!approver) {
                        throw GraphException.forbidden("Only an approver of this request's approval stage may decide it.");
                    }
                    // the body is read only now: anyone who may not decide gets 403 whatever it holds
                    if (decision == null) {
                        throw GraphException.invalidField("reviewResult", "'reviewResult' is required: Approve or Deny"
                                + (reviewResult == null ? "." : ", not '" + reviewResult + "'."));
                    }
                    if (!ApprovalStep.IN_PROGRESS.equals(step.status)) {
                        throw GraphException.conflict("The approval step was already "
                                + (ApprovalStep.EXPIRED.equals(step.status) ? "expired" : "completed")
                                + (ApprovalStep.NOT_REVIEWED.equals(step.reviewResult) ? "" : " (" + step.reviewResult + ")")
                                + "; it cannot be decided again.");
                    }
                    if (step.justificationRequired && (justification == null || justification.isBlank())) {
                        throw GraphException.invalidField("justification", "This approval stage requires the approver's "
                                + "'justification'.");
                    }
                    Instant now = clock.instant();
                    step.status = ApprovalStep.COMPLETED;
                    step.reviewResult = decision.equals("Approve") ? "Approved" : "Denied";
                    step.reviewedBy = reader.objectId();
                    step.reviewedAt = now;
                    step.justification = justification;
                    Uni<Void> outcome;
                    if (decision.equals("Approve")) {
                        outcome = schedules.approved(request);
                    } else {
                        request.status = "Denied";
                        request.completedAt = now;
                        outcome = Uni.createFrom().voidItem();
                    }
                    return outcome.chain(() -> timers.cancel(TIMEOUT_TIMER, request.id.toString()))
                            .chain(() -> approvers(step.id))
                            .chain(list -> publish(request, step, decision.equals("Approve") ? "approved" : "denied",
                                    list, reader.objectId()));
                });
            });
        });
    }

    private Uni<Boolean> isApprover(List<RolePolicy.Approver> approvers, Reader reader) {
        if (approvers.stream().anyMatch(a -> !a.group() && a.id().equals(reader.objectId()))) {
            return Uni.createFrom().item(true);
        }
        if (approvers.stream().noneMatch(RolePolicy.Approver::group)) {
            return Uni.createFrom().item(false);
        }
        return groupsOf(reader).map(groups -> approvers.stream().anyMatch(a -> a.group() && groups.contains(a.id())));
    }

    private Uni<Set<UUID>> groupsOf(Reader reader) {
        return directory.groupIds(reader.objectId())
                .onFailure().transform(e -> RemoteErrors.asGraphError(e, "directory",
                        "the groups of '" + reader.objectId() + "'"));
    }

    Uni<List<RolePolicy.Approver>> approvers(UUID stepId) {
        return ApprovalApprover.<ApprovalApprover>list("key.stepId", stepId).map(rows -> rows.stream()
                .map(r -> new RolePolicy.Approver(r.key.subjectType(), r.key.objectId())).toList());
    }

    private Uni<ApprovalStep> stepOf(UUID requestId) {
        return ApprovalStep.<ApprovalStep>find("requestId", requestId).firstResult();
    }

    private Uni<ApprovalStep> stepOf(UUID requestId, LockModeType lock) {
        return ApprovalStep.<ApprovalStep>find("requestId", requestId).withLock(lock).firstResult();
    }

    private Uni<Void> publish(RoleScheduleRequest request, ApprovalStep step, String change,
            List<RolePolicy.Approver> approvers, UUID decidedBy) {
        return outbox.publish(Topics.PIM_EVENTS, EventTypes.PIM_APPROVAL_CHANGED, request.principalId.toString(),
                new PimApprovalChanged(request.id, step.id, request.action, request.principalId, request.roleDefinitionId,
                        request.directoryScopeId, change,
                        approvers.stream().filter(a -> !a.group()).map(RolePolicy.Approver::id).toList(),
                        approvers.stream().filter(RolePolicy.Approver::group).map(RolePolicy.Approver::id).toList(),
                        step.dueAt, decidedBy));
    }

    static GraphException notFound(UUID approvalId) {
        return GraphException.notFound("Approval '" + approvalId.toString().toLowerCase(Locale.ROOT) + "' was not found.");
    }
}
