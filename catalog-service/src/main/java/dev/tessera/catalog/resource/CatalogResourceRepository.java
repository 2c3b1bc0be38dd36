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
public class CatalogResourceRepository implements PanacheRepositoryBase<CatalogResource, UUID> {

    static final FieldMap FIELDS = FieldMap.builder()
            .uuid("id", "id")
            .string("displayName", "displayName")
            .string("description", "description")
            .string("originId", "originId")
            .string("originSystem", "originSystem")
            .dateTime("createdDateTime", "createdAt")
            .dateTime("modifiedDateTime", "modifiedAt")
            .build();

    public Uni<List<CatalogResource>> page(UUID catalogId, Optional<FilterExpr> filter, UUID afterId, int top) {
        Keyset keyset = Keyset.where(filter, FIELDS).eq("catalogId", catalogId).after("id", afterId);
        return find(keyset.query("id"), keyset.params()).page(0, top + 1).list();
    }

    public Uni<Long> count(UUID catalogId, Optional<FilterExpr> filter) {
        Keyset keyset = Keyset.where(filter, FIELDS).eq("catalogId", catalogId);
        return count(keyset.where(), keyset.params());
    }

    public Uni<CatalogResource> findInCatalog(UUID catalogId, UUID resourceId) {
        return find("id = ?1 and catalogId = ?2", resourceId, catalogId).firstResult();
    }

    public Uni<CatalogResource> findByOrigin(UUID catalogId, String originSystem, String originId) {
        return find("catalogId = ?1 and originSystem = ?2 and originId = ?3", catalogId, originSystem, originId)
                .firstResult();
    }

    public Uni<Long> countInCatalog(UUID catalogId) {
        return count("catalogId", catalogId);
    }

    public Uni<List<CatalogResource>> byIds(List<UUID> ids) {
        return ids.isEmpty() ? Uni.createFrom().item(List.of()) : list("id in ?1", ids);
    }
}
