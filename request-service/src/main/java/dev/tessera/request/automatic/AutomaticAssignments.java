package dev.tessera.request.automatic;

import dev.tessera.platform.graph.GraphException;
import dev.tessera.platform.messaging.events.DirectoryChanged;
import dev.tessera.platform.messaging.events.EventTypes;
import dev.tessera.platform.messaging.timer.DurableTimers;
import dev.tessera.request.assignment.Assignment;
import dev.tessera.request.assignment.AssignmentExpiry;
import dev.tessera.request.assignment.AssignmentState;
import dev.tessera.request.catalog.CatalogDeletions;
import dev.tessera.request.catalog.RequestContext;
import dev.tessera.request.policy.Schedule;
import dev.tessera.request.request.AssignmentRequest;
import dev.tessera.request.request.AssignmentRequestStore;
import dev.tessera.request.request.RequestState;
import dev.tessera.request.request.RequestType;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Lifecycle rules: a user who matches an auto-assignment policy and lacks its package gets a
 * {@code systemAdd} (no approval, as in Entra); a holder who no longer matches — attributes changed,
 * left the group, disabled, deleted — loses it by {@code systemRemove} after the policy's grace period,
 * through a durable timer that matching again cancels. Everything runs inside the caller's
 * transaction and only acts on a difference, so the same event applied twice changes nothing.
 */
@ApplicationScoped
public class AutomaticAssignments {

    private static final Logger LOG = Logger.getLogger(AutomaticAssignments.class);

    @Inject
    CatalogDeletions deletions;

    @Inject
    DirectoryView directory;

    @Inject
    DurableTimers timers;

    @Inject
    AssignmentRequestStore store;

    @Inject
    InstantSource clock;

    @Inject
    DeletedUsers deletedUsers;

    /** A directory event: update the view, then evaluate the user against every policy. */
    public Uni<Void> on(String type, DirectoryChanged change, List<AutomaticPolicy> policies) {
        if (change.objectId() == null) {
            LOG.warnf("A %s event without objectId changes nothing", type);
            return Uni.createFrom().voidItem();
        }
        return directory.apply(type, change).chain(userId -> evaluate(userId, policies)
                // after the rules, so that an assignment they remove after a grace period is left to them
                .chain(() -> EventTypes.USER_DELETED.equals(type) ? deletedUsers.deleted(userId)
                        : Uni.createFrom().voidItem()));
    }

