package dev.tessera.catalog.catalog;

import dev.tessera.catalog.accesspackage.AccessPackage;
import dev.tessera.catalog.resource.CatalogResource;
import dev.tessera.platform.graph.GraphException;
import dev.tessera.platform.graph.Ids;
import dev.tessera.platform.graph.query.FieldMap;
import dev.tessera.platform.graph.query.Keyset;
import dev.tessera.platform.graph.query.Page;
import dev.tessera.platform.graph.query.QueryOptions;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.InstantSource;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class CatalogService {

    static final List<String> STATES = List.of("unpublished", "published", "unknownFutureValue");
    static final FieldMap FIELDS = FieldMap.builder()
            .uuid("id", "id")
            .string("displayName", "displayName")
            .string("description", "description")
            .enumeration("state", "state", STATES)
            .enumeration("catalogType", "catalogType", List.of("userManaged", "serviceDefault", "serviceManaged"))
            .bool("isExternallyVisible", "externallyVisible")
            .build();

    @Inject
    InstantSource clock;

    @WithSession
    public Uni<Page<Catalog>> list(QueryOptions options) {
        Keyset keyset = Keyset.where(options.filter(), FIELDS).after("id", options.afterId());
        return Catalog.<Catalog>find(keyset.query("id"), keyset.params()).page(0, options.top() + 1).list()
                .map(rows -> Page.of(rows, options.top(), c -> c.id.toString()));
    }

    @WithSession
    public Uni<Catalog> find(String id) {
        UUID catalogId = Ids.pathId(id, "a catalog");
        return Catalog.<Catalog>findById(catalogId)
                .onItem().ifNull().failWith(() -> GraphException.notFound("Catalog '" + id + "' was not found."));
    }

    @WithTransaction
    public Uni<Catalog> create(CatalogBody body) {
        if (body == null) {
            throw GraphException.badRequest("A request body is required.");
        }
        Catalog catalog = new Catalog();
        catalog.id = UUID.randomUUID();
        catalog.displayName = required(body.displayName(), "displayName");
        catalog.description = body.description();
        catalog.catalogType = "userManaged";
        catalog.state = body.state() == null ? "published" : state(body.state());
        catalog.externallyVisible = body.isExternallyVisible() == null || body.isExternallyVisible();
        catalog.createdAt = clock.instant();
        catalog.modifiedAt = catalog.createdAt;
        return catalog.persist().replaceWith(catalog);
    }

    @WithTransaction
    public Uni<Void> update(String id, CatalogBody body) {
        if (body == null) {
            throw GraphException.badRequest("A request body is required.");
        }
        return find(id).invoke(catalog -> {
            if (body.displayName() != null) {
                catalog.displayName = required(body.displayName(), "displayName");
            }
            if (body.description() != null) {
                catalog.description = body.description();
            }
            if (body.state() != null) {
                catalog.state = state(body.state());
            }
            if (body.isExternallyVisible() != null) {
                catalog.externallyVisible = body.isExternallyVisible();
            }
            catalog.modifiedAt = clock.instant();
        }).replaceWithVoid();
    }

    @WithTransaction
    public Uni<Void> delete(String id) {
        return find(id).chain(catalog -> {
            if (Catalog.GENERAL.equals(catalog.id)) {
                throw GraphException.badRequest("The built-in General catalog cannot be deleted.");
            }
            return AccessPackage.count("catalogId", catalog.id).chain(packages -> {
                if (packages > 0) {
                    throw GraphException.conflict("Catalog '" + id + "' still holds " + packages
                            + " access package(s); delete them first.");
                }
                return CatalogResource.count("catalogId", catalog.id);
            }).chain(resources -> {
                if (resources > 0) {
                    throw GraphException.conflict("Catalog '" + id + "' still holds " + resources
                            + " resource(s); remove them first.");
                }
                return catalog.delete();
            });
        });
    }

    static String state(String value) {
        return STATES.stream().filter(s -> s.equalsIgnoreCase(value.trim())).findFirst()
                .orElseThrow(() -> GraphException.invalidField("state",
                        "Property 'state' must be one of published, unpublished."));
    }

    static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw GraphException.invalidField(field, "Property '" + field + "' is required.");
        }
        return value.trim();
    }
}
