package dev.tessera.pim.schedule;

import dev.tessera.pim.approval.ApprovalService;
import dev.tessera.pim.directory.Directory;
import dev.tessera.pim.policy.RolePolicies;
import dev.tessera.pim.policy.RolePolicy;
import dev.tessera.pim.roledefinition.RoleDefinition;
import dev.tessera.pim.roles.EffectiveRoles;
import dev.tessera.pim.roles.GroupMembers;
import dev.tessera.platform.graph.DatabaseErrors;
import dev.tessera.platform.graph.GraphException;
import dev.tessera.platform.graph.Ids;
import dev.tessera.platform.graph.RemoteErrors;
import dev.tessera.platform.messaging.Outbox;
import dev.tessera.platform.messaging.events.EventTypes;
import dev.tessera.platform.messaging.events.PimScheduleChanged;
import dev.tessera.platform.messaging.events.Topics;
import dev.tessera.platform.messaging.timer.DurableTimers;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Carries out role schedule requests: validates them against the rules (who may ask, the default
 * policy, the five-minute rules), then creates, changes or ends the schedule, records the request
 * with its outcome, publishes the change on tessera.pim.events and keeps the schedule's start and
 * end as durable timers — all in one transaction.
 */
@ApplicationScoped
public class ScheduleService {

    public static final String START_TIMER = "pim.scheduleStart";
    public static final String END_TIMER = "pim.scheduleEnd";

    private static final Logger LOG = Logger.getLogger(ScheduleService.class);

    @Inject
    InstantSource clock;

    @Inject
    RolePolicies policies;

    @Inject
    RoleScopes scopes;

    @Inject
    Directory directory;

    @Inject
    ApprovalService approvals;

    @Inject
    PackageRoles packageRoles;

    @Inject
    EffectiveRoles effectiveRoles;

    @Inject
    GroupMembers groupMembers;

    /** createdBy of the requests recorded for access packages' commands (no user asked). */
    static final UUID PACKAGE_CREATOR = new UUID(0, 0);

    /** createdBy of the requests Tessera makes itself (the first administrators, docs/operations.md). */
    public static final UUID TESSERA = new UUID(0, 1);

    /** selfExtend is possible this long before an assignment ends (Entra: 14 days). */
    static final Duration EXTEND_WINDOW = Duration.ofDays(14);
    /** selfRenew is possible this long after an assignment expired. */
    static final Duration RENEW_WINDOW = Duration.ofDays(30);

    @Inject
    DurableTimers timers;

    @Inject
    Outbox outbox;

    /** Who is asking, as the token says. */
    public record Caller(UUID objectId, boolean privilegedRoleAdmin, boolean mfa) {
    }

    /**
     * Built-in roles that may be assigned at an administrative-unit scope (Entra's list, as far as
     * Tessera ships those roles); custom roles may be as well.
     */

    /** The target of a request: principal, role and scope. */
    record Target(UUID principalId, String roleDefinitionId, String directoryScopeId, String appScopeId) {
    }

    @WithTransaction
    public Uni<RoleScheduleRequest> submit(String kind, ScheduleRequestBody body, Caller caller) {
        return submit(kind, body, caller, false);
    }

    /**
     * Graph's {@code POST roleAssignments} / {@code DELETE roleAssignments/{id}}: an {@code adminAssign}
     * (permanent, active) or {@code adminRemove} of an active assignment, carried out as those requests
     * are. Graph's unifiedRoleAssignment has no justification or ticket, so the role policy's
     * justification and ticketing rules for administrators do not apply to it; its expiration and MFA
     * rules do (docs/pim.md, "roleAssignments").
     */
    @WithTransaction
    public Uni<RoleScheduleRequest> submitForRoleAssignments(ScheduleRequestBody body, Caller caller) {
        return submit(ScheduleKind.ASSIGNMENT, body, caller, true);
    }

    private Uni<RoleScheduleRequest> submit(String kind, ScheduleRequestBody body, Caller caller,
            boolean roleAssignmentsApi) {
        if (body == null) {
            throw GraphException.badRequest("A request body is required.");
        }
        Action action = Action.parse(body.action());
        // the action decides who may; the rest of the body is read once the caller may take it
        if (action.admin() && !caller.privilegedRoleAdmin()) {
            throw GraphException.forbidden("Only a Privileged Role Administrator or Global Administrator may '"
                    + action.graphName() + "'.");
        }
        Target target = target(body);
        if (!action.admin() && !target.principalId().equals(caller.objectId())) {
            throw GraphException.forbidden("'" + action.graphName() + "' is only for the caller's own principal.");
        }
        if (ScheduleKind.ELIGIBILITY.equals(kind) && (action == Action.selfActivate)) {
            throw GraphException.badRequest("An eligibility cannot be self-activated; activate the role with a "
                    + "roleAssignmentScheduleRequest.");
        }
        RoleScheduleRequest request = newRequest(kind, action, body, target, caller);
        return RoleDefinition.<RoleDefinition>findById(target.roleDefinitionId()).chain(role -> {
            if (role == null) {
                throw GraphException.badRequest("RoleNotFound", "Role definition '" + target.roleDefinitionId()
                        + "' was not found.");
            }
            if (!role.enabled && action != Action.adminRemove && action != Action.selfDeactivate) {
                throw GraphException.badRequest("RoleDefinitionDisabled", "Role definition '" + role.displayName
                        + "' is disabled; nothing new can be assigned or activated.");
            }
            Uni<Void> scope = action == Action.adminAssign
                    ? checkScope(role, target, caller).chain(() -> checkPrincipal(kind, target, request))
                    : Uni.createFrom().voidItem();
            return scope.chain(() -> policies.enforcedFor(role.id)).chain(policy -> switch (action) {
                case adminAssign -> assign(kind, request, body, target, "Assigned", null, policy, caller.mfa(),
                        roleAssignmentsApi);
                case adminUpdate, adminExtend -> update(kind, request, body, target, policy, caller.mfa())
                        .call(done -> settlePending(kind, target, done));
                case adminRenew -> renew(kind, request, body, target, policy, caller.mfa())
                        .call(done -> settlePending(kind, target, done));
                case adminRemove -> remove(kind, request, target, null);
                case selfActivate -> activate(request, body, target, caller, policy);
                case selfDeactivate -> remove(kind, request, target, "Activated");
                case selfExtend, selfRenew -> askAdmin(kind, action, request, body, target, policy);
            });
        });
    }

