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

    /** One keyset page among these packages, leaving out the hidden ones (filterByCurrentUser). */
    public Uni<List<AccessPackage>> visiblePage(Optional<FilterExpr> filter, List<UUID> among, UUID afterId, int top) {
        Keyset keyset = visibleAmong(filter, among).after("id", afterId);
        return among.isEmpty() ? Uni.createFrom().item(List.of())
                : find(keyset.query("id"), keyset.params()).page(0, top + 1).list();
    }

    public Uni<Long> countVisible(Optional<FilterExpr> filter, List<UUID> among) {
        Keyset keyset = visibleAmong(filter, among);
        return among.isEmpty() ? Uni.createFrom().item(0L) : count(keyset.where(), keyset.params());
    }

    private static Keyset visibleAmong(Optional<FilterExpr> filter, List<UUID> among) {
        return Keyset.where(filter, FIELDS).eq("hidden", false)
                .inSubquery("id", "select a.id from AccessPackage a where a.id in ?", among);
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
