package dev.tessera.provisioning.group;

import dev.tessera.platform.em.MembershipRule;
import dev.tessera.provisioning.user.DirectoryUser;
import dev.tessera.provisioning.user.UserRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import java.time.InstantSource;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The members of dynamic membership groups, kept in step with their rules: computed when a group is
 * created or its rule changes or processing resumes, and for one user whenever that user is created,
 * updated or deleted. A member's place has the source {@link GroupMembership#DYNAMIC}; gaining or
 * losing the place publishes {@code groupMemberAdded} / {@code groupMemberRemoved} through
 * {@link MembershipEvents}, so always call inside the transaction that made the change. A paused
 * group ({@code membershipRuleProcessingState: Paused}) keeps its members as they are.
 *
 * <p>A group's recomputation locks its row ({@code for update}); a user's change locks the rule-applying
 * groups it evaluates ({@code for share}), so a rule change and a user change never each miss the other.
 */
@ApplicationScoped
public class DynamicMemberships {

    @Inject
    GroupRepository groups;

    @Inject
    MembershipRepository memberships;

    @Inject
    UserRepository users;

    @Inject
    MembershipEvents events;

    @Inject
    InstantSource clock;

    /** Makes the group's members exactly the users its rule matches (nothing when it is paused). */
    public Uni<Void> recompute(DirectoryGroup group) {
        if (!group.appliesRule()) {
            return Uni.createFrom().voidItem();
        }
        MembershipRule rule = GroupRules.parseRule(group.membershipRule);
        return groups.find("id", group.id).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult()
                .chain(() -> users.listAll())
                .chain(all -> memberships.list("key.groupId = ?1 and key.relationship = ?2 and key.source = ?3",
                                group.id, Relationship.MEMBER.value(), GroupMembership.DYNAMIC)
                        .chain(current -> {
                            Set<UUID> wanted = new HashSet<>();
                            for (DirectoryUser user : all) {
                                if (rule.matches(user.ruleAttributes())) {
                                    wanted.add(user.id);
                                }
                            }
                            Set<UUID> held = new HashSet<>();
                            current.forEach(row -> held.add(row.key.memberId));
                            Uni<Void> chain = Uni.createFrom().voidItem();
                            for (UUID id : wanted.stream().filter(id -> !held.contains(id)).sorted().toList()) {
                                chain = chain.chain(() -> add(group.id, id));
                            }
                            for (UUID id : held.stream().filter(id -> !wanted.contains(id)).sorted().toList()) {
                                chain = chain.chain(() -> remove(group.id, id));
                            }
                            return chain;
                        }));
    }

    /** The user was created or changed: joins the dynamic groups whose rule now matches, leaves the others. */
    public Uni<Void> userChanged(DirectoryUser user) {
        return ruleApplyingGroups().chain(dynamic -> dynamicPlaces(user.id).chain(held -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (DirectoryGroup group : dynamic) {
                boolean matches = GroupRules.parseRule(group.membershipRule).matches(user.ruleAttributes());
                if (matches && !held.contains(group.id)) {
                    chain = chain.chain(() -> add(group.id, user.id));
                } else if (!matches && held.contains(group.id)) {
                    chain = chain.chain(() -> remove(group.id, user.id));
                }
            }
            return chain;
        }));
    }

    /**
     * The user is about to be deleted (the database then cascades their places away): publishes the
     * end of each place a dynamic group's rule held for them and nothing else held.
     */
    public Uni<Void> userDeleting(DirectoryUser user) {
        return ruleApplyingGroups().chain(() -> dynamicPlaces(user.id)).chain(held -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (UUID groupId : held.stream().sorted().toList()) {
                chain = chain.chain(() -> memberships.sources(groupId, user.id, Relationship.MEMBER)
                        .chain(sources -> sources.equals(List.of(GroupMembership.DYNAMIC))
                                ? events.removed(user.id, Set.of(new GroupLink(groupId, Relationship.MEMBER)),
                                        GroupMembership.DYNAMIC)
                                : Uni.createFrom().voidItem()));
            }
            return chain;
        });
    }

    private Uni<List<DirectoryGroup>> ruleApplyingGroups() {
        return groups.find("membershipRuleProcessingState = ?1 and membershipRule is not null order by id",
                        GroupRules.ON)
                .withLock(LockModeType.PESSIMISTIC_READ).list()
                .map(found -> found.stream().filter(DirectoryGroup::appliesRule).toList());
    }

    private Uni<Set<UUID>> dynamicPlaces(UUID userId) {
        return memberships.list("key.memberId = ?1 and key.relationship = ?2 and key.source = ?3",
                        userId, Relationship.MEMBER.value(), GroupMembership.DYNAMIC)
                .map(rows -> {
                    Set<UUID> ids = new HashSet<>();
                    rows.forEach(row -> ids.add(row.key.groupId));
                    return ids;
                });
    }

    /** Adds the dynamic source; publishes the place when the user had none in the group before. */
    private Uni<Void> add(UUID groupId, UUID memberId) {
        GroupLink link = new GroupLink(groupId, Relationship.MEMBER);
        return memberships.sources(groupId, memberId, Relationship.MEMBER).chain(sources -> memberships
                .insertIgnoringExisting(memberId, List.of(link), GroupMembership.DYNAMIC, clock.instant())
                .chain(added -> added > 0 && sources.isEmpty()
                        ? events.added(memberId, Set.of(link), GroupMembership.DYNAMIC)
                        : Uni.createFrom().voidItem()));
    }

    /** Removes the dynamic source; publishes the end of the place when nothing else holds it. */
    private Uni<Void> remove(UUID groupId, UUID memberId) {
        GroupLink link = new GroupLink(groupId, Relationship.MEMBER);
        return memberships.sources(groupId, memberId, Relationship.MEMBER).chain(sources -> memberships
                .deleteOne(groupId, memberId, Relationship.MEMBER, GroupMembership.DYNAMIC)
                .chain(deleted -> deleted > 0 && sources.equals(List.of(GroupMembership.DYNAMIC))
                        ? events.removed(memberId, Set.of(link), GroupMembership.DYNAMIC)
                        : Uni.createFrom().voidItem()));
    }
}