    /**
     * A permanent active Global Administrator assignment for {@code userId}, made by Tessera itself
     * (createdBy {@link #TESSERA}) through the path an administrator's adminAssign takes — under the
     * role's policy, with its schedule and role events — but without asking the directory (it may not
     * be up while pim-service starts; the operator named the user). Inside the caller's transaction.
     */
    Uni<RoleScheduleRequest> bootstrapAdministrator(UUID userId) {
        ScheduleRequestBody body = new ScheduleRequestBody(Action.adminAssign.graphName(), userId.toString(),
                dev.tessera.common.DirectoryRoles.GLOBAL_ADMINISTRATOR, "/", null,
                "First administrator of this installation (tessera.authorization.bootstrap-administrators)",
                new ScheduleRequestBody.ScheduleInfo(null, new ScheduleRequestBody.Expiration("noExpiration", null, null)),
                null, false);
        Target target = target(body);
        RoleScheduleRequest request = newRequest(ScheduleKind.ASSIGNMENT, Action.adminAssign, body, target,
                new Caller(TESSERA, true, true));
        return policies.enforcedFor(target.roleDefinitionId()).chain(policy -> assign(ScheduleKind.ASSIGNMENT, request,
                body, target, "Assigned", null, policy, true));
    }

    Uni<RoleScheduleRequest> assign(String kind, RoleScheduleRequest request, ScheduleRequestBody body,
            Target target, String assignmentType, UUID activatedUsing, RolePolicy policy, boolean mfa) {
        return assign(kind, request, body, target, assignmentType, activatedUsing, policy, mfa, false);
    }

    private Uni<RoleScheduleRequest> assign(String kind, RoleScheduleRequest request, ScheduleRequestBody body,
            Target target, String assignmentType, UUID activatedUsing, RolePolicy policy, boolean mfa,
            boolean roleAssignmentsApi) {
        Instant now = clock.instant();
        PimRules.Window window = PimRules.window(body.scheduleInfo(), now);
        PimRules.requireMinimumLength(window);
        if (activatedUsing == null) {
            List<String> failed = new java.util.ArrayList<>(
                    PimRules.adminAssignmentFailures(kind, window, body.justification(), mfa, policy));
            if (roleAssignmentsApi) {
                failed.removeAll(List.of("JustificationRule", "TicketingRule"));
            }
            PimRules.requireRules(failed);
        }
        return live(kind, target).chain(existing -> {
            if (existing.isPresent()) {
                throw exists(kind);
            }
            record(request, window);
            RoleSchedule schedule = new RoleSchedule();
            schedule.id = request.id;
            schedule.kind = kind;
            schedule.principalId = target.principalId();
            schedule.roleDefinitionId = target.roleDefinitionId();
            schedule.directoryScopeId = target.directoryScopeId();
            schedule.appScopeId = target.appScopeId();
            schedule.assignmentType = ScheduleKind.ASSIGNMENT.equals(kind) ? assignmentType : null;
            schedule.memberType = request.memberType != null ? request.memberType : "Direct";
            schedule.status = window.startsLater(now) ? "Granted" : "Provisioned";
            schedule.startAt = window.start();
            schedule.endAt = window.end();
            schedule.expirationType = window.expirationType();
            schedule.duration = window.duration();
            schedule.createdUsing = request.id;
            schedule.activatedUsing = activatedUsing;
            schedule.source = PACKAGE_CREATOR.equals(request.createdBy) ? RoleSchedule.PACKAGE : RoleSchedule.REQUEST;
            schedule.createdAt = now;
            schedule.modifiedAt = now;
            request.status = schedule.status;
            request.targetScheduleId = schedule.id;
            if (request.isValidationOnly) {
                return Uni.createFrom().item(request);
            }
            return schedule.persist().chain(Panache::flush)
                    .onFailure(DatabaseErrors::isUniqueViolation).transform(e -> exists(kind))
                    .chain(() -> request.persist())
                    // created when granted (a future schedule also gets started at its start)
                    .chain(() -> publish(schedule, "created", request.id))
                    .chain(() -> window.startsLater(now)
                            ? timers.schedule(START_TIMER, schedule.id.toString(), schedule.startAt, null)
                            : Uni.createFrom().voidItem())
                    .chain(() -> scheduleEnd(schedule))
                    .replaceWith(request);
        });
    }

