package dev.tessera.catalog.accesspackage;

import dev.tessera.catalog.catalog.Catalog;
import dev.tessera.catalog.policy.AssignmentPolicy;
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
import java.util.UUID;

@ApplicationScoped
public class AccessPackageService {

    static final FieldMap FIELDS = FieldMap.builder()
            .uuid("id", "id")
            .string("displayName", "displayName")
            .string("description", "description")
            .bool("isHidden", "hidden")
            .uuid("catalog/id", "catalogId")
            .build();

    @Inject
    InstantSource clock;

    @WithSession
    public Uni<Page<AccessPackage>> list(QueryOptions options) {
        Keyset keyset = Keyset.where(options.filter(), FIELDS).after("id", options.afterId());
        return AccessPackage.<AccessPackage>find(keyset.query("id"), keyset.params()).page(0, options.top() + 1).list()
                .map(rows -> Page.of(rows, options.top(), p -> p.id.toString()));
    }

    @WithSession
    public Uni<AccessPackage> find(String id) {
        UUID packageId = Ids.pathId(id, "an access package");
        return AccessPackage.<AccessPackage>findById(packageId)
                .onItem().ifNull().failWith(() -> GraphException.notFound("Access package '" + id + "' was not found."));
    }

    @WithTransaction
    public Uni<AccessPackage> create(AccessPackageBody body) {
        if (body == null) {
            throw GraphException.badRequest("A request body is required.");
        }
        UUID catalogId = body.catalog() == null || body.catalog().id() == null ? Catalog.GENERAL
                : Ids.parse(body.catalog().id(), "catalog.id");
        String name = body.displayName();
        if (name == null || name.isBlank()) {
            throw GraphException.invalidField("displayName", "Property 'displayName' is required.");
        }
        return Catalog.<Catalog>findById(catalogId)
                .onItem().ifNull().failWith(() -> GraphException.invalidField("catalog.id",
                        "Catalog '" + catalogId + "' was not found."))
                .chain(catalog -> {
                    AccessPackage accessPackage = new AccessPackage();
                    accessPackage.id = UUID.randomUUID();
                    accessPackage.catalogId = catalog.id;
                    accessPackage.displayName = name.trim();
                    accessPackage.description = body.description();
                    accessPackage.hidden = Boolean.TRUE.equals(body.isHidden());
                    accessPackage.createdAt = clock.instant();
                    accessPackage.modifiedAt = accessPackage.createdAt;
                    return accessPackage.persist().replaceWith(accessPackage);
                });
    }

    @WithTransaction
    public Uni<Void> update(String id, AccessPackageBody body) {
        if (body == null) {
            throw GraphException.badRequest("A request body is required.");
        }
        return find(id).invoke(accessPackage -> {
            if (body.catalog() != null && body.catalog().id() != null
                    && !Ids.parse(body.catalog().id(), "catalog.id").equals(accessPackage.catalogId)) {
                throw GraphException.invalidField("catalog.id", "An access package cannot move to another catalog.");
            }
            if (body.displayName() != null) {
                if (body.displayName().isBlank()) {
                    throw GraphException.invalidField("displayName", "Property 'displayName' cannot be empty.");
                }
                accessPackage.displayName = body.displayName().trim();
            }
            if (body.description() != null) {
                accessPackage.description = body.description();
            }
            if (body.isHidden() != null) {
                accessPackage.hidden = body.isHidden();
            }
            accessPackage.modifiedAt = clock.instant();
        }).replaceWithVoid();
    }

    @WithTransaction
    public Uni<Void> delete(String id) {
        return find(id).chain(accessPackage -> AssignmentPolicy.count("accessPackageId", accessPackage.id)
                .chain(policies -> {
                    if (policies > 0) {
                        throw GraphException.conflict("Access package '" + id + "' still has " + policies
                                + " assignment policy(ies); delete them first.");
                    }
                    return ResourceRoleScope.delete("key.accessPackageId", accessPackage.id);
                })
                .chain(accessPackage::delete));
    }
}
