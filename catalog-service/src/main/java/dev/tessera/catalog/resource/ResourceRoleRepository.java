package dev.tessera.catalog.resource;

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
public class ResourceRoleRepository implements PanacheRepositoryBase<ResourceRole, UUID> {

    static final FieldMap FIELDS = FieldMap.builder()
            .uuid("id", "id")
            .string("displayName", "displayName")
            .string("description", "description")
            .string("originId", "originId")
            .string("originSystem", "originSystem")
            .uuid("resource/id", "resourceId")
            .build();

    public Uni<List<ResourceRole>> page(UUID catalogId, Optional<FilterExpr> filter, UUID afterId, int top) {
        Keyset keyset = Keyset.where(filter, FIELDS).eq("catalogId", catalogId).after("id", afterId);
        return find(keyset.query("id"), keyset.params()).page(0, top + 1).list();
    }

    public Uni<Long> count(UUID catalogId, Optional<FilterExpr> filter) {
        Keyset keyset = Keyset.where(filter, FIELDS).eq("catalogId", catalogId);
        return count(keyset.where(), keyset.params());
    }

    public Uni<List<ResourceRole>> ofResources(List<UUID> resourceIds) {
        return resourceIds.isEmpty() ? Uni.createFrom().item(List.of())
                : list("resourceId in ?1 order by displayName, id", resourceIds);
    }

    public Uni<List<ResourceRole>> byIds(List<UUID> ids) {
        return ids.isEmpty() ? Uni.createFrom().item(List.of()) : list("id in ?1", ids);
    }

    /** Roles of a catalog with this origin (system compared in any case), optionally of one resource. */
    public Uni<List<ResourceRole>> byOrigin(UUID catalogId, String originSystem, String originId, UUID resourceId) {
        if (resourceId == null) {
            return list("catalogId = ?1 and lower(originSystem) = lower(?2) and originId = ?3",
                    catalogId, originSystem, originId);
        }
        return list("catalogId = ?1 and lower(originSystem) = lower(?2) and originId = ?3 and resourceId = ?4",
                catalogId, originSystem, originId, resourceId);
    }

    public Uni<Long> deleteOfResource(UUID resourceId) {
        return delete("resourceId", resourceId);
    }
}