    /**
     * selfActivate: the caller's eligibility in force now — their own, or else one of a group they
     * are a member of (memberType Group) — and the activation rules of the role's policy. When the
     * policy requires approval the request waits as PendingApproval; otherwise the role is active.
     */
    private Uni<RoleScheduleRequest> activate(RoleScheduleRequest request, ScheduleRequestBody body, Target target,
            Caller caller, RolePolicy policy) {
        Instant now = clock.instant();
        return eligibilityFor(target, caller, now).chain(found -> {
            if (found.isEmpty() || found.get().startAt.isAfter(now)) {
                PimRules.requireRules(List.of("EligibilityRule"));
            }
            RoleSchedule eligibility = found.get();
            request.activatedUsing = eligibility.id;
            request.memberType = eligibility.principalId.equals(target.principalId()) ? "Direct" : "Group";
            PimRules.Window window = PimRules.window(body.scheduleInfo(), now);
            PimRules.requireRules(PimRules.activationFailures(window, body.justification(), caller.mfa(),
                    body.ticketInfo() == null ? null : body.ticketInfo().ticketNumber(), eligibility.endAt, policy));
            if (policy.approval().required()) {
                return awaitApproval(ScheduleKind.ASSIGNMENT, request, window, target, policy);
            }
            return assign(ScheduleKind.ASSIGNMENT, request, body, target, "Activated", eligibility.id, policy,
                    caller.mfa());
        });
    }

    /** The eligibility an activation uses: the principal's own in force, else a group's, else a future own one. */
    private Uni<Optional<RoleSchedule>> eligibilityFor(Target target, Caller caller, Instant now) {
        return live(ScheduleKind.ELIGIBILITY, target).chain(own -> {
            if (own.isPresent() && !own.get().startAt.isAfter(now)) {
                return Uni.createFrom().item(own);
            }
            return directory.groupIds(target.principalId())
                    .onFailure().transform(e -> RemoteErrors.asGraphError(e, "directory",
                            "the groups of '" + target.principalId() + "'"))
                    .chain(groups -> groups.isEmpty() ? Uni.createFrom().item(Optional.<RoleSchedule>empty())
                            : RoleSchedule.<RoleSchedule>find("kind = ?1 and principalId in ?2 and roleDefinitionId = ?3 "
                                            + "and coalesce(directoryScopeId, '') = ?4 and coalesce(appScopeId, '') = ?5 "
                                            + "and endedAt is null and startAt <= ?6 order by startAt, id",
                                    ScheduleKind.ELIGIBILITY, groups, target.roleDefinitionId(), blank(target.directoryScopeId()),
                                    blank(target.appScopeId()), now)
                                    .firstResult().map(Optional::ofNullable))
                    .map(group -> group.isPresent() ? group : own);
        });
    }

    /**
     * The request waits for the approvers of the role's policy (status PendingApproval, approvalId =
     * its id); nothing is active yet. One waiting request per principal, role and scope.
     */
    private Uni<RoleScheduleRequest> awaitApproval(String kind, RoleScheduleRequest request, PimRules.Window window,
            Target target, RolePolicy policy) {
        PimRules.requireMinimumLength(window);
        Uni<Optional<RoleSchedule>> active = "selfActivate".equals(request.action) ? live(kind, target)
                : Uni.createFrom().item(Optional.empty());
        return active.chain(existing -> {
            if (existing.isPresent()) {
                throw exists(kind);
            }
            return pending(kind, target, "PendingApproval");
        }).chain(open -> {
            if (!open.isEmpty()) {
                throw GraphException.badRequest("PendingRoleAssignmentRequest", "A request for this role is already "
                        + "waiting for approval: " + open.get(0).id + ".");
            }
            record(request, window);
            request.completedAt = null;
            request.status = "PendingApproval";
            request.approvalId = request.id;
            if (request.isValidationOnly) {
                return Uni.createFrom().item(request);
            }
            return request.persist().chain(Panache::flush)
                    .onFailure(DatabaseErrors::isUniqueViolation).transform(e -> alreadyWaiting("for approval"))
                    .chain(() -> approvals.open(request, policy.approval()))
                    .replaceWith(request);
        });
    }

