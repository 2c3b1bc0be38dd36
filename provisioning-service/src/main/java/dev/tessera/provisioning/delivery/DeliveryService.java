package dev.tessera.provisioning.delivery;

import dev.tessera.platform.messaging.Outbox;
import dev.tessera.platform.messaging.PoisonEventException;
import dev.tessera.platform.messaging.events.AssignmentGranted;
import dev.tessera.platform.messaging.events.AssignmentRemoved;
import dev.tessera.platform.messaging.events.DeliveryReported;
import dev.tessera.platform.messaging.events.EventTypes;
import dev.tessera.platform.messaging.events.ResourceRoleRef;
import dev.tessera.platform.messaging.events.Topics;
import dev.tessera.provisioning.group.GroupLink;
import dev.tessera.provisioning.group.GroupMembership;
import dev.tessera.provisioning.group.GroupRepository;
import dev.tessera.provisioning.group.MembershipEvents;
import dev.tessera.provisioning.group.MembershipRepository;
import dev.tessera.provisioning.group.Relationship;
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

/**
 * Delivers an assignment's resource roles and takes them away again. Each method runs inside the
 * consumer's transaction, so the memberships, the ledger rows, the directory events and the one
 * {@code DeliveryReported} commit together or not at all.
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

    public Uni<Void> grant(AssignmentGranted grant, Instant requestedAt) {
        if (grant.assignmentId() == null || grant.targetObjectId() == null) {
            throw new PoisonEventException("An assignment grant needs assignmentId and targetObjectId");
        }
        Instant started = clock.instant();
        UUID target = grant.targetObjectId();
        String source = grant.assignmentId().toString();
        List<ResourceRoleRef> roles = distinctRoles(grant.resourceRoles());
        Set<UUID> groupIds = DeliveryPlan.groupIds(roles);
        return users.exists(target)
                .chain(targetExists -> groups.existing(groupIds)
                        .map(existing -> DeliveryPlan.decide(target, roles, targetExists, existing)))
                .call(outcomes -> addMemberships(target, outcomes, source))
                .call(outcomes -> ledger.recordGrant(grant, outcomes, requestedAt, started, clock.instant()))
                .chain(outcomes -> report(new DeliveryReported(grant.assignmentId(), grant.requestId(),
                        DeliveryReported.GRANT, DeliveryPlan.outcome(outcomes), clock.instant(),
                        outcomes.stream().map(RoleOutcome::report).toList())));
    }

    public Uni<Void> remove(AssignmentRemoved removal) {
        if (removal.assignmentId() == null) {
            throw new PoisonEventException("An assignment removal needs assignmentId");
        }
        String source = removal.assignmentId().toString();
        return memberships.deleteSource(source)
                .call(removed -> announceRemovals(removed, source))
                .chain(() -> ledger.markRemoved(removal.assignmentId(), clock.instant()))
                .chain(rows -> report(new DeliveryReported(removal.assignmentId(), removal.requestId(),
                        DeliveryReported.REMOVE, "removed", clock.instant(), removedRoles(rows, removal))));
    }

    /** Writes the delivered places and announces those the target did not already hold some other way. */
    private Uni<Void> addMemberships(UUID target, List<RoleOutcome> outcomes, String source) {
        Set<GroupLink> links = new LinkedHashSet<>();
        outcomes.stream().filter(RoleOutcome::isDelivered).forEach(outcome -> links.add(outcome.link()));
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
    private static List<ResourceRoleRef> distinctRoles(List<ResourceRoleRef> roles) {
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
                    RoleOutcome.REMOVED, null)).toList();
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
