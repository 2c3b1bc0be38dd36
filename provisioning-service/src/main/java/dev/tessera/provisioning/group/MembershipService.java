package dev.tessera.provisioning.group;

import dev.tessera.platform.graph.Deletes;
import dev.tessera.platform.graph.GraphException;
import dev.tessera.platform.graph.Ids;
import dev.tessera.platform.graph.query.FilterExpr;
import dev.tessera.provisioning.DirectoryAccess;
import dev.tessera.provisioning.user.UserJson;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import dev.tessera.provisioning.user.UserRepository;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Members and owners added and removed by administrators and group owners ({@code $ref}; who may:
 * {@link DirectoryAccess#requireMayManageLinks}). A direct add or removal
 * only ever touches the {@code direct} source: places delivered by access-package assignments are
 * taken away by removing the assignment.
 */
@ApplicationScoped
public class MembershipService {

    @Inject
    MembershipRepository memberships;

    @Inject
    GroupService groups;

    @Inject
    UserRepository users;

    @Inject
    MembershipEvents events;

    @Inject
    DirectoryAccess access;

    @Inject
    InstantSource clock;

    /**
     * Adds the direct source. A place held only through an assignment gains the direct source too,
     * so it survives that assignment's removal, which is what an administrator adding it means.
     */
    @WithTransaction
    public Uni<Void> add(String groupId, Relationship relationship, RefBody body) {
        // the body is read once the caller may change the group's links: anyone else gets 403 whatever it holds
        return groups.require(groupId).call(access::requireMayManageLinks).chain(group -> {
            refuseDynamicMembers(group, relationship);
            if (body == null) {
                throw GraphException.invalidField("@odata.id", "Property '@odata.id' is required.");
            }
            return add(group, relationship, body.objectId());
        });
    }

    private Uni<Void> add(DirectoryGroup group, Relationship relationship, UUID memberId) {
        return users.exists(memberId).invoke(exists -> {
            if (!exists) {
                throw GroupService.notFound(memberId);
            }
        }).chain(() -> memberships.sources(group.id, memberId, relationship).chain(sources -> {
            if (sources.contains(GroupMembership.DIRECT)) {
                throw alreadyThere(relationship);
            }
            GroupLink link = new GroupLink(group.id, relationship);
            return memberships.insertIgnoringExisting(memberId, List.of(link), GroupMembership.DIRECT,
                            clock.instant())
                    .chain(added -> {
                        if (added == 0) {
                            throw alreadyThere(relationship);
                        }
                        return sources.isEmpty() ? events.added(memberId, Set.of(link), GroupMembership.DIRECT)
                                : Uni.createFrom().voidItem();
                    });
        }));
    }

    /**
     * A lifecycle workflow's "Add user to groups": the direct membership an administrator's
     * {@code POST members/$ref} makes, with its event; already a direct member is fine. Inside the caller's
     * transaction; empty when done, else why not (no such group, a role-assignable one).
     */
    public Uni<java.util.Optional<String>> addDirectMember(UUID groupId, UUID memberId) {
        return DirectoryGroup.<DirectoryGroup>findById(groupId).chain(group -> {
            if (group == null) {
                return Uni.createFrom().item(java.util.Optional.of("Group '" + groupId + "' does not exist."));
            }
            if (group.assignableToRole) {
                return Uni.createFrom().item(java.util.Optional.of("Group '" + groupId
                        + "' can be assigned to roles: a lifecycle workflow does not change its members."));
            }
            return add(group, Relationship.MEMBER, memberId)
                    .map(ignored -> java.util.Optional.<String>empty())
                    .onFailure(GraphException.class).recoverWithItem(e -> ((GraphException) e).status() == 400
                            ? java.util.Optional.empty() : java.util.Optional.of(e.getMessage()));
        });
    }

    /**
     * A lifecycle workflow's "Remove user from groups": the direct membership, as {@code DELETE members/{id}/$ref}
     * would, with its event. Places held through access-package assignments stay (their assignments end them).
     * Not a member: nothing to do. Inside the caller's transaction.
     */
    public Uni<java.util.Optional<String>> removeDirectMember(UUID groupId, UUID memberId) {
        return DirectoryGroup.<DirectoryGroup>findById(groupId).chain(group -> {
            if (group == null) {
                return Uni.createFrom().item(java.util.Optional.of("Group '" + groupId + "' does not exist."));
            }
            if (group.assignableToRole) {
                return Uni.createFrom().item(java.util.Optional.of("Group '" + groupId
                        + "' can be assigned to roles: a lifecycle workflow does not change its members."));
            }
            return memberships.sources(group.id, memberId, Relationship.MEMBER).chain(sources -> {
                if (!sources.contains(GroupMembership.DIRECT)) {
                    return Uni.createFrom().item(java.util.Optional.<String>empty());
                }
                GroupLink link = new GroupLink(group.id, Relationship.MEMBER);
                return memberships.deleteOne(group.id, memberId, Relationship.MEMBER, GroupMembership.DIRECT)
                        .chain(deleted -> deleted > 0 && sources.size() == 1
                                ? events.removed(memberId, Set.of(link), GroupMembership.DIRECT)
                                : Uni.createFrom().voidItem())
                        .map(ignored -> java.util.Optional.<String>empty());
            });
        });
    }

    /** The groups the user is a direct member of (not the places access packages hold). */
    public Uni<List<UUID>> directGroups(UUID memberId) {
        return memberships.directGroups(memberId, Relationship.MEMBER);
    }

    /** Removes the direct source; refuses when only access-package assignments hold the place. */
    @WithTransaction
    public Uni<Void> remove(String groupId, Relationship relationship, String memberPathId) {
        UUID memberId = Ids.pathId(memberPathId, "directory object");
        return groups.require(groupId).call(access::requireMayManageLinks)
                .invoke(group -> refuseDynamicMembers(group, relationship))
                .chain(group -> memberships.sources(group.id, memberId, relationship)
                .chain(sources -> {
                    if (sources.isEmpty()) {
                        throw noSuchLink(relationship);
                    }
                    if (!sources.contains(GroupMembership.DIRECT)) {
                        throw grantedByAssignments(memberId, group.id, relationship, sources);
                    }
                    GroupLink link = new GroupLink(group.id, relationship);
                    // a concurrent remove of the same link that got there first leaves nothing: 404
                    return Deletes.one(memberships.deleteOne(group.id, memberId, relationship, GroupMembership.DIRECT),
                                    () -> noSuchLink(relationship))
                            .chain(() -> sources.size() == 1
                                    ? events.removed(memberId, Set.of(link), GroupMembership.DIRECT)
                                    : Uni.createFrom().voidItem());
                }));
    }

    /**
     * A dynamic group's members come from its rule: Graph refuses adding or removing one directly
     * (403 Authorization_RequestDenied, "Insufficient privileges to complete the operation."). Owners
     * are managed as in any group.
     */
    private static void refuseDynamicMembers(DirectoryGroup group, Relationship relationship) {
        if (relationship == Relationship.MEMBER && group.isDynamic()) {
            throw new GraphException(403, "Authorization_RequestDenied", "Insufficient privileges to complete the "
                    + "operation. The members of dynamic group '" + group.id + "' follow its membershipRule; "
                    + "change the rule instead of adding or removing members.");
        }
    }

    private static GraphException noSuchLink(Relationship relationship) {
        return GraphException.notFound("One or more removed object references do not exist for the "
                + "following modified properties: '" + relationship.navigation() + "'.");
    }

    /** Members or owners, each with the properties the caller may read; not for guests. */
    @WithSession
    public Uni<List<UserJson>> users(String groupId, Relationship relationship, Optional<FilterExpr> filter,
            UUID after, int top) {
        return access.reader().chain(reader -> {
            reader.requireMember();
            reader.checkUserFilter(filter);
            return groups.require(groupId)
                    .chain(group -> memberships.users(group.id, relationship, filter, after, top))
                    .map(rows -> rows.stream().map(reader::show).toList());
        });
    }

    /** The groups a user is a member of; a guest asks only about themselves. */
    @WithSession
    public Uni<List<DirectoryGroup>> memberOf(String userIdOrUpn, Optional<FilterExpr> filter, UUID after, int top) {
        return memberOfUser(userIdOrUpn, filter, after, top).map(MemberOf::groups);
    }

    /** The user (resolved from id or UPN) and the groups they are a member of. */
    public record MemberOf(UUID userId, List<DirectoryGroup> groups) {
    }

    /** As {@link #memberOf}, with the user's object id (for the directory roles they hold). */
    @WithSession
    public Uni<MemberOf> memberOfUser(String userIdOrUpn, Optional<FilterExpr> filter, UUID after, int top) {
        return access.reader().chain(reader -> users.findByIdOrUpn(userIdOrUpn).chain(user -> {
            reader.requireMayReadUser(user == null ? null : user.id);
            if (user == null) {
                throw GroupService.notFound(userIdOrUpn);
            }
            return memberships.groups(user.id, filter, after, top).map(groups -> new MemberOf(user.id, groups));
        }));
    }

    private static GraphException alreadyThere(Relationship relationship) {
        return new GraphException(400, "Request_BadRequest", "One or more added object references already exist "
                + "for the following modified properties: '" + relationship.navigation() + "'.");
    }

    private static GraphException grantedByAssignments(UUID memberId, UUID groupId, Relationship relationship,
            List<String> assignmentIds) {
        String names = assignmentIds.stream().map(id -> "'" + id + "'").collect(Collectors.joining(", "));
        return new GraphException(400, "Request_BadRequest", "The " + relationship.value() + " reference of '"
                + memberId + "' in group '" + groupId + "' is granted by access package assignment"
                + (assignmentIds.size() > 1 ? "s " : " ") + names + "; remove the access package assignment"
                + (assignmentIds.size() > 1 ? "s" : "") + " instead.", relationship.navigation());
    }
}