    /**
     * The approvers approved a waiting request, inside their transaction: it proceeds as it would
     * have without approval, under the role's policy as it is now — an activation starts now if its
     * requested start has passed (and keeps its duration), a self-extension moves the end. When the
     * rules no longer allow it (the eligibility ended, the role is already active, the window is
     * now too short) the request is Failed, with the reason in the log.
     */
    public Uni<Void> approved(RoleScheduleRequest request) {
        Target target = new Target(request.principalId, request.roleDefinitionId, request.directoryScopeId,
                request.appScopeId);
        ScheduleRequestBody body = new ScheduleRequestBody(request.action, request.principalId.toString(),
                request.roleDefinitionId, request.directoryScopeId, request.appScopeId, request.justification,
                new ScheduleRequestBody.ScheduleInfo(request.startAt, new ScheduleRequestBody.Expiration(
                        request.expirationType, "afterDateTime".equals(request.expirationType) ? request.endAt : null,
                        request.duration)),
                new ScheduleRequestBody.TicketInfo(request.ticketNumber, request.ticketSystem), false);
        Instant now = clock.instant();
        return policies.enforcedFor(request.roleDefinitionId).chain(policy -> "selfExtend".equals(request.action)
                        ? update(request.kind, request, body, target, policy, true)
                        : RoleSchedule.<RoleSchedule>findById(request.activatedUsing).chain(eligibility -> {
                            if (eligibility == null || eligibility.endedAt != null || eligibility.startAt.isAfter(now)) {
                                PimRules.requireRules(List.of("EligibilityRule"));
                            }
                            PimRules.Window window = PimRules.window(body.scheduleInfo(), now);
                            PimRules.requireRules(PimRules.activationFailures(window, request.justification, true,
                                    request.ticketNumber, eligibility.endAt, policy));
                            return assign(ScheduleKind.ASSIGNMENT, request, body, target, "Activated", eligibility.id,
                                    policy, true);
                        }))
                .onFailure(GraphException.class).recoverWithItem(e -> {
                    LOG.infof("Approved request %s can no longer be carried out: %s", request.id, e.getMessage());
                    request.status = "Failed";
                    request.completedAt = now;
                    return request;
                })
                .replaceWithVoid();
    }

    /**
     * The principal exists in the directory: a user, or a group that can hold directory roles
     * (isAssignableToRole). Anything else is Graph's SubjectNotFound, naming principalId.
     */
    private Uni<Void> checkPrincipal(String kind, Target target, RoleScheduleRequest request) {
        UUID principal = target.principalId();
        return directory.group(principal)
                .chain(group -> {
                    if (group.isPresent()) {
                        if (!Boolean.TRUE.equals(group.get().isAssignableToRole())) {
                            throw GraphException.invalidField("principalId", "Group '" + principal + "' cannot hold "
                                    + "directory roles: only a group created with isAssignableToRole true can be a principal.");
                        }
                        // an active assignment of a group: its members' roles follow it (asked of the directory once)
                        return ScheduleKind.ASSIGNMENT.equals(kind) && !request.isValidationOnly
                                ? groupMembers.follow(principal) : Uni.createFrom().voidItem();
                    }
                    return directory.userExists(principal).invoke(exists -> {
                        if (!exists) {
                            throw new GraphException(400, "SubjectNotFound", "principalId '" + principal
                                    + "' is neither a user nor a group of the directory.", "principalId");
                        }
                    }).replaceWithVoid();
                })
                .onFailure(e -> !(e instanceof GraphException))
                .transform(e -> RemoteErrors.asGraphError(e, "directory", "principal '" + principal + "'"));
    }

    private static String blank(String value) {
        return value == null ? "" : value;
    }

    private Uni<RoleScheduleRequest> update(String kind, RoleScheduleRequest request, ScheduleRequestBody body,
            Target target, RolePolicy policy, boolean mfa) {
        Instant now = clock.instant();
        return live(kind, target).chain(found -> {
            RoleSchedule schedule = found.orElseThrow(() -> doesNotExist());
            if (RoleSchedule.PACKAGE.equals(schedule.source)) {
                return managedByPackage(kind, schedule, "changed");
            }
            if ("Activated".equals(schedule.assignmentType)) {
                // Entra: administrators extend and update assignments, not a user's activation; an
                // activation runs within the activation rules it was granted under
                throw GraphException.badRequest("RoleAssignmentDoesNotExist", "The live assignment of this role is an "
                        + "activation (assignmentType Activated), which an administrator cannot update, extend or "
                        + "renew; the principal deactivates and activates again under the role's activation rules.");
            }
            PimRules.Window asked = PimRules.window(body.scheduleInfo(), now);
            // The schedule keeps its start; only its end moves. A duration counts from the start, or
            // from now for a schedule that has started.
            Instant from = schedule.startAt.isAfter(now) ? schedule.startAt : now;
            Instant end = asked.duration() != null ? PimRules.endAfter(from, asked.duration()) : asked.end();
            PimRules.Window window = new PimRules.Window(schedule.startAt, end, asked.expirationType(), asked.duration());
            if (end != null && !end.isAfter(now)) {
                throw GraphException.invalidField("scheduleInfo.expiration.endDateTime", "The new end " + end
                        + " has passed; an update must leave the schedule ending in the future.");
            }
            PimRules.requireMinimumLength(window);
            PimRules.requireRules(PimRules.adminAssignmentFailures(kind, window, body.justification(), mfa, policy));
            record(request, window);
            request.status = "Provisioned";
            request.targetScheduleId = schedule.id;
            if (request.isValidationOnly) {
                return Uni.createFrom().item(request);
            }
            schedule.endAt = window.end();
            schedule.expirationType = window.expirationType();
            schedule.duration = window.duration();
            schedule.modifiedAt = now;
            return request.persist()
                    .chain(() -> timers.cancel(END_TIMER, schedule.id.toString()))
                    .chain(() -> scheduleEnd(schedule))
                    .chain(() -> publish(schedule, "updated", request.id))
                    .replaceWith(request);
        });
    }

