package dev.tessera.provisioning.application;

import dev.tessera.platform.graph.query.FieldMap;
import dev.tessera.platform.graph.query.FilterExpr;
import dev.tessera.platform.graph.query.Keyset;
import dev.tessera.provisioning.Principal;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

@ApplicationScoped
@WithSession
public class AppRoleAssignmentRepository implements PanacheRepositoryBase<AppRoleAssignment, UUID> {

    static final FieldMap FIELDS = FieldMap.builder()
            .uuid("id", "id")
            .uuid("appRoleId", "appRoleId")
            .uuid("principalId", "principalId")
            .enumeration("principalType", "principalType", Principal.Type.class)
            .uuid("resourceId", "resourceId")
            .dateTime("createdDateTime", "createdDateTime")
            .build();

    public Uni<Boolean> exists(UUID resourceId, UUID appRoleId, UUID principalId) {
        return count("resourceId = ?1 and appRoleId = ?2 and principalId = ?3", resourceId, appRoleId, principalId)
                .map(n -> n > 0);
    }

    /** Which of these roles of the resource someone holds. */
    public Uni<Set<UUID>> rolesInUse(UUID resourceId, Collection<UUID> roleIds) {
        if (roleIds.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return list("resourceId = ?1 and appRoleId in ?2", resourceId, List.copyOf(roleIds))
                .map(rows -> rows.stream().map(row -> row.appRoleId).collect(Collectors.toSet()));
    }

    public Uni<List<AppRoleAssignment>> ofResource(UUID resourceId) {
        return list("resourceId", resourceId);
    }

    /** Assignments of one resource or of one principal, keyset-paged by id (top + 1 rows). */
    public Uni<List<AppRoleAssignment>> page(String column, UUID value, Optional<FilterExpr> filter, UUID after,
            int top) {
        Keyset keyset = Keyset.where(filter, FIELDS).eq(column, value).after("id", after);
        return find(keyset.query("id"), keyset.params()).page(0, top + 1).list();
    }
}