    public Uni<Void> evaluate(UUID userId, List<AutomaticPolicy> policies) {
        if (policies.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return directory.user(userId).chain(user -> directory.groups(userId).chain(groups -> {
            boolean active = directory.active(user);
            Map<String, Object> attributes = directory.attributes(user);
            Set<UUID> wanted = new java.util.HashSet<>();
            java.util.Map<AutomaticPolicy, Boolean> matching = new java.util.LinkedHashMap<>();
            for (AutomaticPolicy policy : policies) {
                boolean matches = active && policy.matches(userId, attributes, groups);
                matching.put(policy, matches);
                if (matches) {
                    wanted.add(policy.accessPackageId());
                }
            }
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (var entry : matching.entrySet()) {
                AutomaticPolicy policy = entry.getKey();
                // Another auto-assignment policy of the same package that still matches keeps the package.
                boolean kept = wanted.contains(policy.accessPackageId());
                chain = chain.chain(() -> apply(policy, userId, entry.getValue(), kept, groups));
            }
            return chain;
        }));
    }

    /**
     * Brings one user's assignment under one policy in line with whether they match; {@code kept}: some
     * auto-assignment policy of the package (this one or another) still matches, so nothing is removed.
     */
    Uni<Void> apply(AutomaticPolicy policy, UUID userId, boolean matches, boolean kept, Set<UUID> groups) {
        return Assignment.<Assignment>find("accessPackageId = ?1 and targetObjectId = ?2 and state <> ?3",
                policy.accessPackageId(), userId, AssignmentState.expired).firstResult().chain(assignment -> {
                    if (matches || kept) {
                        return timers.cancel(AutomaticRemoval.KIND, policy.removalKey(userId))
                                .chain(() -> assignment != null || !matches ? Uni.createFrom().voidItem()
                                        : add(policy, userId, groups));
                    }
                    if (assignment == null || !policy.removeWhenLeaving()
                            || !policy.policyId().equals(assignment.assignmentPolicyId)) {
                        return Uni.createFrom().voidItem();
                    }
                    // The first time they stop matching starts the grace period; a repeat does not restart it.
                    return timers.dueAt(AutomaticRemoval.KIND, policy.removalKey(userId)).chain(due -> due != null
                            ? Uni.createFrom().voidItem()
                            : timers.schedule(AutomaticRemoval.KIND, policy.removalKey(userId),
                                    clock.instant().plus(policy.gracePeriod()), null));
                });
    }

    private Uni<Void> add(AutomaticPolicy policy, UUID userId, Set<UUID> groups) {
        // Separation of duties holds for automatic assignment too: a conflicting user is left out.
        for (RequestContext.Named group : policy.incompatible().groups()) {
            if (groups.contains(UUID.fromString(group.id()))) {
                LOG.infof("Policy %s does not assign %s: member of incompatible group %s", policy.policyId(), userId,
                        group.id());
                return Uni.createFrom().voidItem();
            }
        }
        List<UUID> incompatiblePackages = policy.incompatible().accessPackages().stream()
                .map(p -> UUID.fromString(p.id())).toList();
        return store.liveAssignmentIn(userId, incompatiblePackages).chain(conflict -> {
            if (conflict.isPresent()) {
                LOG.infof("Policy %s does not assign %s: holds incompatible package %s", policy.policyId(), userId,
                        conflict.get().accessPackageId);
                return Uni.createFrom().voidItem();
            }
            return addUnlessWaiting(policy, userId);
        });
    }

    private Uni<Void> addUnlessWaiting(AutomaticPolicy policy, UUID userId) {
        return AssignmentRequest.count("accessPackageId = ?1 and targetObjectId = ?2 and state = ?3",
                policy.accessPackageId(), userId, RequestState.pendingApproval)
                // a policy deleted since the cached list was read assigns nothing (see CatalogDeletions)
                .chain(open -> open > 0 ? Uni.createFrom().item(1L) : deletions.isDeleted(policy.accessPackageId(),
                        policy.policyId()).map(deleted -> deleted ? 1L : 0L))
                .chain(open -> {
                    if (open > 0) {
                        return Uni.createFrom().voidItem();
                    }
                    Instant now = clock.instant();
                    Schedule schedule;
                    try {
                        schedule = Schedule.resolve(policy.policy(), null, true, now);
                    } catch (GraphException e) {
                        LOG.errorf("Policy %s cannot assign %s automatically: %s", policy.policyId(), userId, e.getMessage());
                        return Uni.createFrom().voidItem();
                    }
                    AssignmentRequest request = AssignmentRequest.submitted(RequestType.systemAdd,
                            policy.accessPackageId(), policy.policyId(), userId, AssignmentExpiry.SYSTEM,
                            "Automatic assignment: the user is a target of policy '" + policy.policy().displayName()
                                    + "'.", now).scheduled(schedule);
                    LOG.infof("Policy %s assigns package %s to %s automatically", policy.policyId(),
                            policy.accessPackageId(), userId);
                    return request.persist().chain(Panache::flush)
                            .chain(() -> store.grant(request, policy.grant(), schedule)).replaceWithVoid();
                });
    }

    private boolean matches(AutomaticPolicy policy, KnownUser user, Set<UUID> groups) {
        return directory.active(user) && policy.matches(user.objectId, directory.attributes(user), groups);
    }

    /** Every known user and every holder under the policy, against one (new or changed) policy. */
    public Uni<Void> reconcile(AutomaticPolicy policy) {
        return KnownUser.<KnownUser>listAll().chain(users -> Assignment.<Assignment>list(
                "assignmentPolicyId = ?1 and state <> ?2", policy.policyId(), AssignmentState.expired).chain(held -> {
                    Set<UUID> known = new java.util.HashSet<>();
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (KnownUser user : users) {
                        known.add(user.objectId);
                        chain = chain.chain(() -> evaluate(policy, user));
                    }
                    for (Assignment assignment : held) {
                        if (!known.contains(assignment.targetObjectId)) {
                            // The users were read before the assignments: a user who joined in between (and
                            // was just given the package by the event consumer) is read again, not taken for
                            // one who left.
                            chain = chain.chain(() -> KnownUser.<KnownUser>findById(assignment.targetObjectId)
                                    .chain(user -> user == null
                                            ? apply(policy, assignment.targetObjectId, false, false, Set.of())
                                            : evaluate(policy, user)));
                        }
                    }
                    return chain;
                }));
    }

    private Uni<Void> evaluate(AutomaticPolicy policy, KnownUser user) {
        return directory.groups(user.objectId).chain(groups -> {
            boolean matches = matches(policy, user, groups);
            return apply(policy, user.objectId, matches, matches, groups);
        });
    }
}