    /** A restricted scope names a unit or an application of the directory, for a role that allows it (RoleScopes). */
    private Uni<Void> checkScope(RoleDefinition role, Target target, Caller caller) {
        return scopes.check(role, new RoleScopes.Scope(target.directoryScopeId(), target.appScopeId()));
    }

    /**
     * adminRenew: a live assignment is extended like adminExtend; an expired one is granted again
     * (a new schedule under the policy's rules). Nothing to renew is RoleAssignmentDoesNotExist.
     */
    private Uni<RoleScheduleRequest> renew(String kind, RoleScheduleRequest request, ScheduleRequestBody body,
            Target target, RolePolicy policy, boolean mfa) {
        return live(kind, target).chain(found -> {
            if (found.isPresent()) {
                return update(kind, request, body, target, policy, mfa);
            }
            return lastExpired(kind, target).chain(expired -> {
                if (expired.isEmpty()) {
                    throw doesNotExist();
                }
                return assign(kind, request, body, target, "Assigned", null, policy, mfa);
            });
        });
    }

    /**
     * selfExtend / selfRenew: the principal asks an administrator to extend an assignment that ends
     * within {@link #EXTEND_WINDOW}, or to renew one that expired less than {@link #RENEW_WINDOW}
     * ago. The request waits as {@code PendingAdminDecision} (admins find it with
     * {@code $filter=status eq 'PendingAdminDecision'}); the administrator's adminExtend or
     * adminRenew settles it, and its creator may cancel it. Activations are not extended.
     */
    private Uni<RoleScheduleRequest> askAdmin(String kind, Action action, RoleScheduleRequest request,
            ScheduleRequestBody body, Target target, RolePolicy policy) {
        Instant now = clock.instant();
        PimRules.Window window = PimRules.window(body.scheduleInfo(), now);
        PimRules.requireMinimumLength(window);
        Uni<UUID> subject = action == Action.selfExtend
                ? live(kind, target).map(found -> {
                    RoleSchedule schedule = found.filter(s -> !"Activated".equals(s.assignmentType))
                            .orElseThrow(ScheduleService::doesNotExist);
                    if (RoleSchedule.PACKAGE.equals(schedule.source)) {
                        throw new GraphException(400, MANAGED_BY_ACCESS_PACKAGE, "The role " + noun(kind) + " is "
                                + "managed by an access package; ask for an extension of the access package assignment.");
                    }
                    if (schedule.endAt == null) {
                        throw GraphException.badRequest("The assignment is permanent; there is nothing to extend.");
                    }
                    if (schedule.endAt.isAfter(now.plus(EXTEND_WINDOW))) {
                        throw GraphException.badRequest("An assignment can be extended in the " + EXTEND_WINDOW.toDays()
                                + " days before it ends; this one ends " + schedule.endAt + ".");
                    }
                    return schedule.id;
                })
                : live(kind, target).chain(found -> {
                    if (found.isPresent()) {
                        throw GraphException.badRequest("RoleAssignmentExists",
                                "The assignment has not expired; ask for selfExtend instead of selfRenew.");
                    }
                    return lastExpired(kind, target).map(expired -> {
                        RoleSchedule schedule = expired.orElseThrow(ScheduleService::doesNotExist);
                        // it expired at its end time (the timer that noticed may have fired later)
                        Instant expiredAt = schedule.endAt != null ? schedule.endAt : schedule.endedAt;
                        if (expiredAt.isBefore(now.minus(RENEW_WINDOW))) {
                            throw GraphException.badRequest("An expired assignment can be renewed for "
                                    + RENEW_WINDOW.toDays() + " days after it ended; this one ended " + expiredAt + ".");
                        }
                        return schedule.id;
                    });
                });
        if (action == Action.selfExtend && ScheduleKind.ASSIGNMENT.equals(kind) && policy.approval().requiredForExtension()) {
            // Approval_EndUser_Assignment's isApprovalRequiredForExtension: the approvers decide, not an administrator
            return subject.chain(scheduleId -> {
                request.targetScheduleId = scheduleId;
                return awaitApproval(kind, request, window, target, policy);
            });
        }
        return subject.chain(scheduleId -> pending(kind, target, "PendingAdminDecision").chain(open -> {
            if (!open.isEmpty()) {
                throw GraphException.badRequest("PendingRoleAssignmentRequest", "A request for this assignment is "
                        + "already waiting for an administrator: " + open.get(0).id + ".");
            }
            record(request, window);
            request.completedAt = null;
            request.status = "PendingAdminDecision";
            request.targetScheduleId = scheduleId;
            return request.isValidationOnly ? Uni.createFrom().item(request) : request.persist().chain(Panache::flush)
                    .onFailure(DatabaseErrors::isUniqueViolation).transform(e -> alreadyWaiting("for an administrator"))
                    .replaceWith(request);
        }));
    }

