package dev.tessera.pim.schedule;

import dev.tessera.pim.policy.RolePolicies;
import dev.tessera.pim.roledefinition.RoleDefinition;
import dev.tessera.platform.graph.GraphException;
import dev.tessera.platform.messaging.Outbox;
import dev.tessera.platform.messaging.events.EventTypes;
import dev.tessera.platform.messaging.events.PimRoleCommand;
import dev.tessera.platform.messaging.events.PimRoleCommandResult;
import dev.tessera.platform.messaging.events.Topics;
import dev.tessera.platform.messaging.timer.DurableTimers;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Directory roles that access packages grant (docs/pim.md, "Directory roles from access packages"):
 * provisioning-service's commands take or let go of a package assignment's hold on the one live
 * schedule per principal, role and scope, and when a schedule made by a request ends while packages
 * hold it, the packages keep the role through a schedule of their own. Everything runs inside the
 * caller's transaction; schedules are made and ended through {@link ScheduleService}.
 */
@ApplicationScoped
public class PackageRoles {

    private static final Logger LOG = Logger.getLogger(PackageRoles.class);

    @Inject
    ScheduleService schedules;

    @Inject
    RolePolicies policies;

    @Inject
    DurableTimers timers;

    @Inject
    Outbox outbox;

    @Inject
    InstantSource clock;

    /**
     * A command from provisioning-service, inside the consumer's transaction: an access package grants
     * ({@code assign}) or takes away ({@code remove}) an Eligible or Active role. The same rules hold
     * as for requests; a removal inside the five-minute window is answered {@code deferred} with the
     * earliest time it will be accepted, never dropped. The answer goes out as PimRoleCommandResult.
     */
    public Uni<Void> apply(PimRoleCommand command) {
        String kind = "Eligible".equalsIgnoreCase(command.roleType()) ? ScheduleKind.ELIGIBILITY
                : "Active".equalsIgnoreCase(command.roleType()) ? ScheduleKind.ASSIGNMENT : null;
        if (kind == null) {
            return answer(command, PimRoleCommandResult.FAILED, null, null,
                    "Unknown role type '" + command.roleType() + "'; expected Eligible or Active.");
        }
        ScheduleService.Target target = new ScheduleService.Target(command.principalId(), command.roleDefinitionId().toLowerCase(java.util.Locale.ROOT),
                command.directoryScopeId() == null ? "/" : command.directoryScopeId(), null);
        Instant now = clock.instant();
        if ("remove".equalsIgnoreCase(command.operation())) {
            return schedules.live(kind, target).chain(found -> found.isEmpty()
                    ? answer(command, PimRoleCommandResult.DONE, null, null, null)
                    : release(command, found.get(), now));
        }
        if (!"assign".equalsIgnoreCase(command.operation())) {
            return answer(command, PimRoleCommandResult.FAILED, null, null,
                    "Unknown operation '" + command.operation() + "'; expected assign or remove.");
        }
        return RoleDefinition.<RoleDefinition>findById(target.roleDefinitionId()).chain(role -> {
            if (role == null) {
                return answer(command, PimRoleCommandResult.FAILED, null, null,
                        "Role definition '" + command.roleDefinitionId() + "' was not found.");
            }
            if (command.endDateTime() != null
                    && Duration.between(now, command.endDateTime()).compareTo(PimRules.MINIMUM) < 0) {
                return answer(command, PimRoleCommandResult.FAILED, null, null,
                        "The assignment would last less than five minutes.");
            }
            return schedules.live(kind, target).chain(existing -> {
                if (existing.isPresent()) {
                    // One live schedule per principal, role and scope: the package holds the one there is
                    // (its own from an earlier command, another package's, or one a request made).
                    return hold(existing.get(), command, now)
                            .chain(() -> answer(command, PimRoleCommandResult.DONE, existing.get().id, null, null));
                }
                RoleScheduleRequest request = packageRequest(kind, target, command.assignmentId(), now);
                ScheduleRequestBody body = new ScheduleRequestBody("adminAssign", null, null, null, null,
                        request.justification, new ScheduleRequestBody.ScheduleInfo(now,
                                command.endDateTime() == null
                                        ? new ScheduleRequestBody.Expiration("noExpiration", null, null)
                                        : new ScheduleRequestBody.Expiration("afterDateTime", command.endDateTime(), null)),
                        null, false);
                return policies.enforcedFor(role.id)
                        .chain(policy -> schedules.assign(kind, request, body, target, "Assigned", null, policy, true))
                        // the role's policy refuses it (e.g. an end is required): a clear failure, not a retry
                        .onFailure(GraphException.class).recoverWithUni(e -> answer(command, PimRoleCommandResult.FAILED,
                                null, null, e.getMessage()).replaceWith((RoleScheduleRequest) null))
                        .chain(created -> created == null ? Uni.createFrom().voidItem()
                                : RoleSchedule.<RoleSchedule>findById(created.targetScheduleId)
                                        .chain(schedule -> hold(schedule, command, now))
                                        .chain(() -> answer(command, PimRoleCommandResult.DONE, created.targetScheduleId,
                                                null, null)));
            });
        });
    }

