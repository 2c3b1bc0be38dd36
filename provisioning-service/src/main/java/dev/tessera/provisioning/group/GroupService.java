package dev.tessera.provisioning.group;

import dev.tessera.platform.graph.Deletes;
import dev.tessera.platform.graph.GraphException;
import dev.tessera.platform.graph.Ids;
import dev.tessera.platform.graph.query.FilterExpr;
import dev.tessera.provisioning.DirectoryAccess;
import dev.tessera.provisioning.DirectoryReader;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Groups of the directory; who writes and who reads them: {@link DirectoryAccess}. */
@ApplicationScoped
public class GroupService {

    @Inject
    GroupRepository groups;

    @Inject
    MembershipRepository memberships;

    @Inject
    MembershipEvents events;

    @Inject
    DynamicMemberships dynamic;

    @Inject
    DirectoryAccess access;

    @Inject
    InstantSource clock;

    @WithTransaction
    public Uni<DirectoryGroup> create(GroupBody body) {
        access.requireMayCreateGroup(body != null && Boolean.TRUE.equals(body.isAssignableToRole()));
        GroupRules.validateCreate(body);
        DirectoryGroup group = new DirectoryGroup();
        group.id = UUID.randomUUID();
        group.createdDateTime = clock.instant();
        GroupRules.applyDefaults(body, group);
        return groups.persistAndFlush(group).call(dynamic::recompute);
    }

    @WithTransaction
    public Uni<Void> update(String id, GroupBody body) {
        access.requireMayChangeSomeGroup();
        return require(id).call(access::requireMayManageGroup).chain(group -> {
            GroupRules.validatePatch(body, group);
            boolean wasApplying = group.appliesRule();
            String rule = group.membershipRule;
            GroupRules.apply(body, group);
            // a new rule, or a paused rule applied again, recomputes the members; pausing freezes them
            boolean recompute = group.appliesRule() && (!wasApplying || !rule.equals(group.membershipRule));
            return recompute ? dynamic.recompute(group) : Uni.createFrom().voidItem();
        });
    }

    /**
     * Deleting a group ends all its memberships and ownerships (the database cascades them); each
     * ended place and the deletion itself are published in the same transaction.
     */
    @WithTransaction
    public Uni<Void> delete(String id) {
        access.requireMayChangeSomeGroup();
        return require(id).call(access::requireMayManageGroup).chain(group -> memberships.places(group.id)
                .chain(places -> Deletes.one(groups.delete("id", group.id), () -> notFound(id))
                        .chain(() -> events.groupDeleted(group.id, places))));
    }

    /** A guest reads only the groups they are a member of: any other id is 403 whether or not it exists. */
    @WithSession
    public Uni<DirectoryGroup> get(String id) {
        UUID groupId = Ids.pathId(id, "group");
        return access.reader().call(reader -> requireMayRead(reader, groupId)).chain(reader -> require(id));
    }

    @WithSession
    public Uni<List<DirectoryGroup>> page(Optional<FilterExpr> filter, UUID after, int top) {
        return access.reader().chain(reader -> groups.page(filter, reader.onlyGroupsOf(), after, top));
    }

    @WithSession
    public Uni<Long> count(Optional<FilterExpr> filter) {
        return access.reader().chain(reader -> groups.count(filter, reader.onlyGroupsOf()));
    }

    /** Guests: only groups they are members of. */
    Uni<Void> requireMayRead(DirectoryReader reader, UUID groupId) {
        if (!reader.isGuest()) {
            return Uni.createFrom().voidItem();
        }
        return memberships.sources(groupId, reader.self(), Relationship.MEMBER).invoke(sources -> {
            if (sources.isEmpty()) {
                throw DirectoryAccess.denied();
            }
        }).replaceWithVoid();
    }

    Uni<DirectoryGroup> require(String id) {
        UUID groupId = Ids.pathId(id, "group");
        return groups.findById(groupId).onItem().ifNull().failWith(() -> notFound(id));
    }

    static GraphException notFound(Object id) {
        return GraphException.notFound("Resource '" + id
                + "' does not exist or one of its queried reference-property objects are not present.");
    }
}