    /** After an administrator extended or renewed: the principal's waiting requests are done. */
    private Uni<Void> settlePending(String kind, Target target, RoleScheduleRequest done) {
        if (done.isValidationOnly) {
            return Uni.createFrom().voidItem();
        }
        return pending(kind, target, "PendingAdminDecision").invoke(open -> open.forEach(r -> {
            r.status = "Provisioned";
            r.completedAt = clock.instant();
            r.targetScheduleId = done.targetScheduleId;
        })).replaceWithVoid();
    }

    private Uni<List<RoleScheduleRequest>> pending(String kind, Target target, String status) {
        return RoleScheduleRequest.<RoleScheduleRequest>list("kind = ?1 and principalId = ?2 and roleDefinitionId = ?3 "
                        + "and coalesce(directoryScopeId, '') = ?4 and status = ?5",
                kind, target.principalId(), target.roleDefinitionId(),
                target.directoryScopeId() == null ? "" : target.directoryScopeId(), status);
    }

    private Uni<Optional<RoleSchedule>> lastExpired(String kind, Target target) {
        return RoleSchedule.<RoleSchedule>find("kind = ?1 and principalId = ?2 and roleDefinitionId = ?3 "
                                + "and coalesce(directoryScopeId, '') = ?4 and status = 'Expired' order by endedAt desc",
                        kind, target.principalId(), target.roleDefinitionId(),
                        target.directoryScopeId() == null ? "" : target.directoryScopeId())
                .firstResult().map(Optional::ofNullable);
    }

    private Uni<RoleScheduleRequest> remove(String kind, RoleScheduleRequest request, Target target,
            String onlyAssignmentType) {
        Instant now = clock.instant();
        // locked: of two concurrent removals the second waits, then finds the schedule ended (400)
        return live(kind, target, LockModeType.PESSIMISTIC_WRITE).chain(found -> {
            RoleSchedule schedule = found.filter(s -> onlyAssignmentType == null
                    || onlyAssignmentType.equals(s.assignmentType)).orElseThrow(() -> doesNotExist());
            if (RoleSchedule.PACKAGE.equals(schedule.source)) {
                return managedByPackage(kind, schedule, "removed");
            }
            if (!schedule.startAt.isAfter(now)) {
                PimRules.requireRemovable(schedule.startAt, now);
            }
            request.status = "Revoked";
            request.targetScheduleId = null;
            request.completedAt = now;
            if (request.isValidationOnly) {
                return Uni.createFrom().item(request);
            }
            // the request first: the role change it causes names its action (EffectiveRolesChanged's reason)
            return request.persist().chain(() -> end(schedule, "Revoked", "removed", request.id)).replaceWith(request);
        });
    }

    /**
     * Ends a schedule (removal, deactivation, expiry); inside the caller's transaction. An eligibility
     * takes with it what rests on it: the activations made with it end ({@code Revoked}, or
     * {@code Canceled} for one that had not started) and activations of it waiting for approval are
     * {@code Canceled}, whatever the five-minute rule says — the privilege has no basis any more.
     * Ending a schedule that has ended already changes nothing.
     */
    Uni<Void> end(RoleSchedule schedule, String status, String change, UUID requestId) {
        if (schedule.endedAt != null) {
            // already ended in this transaction (an activation that went with its eligibility)
            return Uni.createFrom().voidItem();
        }
        Instant now = clock.instant();
        schedule.status = status;
        schedule.endedAt = now;
        schedule.modifiedAt = now;
        Uni<Void> ended = timers.cancel(END_TIMER, schedule.id.toString())
                .chain(() -> timers.cancel(START_TIMER, schedule.id.toString()))
                .chain(() -> publish(schedule, change, requestId))
                .chain(() -> packageRoles.succeed(schedule, now));
        return ScheduleKind.ELIGIBILITY.equals(schedule.kind) ? ended.chain(() -> endActivationsOf(schedule, requestId))
                : ended;
    }

