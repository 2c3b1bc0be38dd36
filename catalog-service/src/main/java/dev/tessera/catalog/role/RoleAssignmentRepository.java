package dev.tessera.catalog.role;

import dev.tessera.platform.graph.query.FieldMap;
import dev.tessera.platform.graph.query.FilterExpr;
import dev.tessera.platform.graph.query.Keyset;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
@WithSession
public class RoleAssignmentRepository implements PanacheRepositoryBase<RoleAssignment, UUID> {

    static final FieldMap FIELDS = FieldMap.builder()
            .uuid("id", "id")
            .uuid("principalId", "principalId")
            .uuid("roleDefinitionId", "roleDefinitionId")
            .string("appScopeId", "appScopeId")
            .string("directoryScopeId", "directoryScopeId")
            .build();

    /** One keyset page; {@code visibleTo}, when given, limits it to what those principals may see. */
    public Uni<List<RoleAssignment>> page(Optional<FilterExpr> filter, Optional<List<UUID>> visibleTo, UUID afterId,
            int top) {
        Keyset keyset = visible(Keyset.where(filter, FIELDS), visibleTo).after("id", afterId);
        return find(keyset.query("id"), keyset.params()).page(0, top + 1).list();
    }

    public Uni<Long> count(Optional<FilterExpr> filter, Optional<List<UUID>> visibleTo) {
        Keyset keyset = visible(Keyset.where(filter, FIELDS), visibleTo);
        return count(keyset.where(), keyset.params());
    }

    /** The assignments these principals hold (a user and the groups they are in). */
    public Uni<List<RoleAssignment>> heldBy(List<UUID> principalIds) {
        return principalIds.isEmpty() ? Uni.createFrom().item(List.of())
                : list("principalId in ?1", principalIds);
    }

    /** Whether any group holds an EM role; only then are a caller's group memberships worth asking for. */
    public Uni<Boolean> anyHeldByGroups() {
        return count("principalType", "group").map(n -> n > 0);
    }

    /** Their own assignments, and all assignments of the catalogs in which they hold a role. */
    private static Keyset visible(Keyset keyset, Optional<List<UUID>> principals) {
        principals.ifPresent(ids -> keyset.inSubquery("coalesce(catalogId, id)",
                "select coalesce(r.catalogId, r.id) from RoleAssignment r where r.principalId in ?", ids));
        return keyset;
    }
}