    /**
     * The package assignment holds the schedule (once, however often the command comes). A schedule
     * made for packages lasts as long as its longest-lasting holder needs.
     */
    private Uni<Void> hold(RoleSchedule schedule, PimRoleCommand command, Instant now) {
        return PackageHold.<PackageHold>find("scheduleId = ?1 and assignmentId = ?2", schedule.id, command.assignmentId())
                .firstResult().chain(held -> {
                    if (held != null) {
                        return Uni.createFrom().voidItem();
                    }
                    PackageHold hold = new PackageHold();
                    hold.id = UUID.randomUUID();
                    hold.scheduleId = schedule.id;
                    hold.assignmentId = command.assignmentId();
                    hold.commandId = command.commandId();
                    hold.endAt = command.endDateTime();
                    hold.createdAt = now;
                    if (!RoleSchedule.PACKAGE.equals(schedule.source) || schedule.endAt == null
                            || (hold.endAt != null && !hold.endAt.isAfter(schedule.endAt))) {
                        return hold.persist().replaceWithVoid();
                    }
                    schedule.endAt = hold.endAt;
                    schedule.expirationType = hold.endAt == null ? "noExpiration" : "afterDateTime";
                    schedule.duration = null;
                    schedule.modifiedAt = now;
                    return hold.persist()
                            .chain(() -> timers.cancel(ScheduleService.END_TIMER, schedule.id.toString()))
                            .chain(() -> schedules.scheduleEnd(schedule))
                            .chain(() -> schedules.publish(schedule, "updated", null));
                });
    }

    /**
     * A package assignment lets go of its role: only its hold goes. The schedule ends when it was
     * made for packages and no other package holds it — not inside the five-minute window (answered
     * deferred) — and a schedule made by a request (an administrator's own assignment, a user's
     * activation) stays.
     */
    private Uni<Void> release(PimRoleCommand command, RoleSchedule schedule, Instant now) {
        return PackageHold.<PackageHold>list("scheduleId", schedule.id).chain(holds -> {
            boolean mine = holds.stream().anyMatch(h -> h.assignmentId.equals(command.assignmentId()));
            boolean others = holds.stream().anyMatch(h -> !h.assignmentId.equals(command.assignmentId()));
            if (!mine) {
                // nothing of this package's (never granted, or already released): done
                return answer(command, PimRoleCommandResult.DONE, null, null, null);
            }
            Uni<Long> letGo = PackageHold.delete("scheduleId = ?1 and assignmentId = ?2", schedule.id,
                    command.assignmentId());
            if (others || !RoleSchedule.PACKAGE.equals(schedule.source)) {
                return letGo.chain(() -> answer(command, PimRoleCommandResult.DONE, schedule.id, null, null));
            }
            Instant earliest = PimRules.earliestRemoval(schedule.startAt);
            if (!schedule.startAt.isAfter(now) && now.isBefore(earliest)) {
                return answer(command, PimRoleCommandResult.DEFERRED, schedule.id, earliest,
                        "Inside the five-minute window after its start; removable from " + earliest + ".");
            }
            return letGo.chain(() -> schedules.end(schedule, "Revoked", "removed", null))
                    .chain(() -> answer(command, PimRoleCommandResult.DONE, schedule.id, null, null));
        });
    }