    private Uni<Void> endActivationsOf(RoleSchedule eligibility, UUID requestId) {
        return RoleSchedule.<RoleSchedule>list("kind = ?1 and activatedUsing = ?2 and endedAt is null order by id",
                        ScheduleKind.ASSIGNMENT, eligibility.id)
                .chain(activations -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (RoleSchedule activation : activations) {
                        LOG.infof("Activation %s of %s for role %s ends with the eligibility %s it was made with",
                                activation.id, activation.principalId, activation.roleDefinitionId, eligibility.id);
                        boolean started = !"Granted".equals(activation.status);
                        chain = chain.chain(() -> started ? Uni.createFrom().voidItem()
                                : RoleScheduleRequest.<RoleScheduleRequest>findById(activation.createdUsing)
                                        .invoke(request -> {
                                            if (request != null && "Granted".equals(request.status)) {
                                                request.status = "Canceled";
                                                request.completedAt = clock.instant();
                                            }
                                        }).replaceWithVoid())
                                .chain(() -> end(activation, started ? "Revoked" : "Canceled", "removed", requestId));
                    }
                    return chain;
                })
                .chain(() -> RoleScheduleRequest.<RoleScheduleRequest>list("status = ?1 and activatedUsing = ?2 order by id",
                        "PendingApproval", eligibility.id))
                .chain(waiting -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (RoleScheduleRequest request : waiting) {
                        chain = chain.chain(() -> approvals.withdraw(request));
                    }
                    return chain;
                });
    }

    /** Cancels a request that has not started yet (status Granted); anything else is a 400. */
    @WithTransaction
    public Uni<Void> cancel(String kind, UUID requestId, Caller caller) {
        return RoleScheduleRequest.<RoleScheduleRequest>findById(requestId).chain(request -> {
            if (request == null || !request.kind.equals(kind)) {
                throw GraphException.notFound("Schedule request '" + requestId + "' was not found.");
            }
            if (!caller.privilegedRoleAdmin() && !request.createdBy.equals(caller.objectId())) {
                throw GraphException.forbidden("Only its creator or a Privileged Role Administrator may cancel a request.");
            }
            if ("PendingAdminDecision".equals(request.status)) {
                request.status = "Canceled";
                request.completedAt = clock.instant();
                return Uni.createFrom().voidItem();
            }
            if ("PendingApproval".equals(request.status)) {
                return approvals.withdraw(request);
            }
            if (!"Granted".equals(request.status)) {
                throw GraphException.badRequest("Only a request that is Granted and not yet started, or waiting for an "
                        + "administrator or for approval, can be canceled; this one is " + request.status + ".");
            }
            request.status = "Canceled";
            request.completedAt = clock.instant();
            return RoleSchedule.<RoleSchedule>findById(request.targetScheduleId)
                    .chain(schedule -> schedule == null || schedule.endedAt != null ? Uni.createFrom().voidItem()
                            : end(schedule, "Canceled", "removed", request.id));
        });
    }

    /** Timer: a future schedule begins. */
    Uni<Void> started(UUID scheduleId) {
        return RoleSchedule.<RoleSchedule>findById(scheduleId).chain(schedule -> {
            if (schedule == null || schedule.endedAt != null || !"Granted".equals(schedule.status)) {
                return Uni.createFrom().voidItem();
            }
            schedule.status = "Provisioned";
            schedule.modifiedAt = clock.instant();
            return RoleScheduleRequest.<RoleScheduleRequest>findById(schedule.createdUsing)
                    .invoke(request -> {
                        if (request != null && "Granted".equals(request.status)) {
                            request.status = "Provisioned";
                        }
                    })
                    .chain(() -> publish(schedule, "started", schedule.createdUsing));
        });
    }

    /** Timer: a time-bound schedule (or an activation) reaches its end. */
    Uni<Void> expired(UUID scheduleId) {
        return RoleSchedule.<RoleSchedule>findById(scheduleId).chain(schedule -> {
            if (schedule == null || schedule.endedAt != null) {
                return Uni.createFrom().voidItem();
            }
            LOG.infof("%s schedule %s of %s for role %s expired", schedule.kind, schedule.id, schedule.principalId,
                    schedule.roleDefinitionId);
            return end(schedule, "Expired", "expired", null);
        });
    }

    Uni<Void> scheduleEnd(RoleSchedule schedule) {
        return schedule.endAt == null ? Uni.createFrom().voidItem()
                : timers.schedule(END_TIMER, schedule.id.toString(), schedule.endAt, null);
    }

    /**
     * Every change of a schedule is published here: tessera.pim.events, and — for an assignment
     * schedule — the effective roles of its principal (or of the group's members) when they changed.
     */
    Uni<Void> publish(RoleSchedule schedule, String change, UUID requestId) {
        return outbox.publish(Topics.PIM_EVENTS, EventTypes.PIM_SCHEDULE_CHANGED, schedule.principalId.toString(),
                        new PimScheduleChanged(schedule.id, schedule.kind, schedule.assignmentType, schedule.principalId,
                                schedule.roleDefinitionId, schedule.directoryScopeId, change, schedule.startAt,
                                schedule.endAt, requestId, schedule.appScopeId))
                .chain(() -> ScheduleKind.ASSIGNMENT.equals(schedule.kind)
                        ? reason(change, requestId).chain(reason -> effectiveRoles.scheduleChanged(schedule, reason,
                                requestId))
                        : Uni.createFrom().voidItem());
    }

    /**
     * Why an assignment schedule changed, for EffectiveRolesChanged (docs/events.md): the action of the
     * request that changed it ({@code adminAssign}, {@code selfActivate}, {@code adminRemove},
     * {@code selfDeactivate}, {@code adminUpdate}, {@code adminExtend}, {@code adminRenew},
     * {@code selfExtend}), {@code accessPackage} or {@code bootstrap} for requests Tessera made,
     * {@code canceled}, {@code expired}; an entry point without a request names its cause itself
     * ({@link EffectiveRoles#because}).
     */
    private Uni<String> reason(String change, UUID requestId) {
        if ("expired".equals(change) || requestId == null) {
            return Uni.createFrom().item(change);
        }
        return RoleScheduleRequest.<RoleScheduleRequest>findById(requestId).map(request -> {
            if (request == null) {
                return change;
            }
            if (PACKAGE_CREATOR.equals(request.createdBy)) {
                return "accessPackage";
            }
            if (TESSERA.equals(request.createdBy)) {
                return "bootstrap";
            }
            return "Canceled".equals(request.status) ? "canceled" : request.action;
        });
    }

    /** The live schedule of this kind for principal, role and scope, if any. */
    Uni<Optional<RoleSchedule>> live(String kind, Target target) {
        return live(kind, target, LockModeType.NONE);
    }

    private Uni<Optional<RoleSchedule>> live(String kind, Target target, LockModeType lock) {
        return RoleSchedule.<RoleSchedule>find("kind = ?1 and principalId = ?2 and roleDefinitionId = ?3 "
                                + "and coalesce(directoryScopeId, '') = ?4 and coalesce(appScopeId, '') = ?5 and endedAt is null",
                        kind, target.principalId(), target.roleDefinitionId(),
                        target.directoryScopeId() == null ? "" : target.directoryScopeId(),
                        target.appScopeId() == null ? "" : target.appScopeId())
                .withLock(lock).firstResult().map(Optional::ofNullable);
    }

    private RoleScheduleRequest newRequest(String kind, Action action, ScheduleRequestBody body, Target target,
            Caller caller) {
        RoleScheduleRequest request = new RoleScheduleRequest();
        request.id = UUID.randomUUID();
        request.kind = kind;
        request.action = action.graphName();
        request.principalId = target.principalId();
        request.roleDefinitionId = target.roleDefinitionId();
        request.directoryScopeId = target.directoryScopeId();
        request.appScopeId = target.appScopeId();
        request.justification = body.justification();
        if (body.ticketInfo() != null) {
            request.ticketNumber = body.ticketInfo().ticketNumber();
            request.ticketSystem = body.ticketInfo().ticketSystem();
        }
        request.isValidationOnly = Boolean.TRUE.equals(body.isValidationOnly());
        request.createdBy = caller.objectId();
        request.createdAt = clock.instant();
        return request;
    }

    private void record(RoleScheduleRequest request, PimRules.Window window) {
        request.startAt = window.start();
        request.endAt = window.end();
        request.expirationType = window.expirationType();
        request.duration = window.duration();
        request.completedAt = clock.instant();
    }

    private static Target target(ScheduleRequestBody body) {
        UUID principal = Ids.parse(require(body.principalId(), "principalId"), "principalId");
        String role = require(body.roleDefinitionId(), "roleDefinitionId");
        RoleScopes.Scope scope = RoleScopes.parse(body.directoryScopeId(), body.appScopeId());
        return new Target(principal, role.toLowerCase(java.util.Locale.ROOT), scope.directoryScopeId(),
                scope.appScopeId());
    }

    private static String require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw GraphException.invalidField(field, "Property '" + field + "' is required.");
        }
        return value.trim();
    }

    private static GraphException exists(String kind) {
        return GraphException.badRequest("RoleAssignmentExists", "The role " + (ScheduleKind.ELIGIBILITY.equals(kind)
                ? "eligibility" : "assignment") + " already exists.");
    }

    /** Two requests sent at once that would both wait: the index lets one in. */
    private static GraphException alreadyWaiting(String what) {
        return GraphException.badRequest("PendingRoleAssignmentRequest", "A request for this role is already waiting "
                + what + ".");
    }

    /**
     * Graph error code for a change an administrator asks of a schedule that access package
     * assignments made and hold (docs/pim.md): the access package governs it, not PIM's requests.
     */
    static final String MANAGED_BY_ACCESS_PACKAGE = "RoleAssignmentManagedByAccessPackage";

    /** adminUpdate / adminExtend / adminRenew / adminRemove of a package's schedule: 400, naming the holders. */
    private static <T> Uni<T> managedByPackage(String kind, RoleSchedule schedule, String verb) {
        return PackageHold.<PackageHold>list("scheduleId", schedule.id).map(holds -> {
            throw new GraphException(400, MANAGED_BY_ACCESS_PACKAGE, "The role " + noun(kind) + " is managed by an "
                    + "access package: it was granted by access package assignment(s) " + holds.stream()
                    .map(h -> h.assignmentId.toString()).toList() + " and cannot be " + verb + " through PIM; change "
                    + "or remove the access package assignment (or the role in the access package) instead.");
        });
    }

    private static String noun(String kind) {
        return ScheduleKind.ELIGIBILITY.equals(kind) ? "eligibility" : "assignment";
    }

    private static GraphException doesNotExist() {
        return GraphException.badRequest("RoleAssignmentDoesNotExist", "The Role assignment does not exist.");
    }

    /** unifiedRoleScheduleRequestActions. */
    public enum Action {
        adminAssign(true), adminUpdate(true), adminRemove(true), selfActivate(false), selfDeactivate(false),
        adminExtend(true), adminRenew(true), selfExtend(false), selfRenew(false);

        private final boolean admin;

        Action(boolean admin) {
            this.admin = admin;
        }

        boolean admin() {
            return admin;
        }

        String graphName() {
            return name();
        }

        static Action parse(String text) {
            if (text == null || text.isBlank()) {
                throw GraphException.invalidField("action", "Property 'action' is required.");
            }
            for (Action a : values()) {
                if (a.name().equalsIgnoreCase(text.trim())) {
                    return a;
                }
            }
            throw GraphException.invalidField("action", "'" + text + "' is not a schedule request action.");
        }
    }
}
