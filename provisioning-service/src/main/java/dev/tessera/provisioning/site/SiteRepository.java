package dev.tessera.provisioning.site;

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
public class SiteRepository implements PanacheRepositoryBase<Site, UUID> {

    static final FieldMap FIELDS = FieldMap.builder()
            .uuid("id", "id")
            .string("displayName", "displayName")
            .string("name", "name")
            .string("webUrl", "webUrl")
            .string("description", "description")
            .dateTime("createdDateTime", "createdDateTime")
            .build();

    /** Whether a site has this webUrl, compared as {@link SiteRules#urlKey}. */
    public Uni<Boolean> webUrlTaken(String urlKey) {
        return count("lower(webUrl) = ?1", urlKey).map(n -> n > 0);
    }

    /** One keyset page, ordered by id: top + 1 rows, so the caller knows whether there is more. */
    public Uni<List<Site>> page(Optional<FilterExpr> filter, UUID after, int top) {
        Keyset keyset = Keyset.where(filter, FIELDS).after("id", after);
        return find(keyset.query("id"), keyset.params()).page(0, top + 1).list();
    }

    public Uni<Long> count(Optional<FilterExpr> filter) {
        Keyset keyset = Keyset.where(filter, FIELDS);
        return count(keyset.where(), keyset.params());
    }
}
