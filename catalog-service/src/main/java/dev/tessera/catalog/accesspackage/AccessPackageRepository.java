package dev.tessera.catalog.accesspackage;

import dev.tessera.catalog.role.CatalogAccess;
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
public class AccessPackageRepository implements PanacheRepositoryBase<AccessPackage, UUID> {

    static final FieldMap FIELDS = FieldMap.builder()
            .uuid("id", "id")
            .string("displayName", "displayName")
            .string("description", "description")
            .bool("isHidden", "hidden")
            .uuid("catalog/id", "catalogId")
            .uuid("catalogId", "catalogId")
            .dateTime("createdDateTime", "createdAt")
            .dateTime("modifiedDateTime", "modifiedAt")
            .build();

    /** One keyset page; {@code readers}, when given, limits it to the catalogs they hold a role in. */
    public Uni<List<AccessPackage>> page(Optional<FilterExpr> filter, Optional<List<UUID>> readers, UUID afterId, int top) {
        Keyset keyset = CatalogAccess.restrict(Keyset.where(filter, FIELDS), "catalogId", readers).after("id", afterId);
        return find(keyset.query("id"), keyset.params()).page(0, top + 1).list();
    }

    public Uni<Long> count(Optional<FilterExpr> filter, Optional<List<UUID>> readers) {
        Keyset keyset = CatalogAccess.restrict(Keyset.where(filter, FIELDS), "catalogId", readers);
        return count(keyset.where(), keyset.params());
    }

    public Uni<List<AccessPackage>> inCatalogs(List<UUID> catalogIds) {
        return catalogIds.isEmpty() ? Uni.createFrom().item(List.of())
                : list("catalogId in ?1 order by displayName, id", catalogIds);
    }

    public Uni<List<AccessPackage>> byIds(List<UUID> ids) {
        return ids.isEmpty() ? Uni.createFrom().item(List.of()) : list("id in ?1", ids);
    }

    public Uni<Long> countInCatalog(UUID catalogId) {
        return count("catalogId", catalogId);
    }
}
