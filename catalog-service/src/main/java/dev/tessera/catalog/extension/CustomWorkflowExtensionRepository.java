package dev.tessera.catalog.extension;

import dev.tessera.platform.graph.query.FieldMap;
import dev.tessera.platform.graph.query.FilterExpr;
import dev.tessera.platform.graph.query.Keyset;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
@WithSession
public class CustomWorkflowExtensionRepository implements PanacheRepositoryBase<CustomWorkflowExtension, UUID> {

    static final FieldMap FIELDS = FieldMap.builder()
            .uuid("id", "id")
            .string("displayName", "displayName")
            .string("description", "description")
            .dateTime("createdDateTime", "createdAt")
            .dateTime("lastModifiedDateTime", "modifiedAt")
            .build();

    /** One keyset page of a catalog's extensions in id order, one row more than asked. */
    public Uni<List<CustomWorkflowExtension>> page(UUID catalogId, Optional<FilterExpr> filter, UUID afterId,
            int top) {
        Keyset keyset = Keyset.where(filter, FIELDS).eq("catalogId", catalogId).after("id", afterId);
        return find(keyset.query("id"), keyset.params()).page(0, top + 1).list();
    }

    public Uni<Long> count(UUID catalogId, Optional<FilterExpr> filter) {
        Keyset keyset = Keyset.where(filter, FIELDS).eq("catalogId", catalogId);
        return count(keyset.where(), keyset.params());
    }

    /** The extension if it belongs to this catalog, else null. */
    public Uni<CustomWorkflowExtension> inCatalog(UUID catalogId, UUID id) {
        return find("id = ?1 and catalogId = ?2", id, catalogId).firstResult();
    }

    public Uni<List<CustomWorkflowExtension>> byIds(Collection<UUID> ids) {
        return ids.isEmpty() ? Uni.createFrom().item(List.of()) : list("id in ?1", List.copyOf(ids));
    }

    public Uni<Long> deleteInCatalog(UUID catalogId, UUID id) {
        return delete("id = ?1 and catalogId = ?2", id, catalogId);
    }
}