    /**
     * A schedule made by a request ended (removed, deactivated, expired, canceled) while package
     * assignments hold it: the packages keep the role through a schedule of their own, from now to
     * the latest end they were granted, with their holds moved to it.
     */
    Uni<Void> succeed(RoleSchedule ended, Instant now) {
        return PackageHold.<PackageHold>list("scheduleId", ended.id).chain(holds -> {
            if (holds.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            Instant end = holds.stream().anyMatch(h -> h.endAt == null) ? null
                    : holds.stream().map(h -> h.endAt).max(Instant::compareTo).orElseThrow();
            if (end != null && Duration.between(now, end).compareTo(PimRules.MINIMUM) < 0) {
                // what the packages were granted is (nearly) over: nothing to carry on
                return PackageHold.delete("scheduleId", ended.id).replaceWithVoid();
            }
            ScheduleService.Target target = new ScheduleService.Target(ended.principalId, ended.roleDefinitionId, ended.directoryScopeId,
                    ended.appScopeId);
            RoleScheduleRequest request = packageRequest(ended.kind, target, holds.get(0).assignmentId, now);
            request.startAt = now;
            request.endAt = end;
            request.expirationType = end == null ? "noExpiration" : "afterDateTime";
            request.completedAt = now;
            request.status = "Provisioned";
            RoleSchedule successor = new RoleSchedule();
            successor.id = request.id;
            successor.kind = ended.kind;
            successor.principalId = ended.principalId;
            successor.roleDefinitionId = ended.roleDefinitionId;
            successor.directoryScopeId = ended.directoryScopeId;
            successor.appScopeId = ended.appScopeId;
            successor.assignmentType = ScheduleKind.ASSIGNMENT.equals(ended.kind) ? "Assigned" : null;
            successor.memberType = "Direct";
            successor.status = "Provisioned";
            successor.startAt = now;
            successor.endAt = end;
            successor.expirationType = request.expirationType;
            successor.createdUsing = request.id;
            successor.source = RoleSchedule.PACKAGE;
            successor.createdAt = now;
            successor.modifiedAt = now;
            request.targetScheduleId = successor.id;
            LOG.infof("%s schedule %s of %s ended; access package assignments %s keep the role through schedule %s",
                    ended.kind, ended.id, ended.principalId, holds.stream().map(h -> h.assignmentId).toList(), successor.id);
            // the ended schedule is written first: one live schedule per principal, role and scope
            return Panache.flush()
                    .chain(() -> request.persist())
                    .chain(() -> successor.persist())
                    .chain(Panache::flush)
                    .chain(() -> PackageHold.update("scheduleId = ?1 where scheduleId = ?2", successor.id, ended.id))
                    .chain(() -> schedules.publish(successor, "created", request.id))
                    .chain(() -> schedules.scheduleEnd(successor));
        });
    }

    /** The schedule request recorded for what a package command (or a package's successor schedule) creates. */
    private RoleScheduleRequest packageRequest(String kind, ScheduleService.Target target, UUID assignmentId, Instant now) {
        RoleScheduleRequest request = new RoleScheduleRequest();
        request.id = UUID.randomUUID();
        request.kind = kind;
        request.action = "adminAssign";
        request.principalId = target.principalId();
        request.roleDefinitionId = target.roleDefinitionId();
        request.directoryScopeId = target.directoryScopeId();
        request.appScopeId = target.appScopeId();
        request.justification = "Access package assignment " + assignmentId;
        request.createdBy = ScheduleService.PACKAGE_CREATOR;
        request.createdAt = now;
        return request;
    }

    private Uni<Void> answer(PimRoleCommand command, String outcome, UUID scheduleId, Instant notBefore,
            String reason) {
        if (!PimRoleCommandResult.DONE.equals(outcome)) {
            LOG.infof("PIM command %s (%s %s for %s): %s %s", command.commandId(), command.operation(),
                    command.roleType(), command.principalId(), outcome, reason);
        }
        return outbox.publish(Topics.PIM_EVENTS, EventTypes.PIM_ROLE_COMMAND_RESULT, command.principalId().toString(),
                new PimRoleCommandResult(command.commandId(), command.assignmentId(), command.operation(), outcome,
                        scheduleId == null ? null : scheduleId.toString(), notBefore, reason));
    }
}
