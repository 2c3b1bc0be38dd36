package dev.tessera.provisioning.delivery;

import dev.tessera.platform.messaging.Outbox;
import dev.tessera.platform.messaging.PoisonEventException;
import dev.tessera.platform.messaging.events.AssignmentGranted;
import dev.tessera.platform.messaging.events.AssignmentRemoved;
import dev.tessera.platform.messaging.events.DeliveryReported;
import dev.tessera.platform.messaging.events.EventTypes;
import dev.tessera.platform.messaging.events.PackageResourceRoleChanged;
import dev.tessera.platform.messaging.events.PimRoleCommand;
import dev.tessera.platform.messaging.events.PimRoleCommandResult;
import dev.tessera.platform.messaging.timer.DurableTimers;
import dev.tessera.platform.messaging.events.ResourceRoleRef;
import dev.tessera.platform.messaging.events.Topics;
import dev.tessera.provisioning.group.GroupLink;
import dev.tessera.provisioning.group.GroupMembership;
import dev.tessera.provisioning.group.GroupRepository;
import dev.tessera.provisioning.group.MembershipEvents;
import dev.tessera.provisioning.group.MembershipRepository;
import dev.tessera.provisioning.group.Relationship;
import dev.tessera.provisioning.user.GuestInvitations;
import dev.tessera.provisioning.user.UserAttributeWriter;
import dev.tessera.provisioning.user.UserRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Delivers an assignment's resource roles and takes them away again, follows package changes, and
 * settles directory roles with pim-service's answers. Each method runs inside the consumer's (or
 * timer's) transaction, so the memberships, the ledger rows, the commands, the directory events and
 * the {@code DeliveryReported} commit together or not at all.
 */
@ApplicationScoped
public class DeliveryService {

    @Inject
    UserRepository users;

    @Inject
    GroupRepository groups;

    @Inject
    MembershipRepository memberships;

    @Inject
    MembershipEvents membershipEvents;

    @Inject
    DeliveryLedgerRepository ledger;

    @Inject
    Outbox outbox;

    @Inject
    InstantSource clock;

    @Inject
    DurableTimers timers;

    @Inject
    Placements placements;

    @Inject
    GuestInvitations guests;

    @Inject
    UserAttributeWriter userAttributes;

    /** Durable timer kind: ask pim-service again to remove a directory role it deferred. */
    static final String PIM_REMOVAL_TIMER = "provisioning.pimRemoval";

    private static final Logger LOG = Logger.getLogger(DeliveryService.class);

    public Uni<Void> grant(AssignmentGranted grant, Instant requestedAt) {
        if (grant.assignmentId() == null || (grant.targetObjectId() == null && isBlank(grant.targetEmail()))) {
            throw new PoisonEventException("An assignment grant needs assignmentId and targetObjectId or targetEmail");
        }
        List<ResourceRoleRef> roles = distinctRoles(grant.resourceRoles());
        if (grant.targetObjectId() == null) {
            // an external user: invited as a guest first (or found, if already invited), then delivered to
            return guests.findOrInvite(grant.targetEmail(), grant.targetDisplayName())
                    .chain(guest -> withAttributes(grant.withTarget(guest.id), roles, requestedAt));
        }
        return withAttributes(grant, roles, requestedAt);
    }

    /** The requestor's attribute answers are written to the user first, then the roles delivered. */
    private Uni<Void> withAttributes(AssignmentGranted grant, List<ResourceRoleRef> roles, Instant requestedAt) {
        return userAttributes.write(grant.targetObjectId(), grant.attributesOrNone())
                .chain(() -> deliver(grant, roles, requestedAt));
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }

    /**
     * Delivers the roles: memberships written, directory roles asked of pim-service, one ledger row
     * each; the grant is reported once no role waits for pim-service any more.
     */
    private Uni<Void> deliver(AssignmentGranted grant, List<ResourceRoleRef> roles, Instant requestedAt) {
        Instant started = clock.instant();
        if (roles.isEmpty()) {
            // a package without resource roles: nothing to write, but the assignment must still end delivered
            return report(new DeliveryReported(grant.assignmentId(), grant.requestId(), DeliveryReported.GRANT,
                    "delivered", started, List.of(), grant.targetObjectId()));
        }
        UUID target = grant.targetObjectId();
        String source = grant.assignmentId().toString();
        Set<UUID> groupIds = DeliveryPlan.groupIds(roles);
        return placements.resolve(roles).chain(resolved -> users.exists(target)
                .chain(targetExists -> groups.existing(groupIds)
                        .map(existing -> DeliveryPlan.decide(target, roles, targetExists, existing, resolved))))
                .call(outcomes -> addMemberships(target, outcomes, source))
                .call(outcomes -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (RoleOutcome outcome : outcomes) {
                        if (outcome.isDelivered() && outcome.placement() != null) {
                            chain = chain.chain(() -> placements.grant(target, outcome.placement(), source));
                        }
                    }
                    return chain;
                })
                .call(outcomes -> ledger.recordGrant(grant, outcomes, requestedAt, started, clock.instant()))
                .call(outcomes -> askPim(grant, outcomes))
                .chain(outcomes -> reportIfSettled(grant.assignmentId(), grant.requestId()));
    }

    /** A grant given up on (it goes to the dead-letter topic): every role it named is reported failed, with the reason. */
    public Uni<Void> failedForGood(AssignmentGranted grant, String reason) {
        Instant now = clock.instant();
        String error = "Delivery failed for good and the grant was dead-lettered: " + reason;
        List<DeliveryReported.RoleDelivery> roles = distinctRoles(grant.resourceRoles()).stream()
                .map(role -> new DeliveryReported.RoleDelivery(role.roleId(), role.roleDisplayName(),
                        RoleOutcome.FAILED, error, now, now))
                .toList();
        return report(new DeliveryReported(grant.assignmentId(), grant.requestId(), DeliveryReported.GRANT,
                "deliveryFailed", now, roles, grant.targetObjectId()));
    }

    public Uni<Void> remove(AssignmentRemoved removal) {
        if (removal.assignmentId() == null) {
            throw new PoisonEventException("An assignment removal needs assignmentId");
        }
        String source = removal.assignmentId().toString();
        Instant now = clock.instant();
        return memberships.deleteSource(source)
                .call(removed -> announceRemovals(removed, source))
                .call(() -> placements.removeSource(source))
                .call(() -> userAttributes.clear(removal.targetObjectId(), removal.attributesOrNone()))
                .chain(() -> ledger.ofAssignment(removal.assignmentId()))
                .call(rows -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (DeliveryLedgerEntry row : rows) {
                        row.assignmentRemoved = true;
                        row.removalRequestId = removal.requestId();
                        chain = chain.chain(() -> takeAway(row, now));
                    }
                    return chain;
                })
                // a directory role pim-service has yet to remove (or deferred) is reported when it is gone
                .chain(rows -> rows.stream().anyMatch(r -> RoleOutcome.PENDING_REMOVAL.equals(r.status))
                        ? Uni.createFrom().voidItem()
                        : report(new DeliveryReported(removal.assignmentId(), removal.requestId(),
                                DeliveryReported.REMOVE, "removed", clock.instant(), removedRoles(rows, removal))));
    }

    /**
     * Reports an assignment's removal once none of its rows waits for pim-service: {@code removed}, or
     * {@code removalFailed} when pim-service could not remove a role. Completed when the last role went.
     */
    private Uni<Void> reportRemovalIfSettled(DeliveryLedgerEntry answered) {
        if (!answered.assignmentRemoved) {
            return Uni.createFrom().voidItem(); // a role removed from a live assignment's package: no report
        }
        return ledger.ofAssignment(answered.key.assignmentId).chain(rows -> {
            if (rows.stream().anyMatch(r -> RoleOutcome.PENDING_REMOVAL.equals(r.status))) {
                return Uni.createFrom().voidItem();
            }
            boolean failed = rows.stream().anyMatch(r -> RoleOutcome.FAILED.equals(r.status) && r.error != null
                    && r.error.startsWith(REMOVAL_FAILED));
            Instant completed = rows.stream().map(r -> r.removedAt != null ? r.removedAt : r.failedAt)
                    .filter(java.util.Objects::nonNull).max(Instant::compareTo).orElse(clock.instant());
            return report(new DeliveryReported(answered.key.assignmentId, answered.removalRequestId,
                    DeliveryReported.REMOVE, failed ? "removalFailed" : "removed", completed,
                    removedRoles(rows, null)));
        });
    }

    static final String REMOVAL_FAILED = "Removal failed: ";

    /**
     * Ends one row's grant after its membership was deleted: a directory role (granted or about to
     * be) is asked of pim-service to remove and waits as pendingRemoval; anything else is removed.
     */
    private Uni<Void> takeAway(DeliveryLedgerEntry row, Instant now) {
        boolean pim = DeliveryPlan.DIRECTORY_ROLE.equalsIgnoreCase(row.originSystem)
                && (RoleOutcome.DELIVERED.equals(row.status) || RoleOutcome.PENDING.equals(row.status));
        if (pim) {
            return askPimToRemove(row);
        }
        if (!RoleOutcome.REMOVED.equals(row.status) && !RoleOutcome.PENDING_REMOVAL.equals(row.status)) {
            row.status = RoleOutcome.REMOVED;
            row.removedAt = now;
        }
        return Uni.createFrom().voidItem();
    }

    /** A resource role added to a package: every current assignee gets it (once). */
    public Uni<Void> roleAdded(PackageResourceRoleChanged change) {
        ResourceRoleRef role = requireRole(change);
        return ledger.liveAssignments(change.accessPackageId()).chain(assignments -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (DeliveryLedgerRepository.LiveAssignment a : assignments) {
                chain = chain.chain(() -> ledger.findById(new DeliveryLedgerEntry.Key(a.assignmentId(), role.roleId()))
                        .chain(row -> {
                            if (row != null && !RoleOutcome.REMOVED.equals(row.status)) {
                                return Uni.createFrom().voidItem(); // already has it (a replay)
                            }
                            AssignmentGranted grant = new AssignmentGranted(a.assignmentId(), a.requestId(),
                                    change.accessPackageId(), null, a.targetId(), null, a.endAt(), List.of(role));
                            return deliver(grant, List.of(role), clock.instant());
                        }));
            }
            return chain;
        });
    }

    /** A resource role removed from a package: taken from every assignee that holds it through the package. */
    public Uni<Void> roleRemoved(PackageResourceRoleChanged change) {
        ResourceRoleRef role = requireRole(change);
        Instant now = clock.instant();
        return ledger.holdersOf(change.accessPackageId(), role.roleId()).chain(rows -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (DeliveryLedgerEntry row : rows) {
                chain = chain.chain(() -> removeMembership(row))
                        .chain(() -> takeAway(row, now))
                        .chain(() -> reportIfSettled(row.key.assignmentId, row.requestId));
            }
            return chain;
        });
    }

    /** The group place a row's role gave through its assignment, announced if nothing else still gives it. */
    private Uni<Void> removeMembership(DeliveryLedgerEntry row) {
        ResourceRoleRef role = row.roleRef();
        String source = row.key.assignmentId.toString();
        if (Placements.handles(role) && row.targetId != null && RoleOutcome.DELIVERED.equals(row.status)) {
            return placements.resolve(role).chain(resolved -> resolved.placement() == null ? Uni.createFrom().voidItem()
                    : placements.remove(row.targetId, resolved.placement(), source));
        }
        var link = DeliveryPlan.groupLink(role);
        if (link.isEmpty() || row.targetId == null || !RoleOutcome.DELIVERED.equals(row.status)) {
            return Uni.createFrom().voidItem();
        }
        GroupLink place = link.get();
        return memberships.deleteOne(place.groupId(), row.targetId, place.relationship(), source)
                .chain(deleted -> deleted == 0 ? Uni.createFrom().voidItem()
                        : memberships.links(row.targetId, Set.of(place.groupId())).chain(kept -> kept.contains(place)
                                ? Uni.createFrom().voidItem()
                                : membershipEvents.removed(row.targetId, Set.of(place), source)));
    }

    /**
     * pim-service's answer to a command: the row it is about is delivered or failed (an assignment),
     * removed, or deferred to the time pim-service names (a removal inside the five-minute window;
     * a durable timer asks again then, so the removal is never dropped).
     */
    public Uni<Void> pimAnswered(PimRoleCommandResult result) {
        if (result.commandId() == null) {
            throw new PoisonEventException("A PIM command result needs its commandId");
        }
        return ledger.byPimCommand(result.commandId()).chain(row -> {
            if (row == null) {
                LOG.debugf("PIM result for unknown command %s ignored", result.commandId());
                return Uni.createFrom().voidItem();
            }
            Instant now = clock.instant();
            boolean done = PimRoleCommandResult.DONE.equals(result.outcome());
            if ("assign".equalsIgnoreCase(result.operation())) {
                if (!RoleOutcome.PENDING.equals(row.status)) {
                    return Uni.createFrom().voidItem(); // removed meanwhile; its removal was asked for
                }
                row.status = done ? RoleOutcome.DELIVERED : RoleOutcome.FAILED;
                row.deliveredAt = done ? now : null;
                row.failedAt = done ? null : now;
                row.error = done ? null : reason(result);
                return reportIfSettled(row.key.assignmentId, row.requestId);
            }
            if (!RoleOutcome.PENDING_REMOVAL.equals(row.status)) {
                return Uni.createFrom().voidItem();
            }
            if (done) {
                row.status = RoleOutcome.REMOVED;
                row.removedAt = now;
                row.error = null;
                return reportRemovalIfSettled(row);
            }
            if (PimRoleCommandResult.DEFERRED.equals(result.outcome())) {
                Instant retryAt = result.notBefore() != null ? result.notBefore() : now.plusSeconds(60);
                row.error = "Removal deferred until " + retryAt + ": " + reason(result);
                return timers.schedule(PIM_REMOVAL_TIMER, timerKey(row), retryAt, null);
            }
            row.status = RoleOutcome.FAILED;
            row.failedAt = now;
            row.error = REMOVAL_FAILED + reason(result);
            LOG.warnf("pim-service could not remove %s of assignment %s: %s", row.roleDisplayName,
                    row.key.assignmentId, row.error);
            return reportRemovalIfSettled(row);
        });
    }

    /** Timer: ask pim-service again to remove a directory role it deferred. */
    Uni<Void> retryRemoval(String timerKey) {
        String[] parts = timerKey.split("/");
        return ledger.findById(new DeliveryLedgerEntry.Key(UUID.fromString(parts[0]), UUID.fromString(parts[1])))
                .chain(row -> row == null || !RoleOutcome.PENDING_REMOVAL.equals(row.status)
                        ? Uni.createFrom().voidItem() : askPimToRemove(row));
    }

    private Uni<Void> askPim(AssignmentGranted grant, List<RoleOutcome> outcomes) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (RoleOutcome outcome : outcomes) {
            if (outcome.isPending()) {
                ResourceRoleRef role = outcome.role();
                PimRoleCommand command = new PimRoleCommand(outcome.pimCommandId(), grant.assignmentId(), "assign",
                        DeliveryPlan.directoryRoleType(role).orElseThrow(), grant.targetObjectId(),
                        role.resourceOriginId(), "/", grant.endDateTime());
                chain = chain.chain(() -> outbox.publish(Topics.PIM_COMMANDS, EventTypes.PIM_ROLE_COMMAND,
                        grant.targetObjectId().toString(), command));
            }
        }
        return chain;
    }

    private Uni<Void> askPimToRemove(DeliveryLedgerEntry row) {
        ResourceRoleRef role = row.roleRef();
        row.status = RoleOutcome.PENDING_REMOVAL;
        row.pimCommandId = UUID.randomUUID();
        PimRoleCommand command = new PimRoleCommand(row.pimCommandId, row.key.assignmentId, "remove",
                DeliveryPlan.directoryRoleType(role).orElse(row.roleOriginId), row.targetId, row.resourceOriginId, "/",
                null);
        return outbox.publish(Topics.PIM_COMMANDS, EventTypes.PIM_ROLE_COMMAND, row.targetId.toString(), command);
    }

    /**
     * Reports the grant of an assignment from its ledger rows that grant something (delivered, failed)
     * once none waits for pim-service; nothing while one does.
     */
    private Uni<Void> reportIfSettled(UUID assignmentId, UUID requestId) {
        return ledger.ofAssignment(assignmentId).chain(rows -> {
            List<DeliveryLedgerEntry> live = rows.stream().filter(r -> RoleOutcome.DELIVERED.equals(r.status)
                    || RoleOutcome.FAILED.equals(r.status) || RoleOutcome.PENDING.equals(r.status)).toList();
            if (live.isEmpty() || live.stream().anyMatch(r -> RoleOutcome.PENDING.equals(r.status))) {
                return Uni.createFrom().voidItem();
            }
            return report(new DeliveryReported(assignmentId, requestId != null ? requestId : live.get(0).requestId,
                    DeliveryReported.GRANT, DeliveryPlan.outcome(live.stream().map(r -> r.status).toList()),
                    clock.instant(), live.stream().map(r -> new DeliveryReported.RoleDelivery(r.key.roleId,
                            r.roleDisplayName, r.status, r.error, r.startedAt,
                            r.deliveredAt != null ? r.deliveredAt : r.failedAt)).toList(), live.get(0).targetId));
        });
    }

    static String timerKey(DeliveryLedgerEntry row) {
        return row.key.assignmentId + "/" + row.key.roleId;
    }

    private static String reason(PimRoleCommandResult result) {
        return result.reason() != null ? result.reason() : "pim-service answered " + result.outcome();
    }

    private static ResourceRoleRef requireRole(PackageResourceRoleChanged change) {
        if (change.accessPackageId() == null || change.resourceRole() == null || change.resourceRole().roleId() == null) {
            throw new PoisonEventException("A package change needs accessPackageId and resourceRole.roleId");
        }
        return change.resourceRole();
    }

    /** Writes the delivered places and announces those the target did not already hold some other way. */
    private Uni<Void> addMemberships(UUID target, List<RoleOutcome> outcomes, String source) {
        Set<GroupLink> links = new LinkedHashSet<>();
        outcomes.stream().filter(o -> o.isDelivered() && o.link() != null).forEach(outcome -> links.add(outcome.link()));
        if (links.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Set<UUID> groupIds = new LinkedHashSet<>();
        links.forEach(link -> groupIds.add(link.groupId()));
        return memberships.links(target, groupIds).chain(before -> memberships
                .insertIgnoringExisting(target, links, source, clock.instant())
                .chain(() -> {
                    Set<GroupLink> gained = new LinkedHashSet<>(links);
                    gained.removeAll(before);
                    return membershipEvents.added(target, gained, source);
                }));
    }

    /** Announces the places a member lost for good: no other source still holds them. */
    private Uni<Void> announceRemovals(List<GroupMembership> removed, String source) {
        Map<UUID, Set<GroupLink>> byMember = new LinkedHashMap<>();
        for (GroupMembership row : removed) {
            byMember.computeIfAbsent(row.key.memberId, id -> new LinkedHashSet<>())
                    .add(new GroupLink(row.key.groupId, Relationship.ofValue(row.key.relationship)));
        }
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Map.Entry<UUID, Set<GroupLink>> entry : byMember.entrySet()) {
            UUID member = entry.getKey();
            Set<GroupLink> lost = entry.getValue();
            Set<UUID> groupIds = new LinkedHashSet<>();
            lost.forEach(link -> groupIds.add(link.groupId()));
            chain = chain.chain(() -> memberships.links(member, groupIds).chain(kept -> {
                Set<GroupLink> gone = new LinkedHashSet<>(lost);
                gone.removeAll(kept);
                return membershipEvents.removed(member, gone, source);
            }));
        }
        return chain;
    }

    /** One outcome per role id: a role listed twice would otherwise be written to the ledger twice. */
    static List<ResourceRoleRef> distinctRoles(List<ResourceRoleRef> roles) {
        if (roles == null) {
            return List.of();
        }
        Map<UUID, ResourceRoleRef> byId = new LinkedHashMap<>();
        for (ResourceRoleRef role : roles) {
            if (role == null || role.roleId() == null) {
                throw new PoisonEventException("A resource role of an assignment grant has no roleId");
            }
            byId.putIfAbsent(role.roleId(), role);
        }
        return List.copyOf(byId.values());
    }

    private static List<DeliveryReported.RoleDelivery> removedRoles(List<DeliveryLedgerEntry> rows,
            AssignmentRemoved removal) {
        if (!rows.isEmpty()) {
            return rows.stream().map(row -> new DeliveryReported.RoleDelivery(row.key.roleId, row.roleDisplayName,
                    row.status, row.error, row.startedAt, row.removedAt)).toList();
        }
        // Nothing was recorded for this assignment (its grant never reached us): report what it named.
        List<ResourceRoleRef> roles = removal.resourceRoles() == null ? List.of() : removal.resourceRoles();
        return roles.stream().map(role -> new DeliveryReported.RoleDelivery(role.roleId(), role.roleDisplayName(),
                RoleOutcome.REMOVED, null)).toList();
    }

    private Uni<Void> report(DeliveryReported report) {
        return outbox.publish(Topics.DELIVERY_EVENTS, EventTypes.DELIVERY_REPORTED, report.assignmentId().toString(),
                report);
    }
}
