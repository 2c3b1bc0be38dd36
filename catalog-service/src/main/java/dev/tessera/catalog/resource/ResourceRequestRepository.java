package dev.tessera.catalog.resource;

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
public class ResourceRequestRepository implements PanacheRepositoryBase<ResourceRequest, UUID> {

    static final FieldMap FIELDS = FieldMap.builder()
            .uuid("id", "id")
            .enumeration("requestType", "requestType", ResourceRequestType.class)
            .enumeration("state", "state", ResourceRequestState.class)
            .uuid("catalog/id", "catalogId")
            .uuid("resource/id", "resourceId")
            .dateTime("createdDateTime", "createdAt")
            .build();

    /** One keyset page; {@code readers}, when given, limits it to the catalogs they hold a role in. */
    public Uni<List<ResourceRequest>> page(Optional<FilterExpr> filter, Optional<List<UUID>> readers, UUID afterId, int top) {
        Keyset keyset = CatalogAccess.restrict(Keyset.where(filter, FIELDS), "catalogId", readers).after("id", afterId);
        return find(keyset.query("id"), keyset.params()).page(0, top + 1).list();
    }
}
