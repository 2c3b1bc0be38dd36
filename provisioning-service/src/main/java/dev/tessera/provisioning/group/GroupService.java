package dev.tessera.provisioning.group;

import dev.tessera.platform.graph.Caller;
import dev.tessera.platform.graph.GraphException;
import dev.tessera.platform.graph.Ids;
import dev.tessera.platform.graph.query.FilterExpr;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Groups of the directory: administrators write them, every signed-in caller reads them. */
@ApplicationScoped
public class GroupService {

    @Inject
    GroupRepository groups;

    @Inject
    MembershipRepository memberships;

    @Inject
    MembershipEvents events;

    @Inject
    Caller caller;

    @Inject
    InstantSource clock;

    @WithTransaction
    public Uni<DirectoryGroup> create(GroupBody body) {
        requireDirectoryAdmin(caller);
        GroupRules.validateCreate(body);
        DirectoryGroup group = new DirectoryGroup();
        group.id = UUID.randomUUID();
        group.createdDateTime = clock.instant();
        GroupRules.applyDefaults(body, group);
        return groups.persist(group);
    }

    @WithTransaction
    public Uni<Void> update(String id, GroupBody body) {
        requireDirectoryAdmin(caller);
        return require(id).invoke(group -> {
            GroupRules.validatePatch(body, group);
            GroupRules.apply(body, group);
        }).replaceWithVoid();
    }

    /**
     * Deleting a group ends all its memberships and ownerships (the database cascades them); each
     * ended place and the deletion itself are published in the same transaction.
     */
    @WithTransaction
    public Uni<Void> delete(String id) {
        requireDirectoryAdmin(caller);
        return require(id).chain(group -> memberships.places(group.id)
                .chain(places -> groups.delete(group).chain(() -> events.groupDeleted(group.id, places))));
    }

    public Uni<DirectoryGroup> get(String id) {
        return require(id);
    }

    public Uni<List<DirectoryGroup>> page(Optional<FilterExpr> filter, UUID after, int top) {
        return groups.page(filter, after, top);
    }

    public Uni<Long> count(Optional<FilterExpr> filter) {
        return groups.count(filter);
    }

    Uni<DirectoryGroup> require(String id) {
        UUID groupId = Ids.pathId(id, "group");
        return groups.findById(groupId).onItem().ifNull().failWith(() -> notFound(id));
    }

    static void requireDirectoryAdmin(Caller caller) {
        if (!caller.isDirectoryAdmin()) {
            throw GraphException.forbidden("Insufficient privileges to complete the operation.");
        }
    }

    static GraphException notFound(Object id) {
        return GraphException.notFound("Resource '" + id
                + "' does not exist or one of its queried reference-property objects are not present.");
    }
}
