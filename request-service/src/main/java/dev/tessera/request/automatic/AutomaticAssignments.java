package dev.tessera.request.automatic;

import dev.tessera.platform.graph.GraphException;
import dev.tessera.platform.messaging.events.DirectoryChanged;
import dev.tessera.platform.messaging.timer.DurableTimers;
import dev.tessera.request.assignment.Assignment;
import dev.tessera.request.assignment.AssignmentExpiry;
import dev.tessera.request.assignment.AssignmentState;
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
    DirectoryView directory;

    @Inject
    DurableTimers timers;

    @Inject
    AssignmentRequestStore store;

    @Inject
    InstantSource clock;

    /** A directory event: update the view, then evaluate the user against every policy. */
    public Uni<Void> on(String type, DirectoryChanged change, List<AutomaticPolicy> policies) {
        if (change.objectId() == null) {
            LOG.warnf("A %s event without objectId changes nothing", type);
            return Uni.createFrom().voidItem();
        }
        return directory.apply(type, change).chain(userId -> evaluate(userId, policies));
    }

    public Uni<Void> evaluate(UUID userId, List<AutomaticPolicy> policies) {
        if (policies.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return directory.user(userId).chain(user -> directory.groups(userId).chain(groups -> {
            boolean active = directory.active(user);
            Map<String, Object> attributes = directory.attributes(user);
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (AutomaticPolicy policy : policies) {
                boolean matches = active && policy.matches(userId, attributes, groups);
                chain = chain.chain(() -> apply(policy, userId, matches));
            }
            return chain;
        }));
    }

    /** Brings one user's assignment under one policy in line with whether they match. */
    Uni<Void> apply(AutomaticPolicy policy, UUID userId, boolean matches) {
        return Assignment.<Assignment>find("accessPackageId = ?1 and targetObjectId = ?2 and state <> ?3",
                policy.accessPackageId(), userId, AssignmentState.expired).firstResult().chain(assignment -> {
                    if (matches) {
                        return timers.cancel(AutomaticRemoval.KIND, policy.removalKey(userId))
                                .chain(() -> assignment != null ? Uni.createFrom().voidItem() : add(policy, userId));
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

    private Uni<Void> add(AutomaticPolicy policy, UUID userId) {
        return AssignmentRequest.count("accessPackageId = ?1 and targetObjectId = ?2 and state = ?3",
                policy.accessPackageId(), userId, RequestState.pendingApproval).chain(open -> {
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
                    AssignmentRequest request = new AssignmentRequest();
                    request.id = UUID.randomUUID();
                    request.requestType = RequestType.systemAdd;
                    request.state = RequestState.submitted;
                    request.status = "Accepted";
                    request.accessPackageId = policy.accessPackageId();
                    request.assignmentPolicyId = policy.policyId();
                    request.targetObjectId = userId;
                    request.requestorObjectId = AssignmentExpiry.SYSTEM;
                    request.justification = "Automatic assignment: the user is a target of policy '"
                            + policy.policy().displayName() + "'.";
                    request.scheduleStart = schedule.start();
                    request.scheduleEnd = schedule.end();
                    request.scheduleDuration = schedule.duration();
                    request.expirationType = schedule.expirationType();
                    request.createdAt = now;
                    LOG.infof("Policy %s assigns package %s to %s automatically", policy.policyId(),
                            policy.accessPackageId(), userId);
                    return request.persist().chain(Panache::flush)
                            .chain(() -> store.grant(request, policy.grant(), schedule)).replaceWithVoid();
                });
    }

    /** Every known user and every holder under the policy, against one (new or changed) policy. */
    public Uni<Void> reconcile(AutomaticPolicy policy) {
        return KnownUser.<KnownUser>listAll().chain(users -> Assignment.<Assignment>list(
                "assignmentPolicyId = ?1 and state <> ?2", policy.policyId(), AssignmentState.expired).chain(held -> {
                    Set<UUID> known = new java.util.HashSet<>();
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (KnownUser user : users) {
                        known.add(user.objectId);
                        chain = chain.chain(() -> directory.groups(user.objectId).chain(groups -> apply(policy,
                                user.objectId, directory.active(user)
                                        && policy.matches(user.objectId, directory.attributes(user), groups))));
                    }
                    for (Assignment assignment : held) {
                        if (!known.contains(assignment.targetObjectId)) {
                            chain = chain.chain(() -> apply(policy, assignment.targetObjectId, false));
                        }
                    }
                    return chain;
                }));
    }
}
