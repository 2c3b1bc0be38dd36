package dev.tessera.pim.roles;

import dev.tessera.pim.directory.Directory;
import dev.tessera.platform.graph.RemoteErrors;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The members of the role-assignable groups that hold active role assignments, as pim-service follows
 * them (table {@code role_group_member}): filled from the directory once, when a group gets its first
 * active assignment (in the request's path: an unreachable directory is a 503 and nothing changes),
 * then kept from tessera.directory.events ({@code groupMemberAdded}, {@code groupMemberRemoved},
 * {@code groupDeleted}, {@code userDeleted}), so that a timer or a consumer never asks the directory.
 * Direct members are enough: a role-assignable group cannot contain groups (Entra; provisioning-service
 * accepts only users as members of any group).
 */
@ApplicationScoped
public class GroupMembers {

    private static final Logger LOG = Logger.getLogger(GroupMembers.class);

    @Inject
    Directory directory;

    @Inject
    InstantSource clock;

    /** Followed groups' ids among those the user is a member of. */
    public Uni<List<UUID>> groupsOf(UUID userId) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("select group_id from role_group_member where member_id = ?1 order by group_id", UUID.class)
                .setParameter(1, userId).getResultList());
    }

    /** The members of the group when pim-service follows it; empty when the principal is not a followed group. */
    public Uni<Optional<List<UUID>>> membersIfGroup(UUID principalId) {
        return tracked(principalId).chain(tracked -> !tracked ? Uni.createFrom().item(Optional.<List<UUID>>empty())
                : Panache.getSession().chain(session -> session
                        .createNativeQuery("select member_id from role_group_member where group_id = ?1 order by member_id",
                                UUID.class)
                        .setParameter(1, principalId).getResultList()).map(Optional::of));
    }

    public Uni<Boolean> tracked(UUID groupId) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("select count(*) from role_group_tracked where group_id = ?1", Long.class)
                .setParameter(1, groupId).getSingleResult()).map(count -> count > 0);
    }

    /**
     * The group is about to hold an active assignment: unless followed already, its members are asked of
     * the directory (once) and recorded. Inside the request's transaction; an unreachable directory fails
     * it with a 503.
     */
    public Uni<Void> follow(UUID groupId) {
        return tracked(groupId).chain(tracked -> tracked ? Uni.createFrom().voidItem()
                : directory.memberIds(groupId)
                        .onFailure().transform(e -> RemoteErrors.asGraphError(e, "directory",
                                "the members of group '" + groupId + "'"))
                        .chain(members -> Panache.getSession().chain(session -> session
                                .createNativeQuery("insert into role_group_tracked (group_id, filled_at) values (?1, ?2) "
                                        + "on conflict do nothing")
                                .setParameter(1, groupId).setParameter(2, clock.instant().truncatedTo(ChronoUnit.MICROS))
                                .executeUpdate()
                                .chain(() -> members.isEmpty() ? Uni.createFrom().item(0) : session.createNativeQuery(
                                                "insert into role_group_member (group_id, member_id) "
                                                        + "select ?1, cast(m as uuid) from unnest(string_to_array(?2, ',')) as m "
                                                        + "on conflict do nothing")
                                        .setParameter(1, groupId)
                                        .setParameter(2, String.join(",", members.stream().map(UUID::toString).toList()))
                                        .executeUpdate())))
                        .invoke(() -> LOG.infof("Following the members of group %s (it holds an active role assignment)",
                                groupId))
                        .replaceWithVoid());
    }

    /** groupMemberAdded: true when the group is followed and the member is new to it. */
    public Uni<Boolean> added(UUID groupId, UUID memberId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "insert into role_group_member (group_id, member_id) select group_id, ?2 from role_group_tracked "
                                + "where group_id = ?1 on conflict do nothing")
                .setParameter(1, groupId).setParameter(2, memberId).executeUpdate()).map(rows -> rows > 0);
    }

    /** groupMemberRemoved: true when the user was a followed member of the group. */
    public Uni<Boolean> removed(UUID groupId, UUID memberId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "delete from role_group_member where group_id = ?1 and member_id = ?2")
                .setParameter(1, groupId).setParameter(2, memberId).executeUpdate()).map(rows -> rows > 0);
    }

    /** groupDeleted: its members, who were followed (the group is no longer). */
    public Uni<List<UUID>> groupDeleted(UUID groupId) {
        return membersIfGroup(groupId).chain(members -> Panache.getSession().chain(session -> session
                        .createNativeQuery("delete from role_group_tracked where group_id = ?1")
                        .setParameter(1, groupId).executeUpdate())
                .replaceWith(members.orElse(List.of())));
    }

    /** userDeleted: the user leaves every followed group. */
    public Uni<Void> userDeleted(UUID userId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "delete from role_group_member where member_id = ?1")
                .setParameter(1, userId).executeUpdate()).replaceWithVoid();
    }
}
