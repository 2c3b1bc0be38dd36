package dev.tessera.pim.schedule;

import dev.tessera.pim.approval.ApprovalService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.InstantSource;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * What the directory takes away, PIM takes away too (tessera.directory.events, inside the
 * consumer's transaction): a user who leaves a group loses the activations they made with the
 * group's eligibility; a deleted user loses everything they hold; a disabled user loses their
 * activations; a deleted group loses its schedules and its members their activations through it.
 * Pending requests that relied on what went are canceled. The five-minute rule does not apply: an
 * activation or assignment whose basis is gone ends at once. Ending only what is live makes a
 * replay change nothing.
 */
@ApplicationScoped
public class DirectoryLifecycle {

    private static final Logger LOG = Logger.getLogger(DirectoryLifecycle.class);

    @Inject
    ScheduleService schedules;

    @Inject
    ApprovalService approvals;

    @Inject
    InstantSource clock;

    /** The user is no longer a member of the group: their activations of the group's eligibilities end. */
    public Uni<Void> memberRemoved(UUID userId, UUID groupId) {
        return eligibilityIds(groupId).chain(eligibilities -> {
            if (eligibilities.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            return RoleSchedule.<RoleSchedule>list("kind = ?1 and principalId = ?2 and endedAt is null "
                            + "and activatedUsing in ?3 order by id", ScheduleKind.ASSIGNMENT, userId, eligibilities)
                    .invoke(ended -> log(ended, "user " + userId + " left group " + groupId))
                    .chain(activations -> endAll(activations, true))
                    .chain(() -> RoleScheduleRequest.<RoleScheduleRequest>list("principalId = ?1 and status = ?2 "
                            + "and activatedUsing in ?3 order by id", userId, "PendingApproval", eligibilities))
                    .chain(this::cancelAll);
        });
    }

    /**
     * The user was deleted (everything they hold ends, as Entra removes a deleted user's role
     * assignments) or disabled ({@code everything} false: their activations end; eligibilities and
     * assignments stay, so re-enabling the account gives back what it had). Their waiting requests
     * are canceled either way.
     */
    public Uni<Void> userGone(UUID userId, boolean everything) {
        String which = everything ? "" : " and assignmentType = 'Activated'";
        return RoleSchedule.<RoleSchedule>list("principalId = ?1 and endedAt is null" + which + " order by id", userId)
                .invoke(ended -> log(ended, "user " + userId + (everything ? " was deleted" : " was disabled")))
                // a deleted user keeps nothing, not even through the packages that held their schedules
                .chain(live -> endAll(live, !everything))
                .chain(() -> RoleScheduleRequest.<RoleScheduleRequest>list("principalId = ?1 and status in ?2 order by id",
                        userId, List.of("PendingApproval", "PendingAdminDecision")))
                .chain(this::cancelAll);
    }

    /** The group was deleted: its schedules end, and so do its members' activations through it. */
    public Uni<Void> groupDeleted(UUID groupId) {
        return eligibilityIds(groupId).chain(eligibilities -> {
            Uni<List<RoleSchedule>> activations = eligibilities.isEmpty() ? Uni.createFrom().item(List.<RoleSchedule>of())
                    : RoleSchedule.<RoleSchedule>list("kind = ?1 and endedAt is null and activatedUsing in ?2 order by id",
                            ScheduleKind.ASSIGNMENT, eligibilities);
            Uni<List<RoleScheduleRequest>> waiting = Uni.createFrom().deferred(() -> eligibilities.isEmpty()
                    ? Uni.createFrom().item(List.<RoleScheduleRequest>of())
                    : RoleScheduleRequest.<RoleScheduleRequest>list("status = ?1 and activatedUsing in ?2 order by id",
                            "PendingApproval", eligibilities));
            return activations
                    .invoke(ended -> log(ended, "group " + groupId + " was deleted"))
                    .chain(live -> endAll(live, true))
                    .chain(() -> RoleSchedule.<RoleSchedule>list("principalId = ?1 and endedAt is null order by id", groupId))
                    .invoke(ended -> log(ended, "group " + groupId + " was deleted"))
                    .chain(own -> endAll(own, false))
                    .chain(() -> waiting)
                    .chain(this::cancelAll);
        });
    }

    /** Ids of the group's eligibilities, ended or not (an activation outlives nothing it was made with). */
    private Uni<List<UUID>> eligibilityIds(UUID groupId) {
        return RoleSchedule.<RoleSchedule>list("kind = ?1 and principalId = ?2", ScheduleKind.ELIGIBILITY, groupId)
                .map(found -> found.stream().map(s -> s.id).toList());
    }

    /**
     * Ends each schedule, one after the other (one session). {@code packagesKeep}: access package
     * assignments that hold one keep the role through a schedule of their own (as after
     * selfDeactivate); otherwise their holds go with it. A schedule that had not started is
     * Canceled with the request that made it, as a cancel would.
     */
    private Uni<Void> endAll(List<RoleSchedule> live, boolean packagesKeep) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (RoleSchedule schedule : live) {
            chain = chain.chain(() -> {
                Uni<Void> holds = packagesKeep ? Uni.createFrom().voidItem()
                        : PackageHold.delete("scheduleId", schedule.id).replaceWithVoid();
                if (!"Granted".equals(schedule.status)) {
                    return holds.chain(() -> schedules.end(schedule, "Revoked", "removed", null));
                }
                return holds.chain(() -> RoleScheduleRequest.<RoleScheduleRequest>findById(schedule.createdUsing))
                        .invoke(request -> {
                            if (request != null && "Granted".equals(request.status)) {
                                request.status = "Canceled";
                                request.completedAt = clock.instant();
                            }
                        })
                        .chain(() -> schedules.end(schedule, "Canceled", "removed", null));
            });
        }
        return chain;
    }

    private Uni<Void> cancelAll(List<RoleScheduleRequest> waiting) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (RoleScheduleRequest request : waiting) {
            chain = chain.chain(() -> {
                LOG.infof("Request %s (%s of role %s for %s) canceled: its principal or eligibility is gone",
                        request.id, request.action, request.roleDefinitionId, request.principalId);
                if ("PendingApproval".equals(request.status)) {
                    return approvals.withdraw(request);
                }
                request.status = "Canceled";
                request.completedAt = clock.instant();
                return Uni.createFrom().voidItem();
            });
        }
        return chain;
    }

    private static void log(List<RoleSchedule> ended, String why) {
        ended.forEach(s -> LOG.infof("%s schedule %s of %s for role %s ends: %s", s.kind, s.id, s.principalId,
                s.roleDefinitionId, why));
    }
}
