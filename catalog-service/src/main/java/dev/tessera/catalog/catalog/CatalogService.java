package dev.tessera.catalog.catalog;

import dev.tessera.catalog.Expansions;
import dev.tessera.catalog.Listing;
import dev.tessera.catalog.accesspackage.AccessPackage;
import dev.tessera.catalog.accesspackage.AccessPackageJson;
import dev.tessera.catalog.accesspackage.AccessPackageRepository;
import dev.tessera.catalog.resource.CatalogResourceRepository;
import dev.tessera.catalog.role.RoleAssignment;
import dev.tessera.catalog.role.RoleAssignmentRepository;
import dev.tessera.platform.graph.Deletes;
import dev.tessera.platform.graph.GraphException;
import dev.tessera.platform.graph.GraphText;
import dev.tessera.platform.graph.Ids;
import dev.tessera.platform.graph.query.QueryOptions;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Catalogs. The built-in General catalog (serviceDefault) always exists; a catalog is deleted only
 * once it holds neither access packages nor resources.
 */
@ApplicationScoped
public class CatalogService {

    @Inject
    CatalogRepository catalogs;

    @Inject
    AccessPackageRepository packages;

    @Inject
    CatalogResourceRepository resources;

    @Inject
    RoleAssignmentRepository ownerAssignments;

    @Inject
    InstantSource clock;

    /** @param readers when given, only the catalogs these principals hold a role in */
    public Uni<Listing<CatalogJson>> list(QueryOptions options, Optional<List<UUID>> readers) {
        Expansions.allow(options, "accessPackageCatalog", "accessPackages");
        return Listing.of(options, filter -> catalogs.count(filter, readers),
                (filter, after, top) -> catalogs.page(filter, readers, after, top), c -> c.id.toString(),
                rows -> withPackages(rows, options));
    }

    public Uni<CatalogJson> get(String id, QueryOptions options) {
        Expansions.allow(options, "accessPackageCatalog", "accessPackages");
        return require(id).chain(catalog -> withPackages(List.of(catalog), options)).map(items -> items.get(0));
    }

    /** The catalog with this path id, or a 404. */
    public Uni<Catalog> require(String id) {
        UUID catalogId = Ids.pathId(id, "a catalog");
        return catalogs.findById(catalogId)
                .onItem().ifNull().failWith(() -> GraphException.notFound("Catalog '" + id + "' was not found."));
    }

    /**
     * A new userManaged catalog; {@code owner}, when given (a Catalog creator), becomes its Catalog
     * owner in the same transaction.
     */
    @WithTransaction
    public Uni<Catalog> create(CatalogBody body, UUID owner) {
        if (body == null) {
            throw GraphException.badRequest("A request body is required.");
        }
        Instant now = now();
        Catalog catalog = new Catalog();
        catalog.id = UUID.randomUUID();
        catalog.displayName = requiredName(body.displayName());
        catalog.description = GraphText.description(body.description(), "description");
        catalog.catalogType = CatalogType.userManaged;
        catalog.state = body.state() == null ? CatalogState.published : state(body.state());
        catalog.externallyVisible = body.isExternallyVisible() == null || body.isExternallyVisible();
        catalog.createdAt = now;
        catalog.modifiedAt = now;
        return catalogs.persist(catalog).call(created -> owner == null ? Uni.createFrom().voidItem()
                : ownerAssignments.persist(RoleAssignment.owner(created.id, owner, now)));
    }

    @WithTransaction
    public Uni<Void> update(String id, CatalogBody body) {
        if (body == null) {
            throw GraphException.badRequest("A request body is required.");
        }
        return require(id).invoke(catalog -> {
            if (body.displayName() != null) {
                catalog.displayName = requiredName(body.displayName());
            }
            if (body.description() != null) {
                catalog.description = GraphText.description(body.description(), "description");
            }
            if (body.state() != null) {
                catalog.state = state(body.state());
            }
            if (body.isExternallyVisible() != null) {
                catalog.externallyVisible = body.isExternallyVisible();
            }
            catalog.modifiedAt = now();
        }).replaceWithVoid();
    }

    @WithTransaction
    public Uni<Void> delete(String id) {
        return require(id).chain(catalog -> {
            if (catalog.catalogType == CatalogType.serviceDefault) {
                throw GraphException.badRequest("CannotDeleteDefaultCatalog",
                        "The built-in catalog '" + catalog.displayName + "' cannot be deleted.");
            }
            return packages.countInCatalog(catalog.id).chain(held -> {
                if (held > 0) {
                    throw GraphException.conflict("CatalogNotEmpty", "Catalog '" + id + "' still holds " + held
                            + " access package(s); delete them first.");
                }
                return resources.countInCatalog(catalog.id);
            }).chain(held -> {
                if (held > 0) {
                    throw GraphException.conflict("CatalogNotEmpty", "Catalog '" + id + "' still holds " + held
                            + " resource(s); remove them with an adminRemove resource request first.");
                }
                return Deletes.one(catalogs.delete("id", catalog.id),
                        () -> GraphException.notFound("Catalog '" + id + "' was not found."));
            });
        });
    }

    private Uni<List<CatalogJson>> withPackages(List<Catalog> rows, QueryOptions options) {
        if (options.expands("accessPackages").isEmpty()) {
            return Uni.createFrom().item(rows.stream().map(CatalogJson::of).toList());
        }
        return packages.inCatalogs(rows.stream().map(c -> c.id).toList()).map(found -> {
            Map<UUID, List<AccessPackage>> byCatalog = found.stream().collect(Collectors.groupingBy(p -> p.catalogId));
            return rows.stream().map(c -> CatalogJson.of(c, byCatalog.getOrDefault(c.id, List.of()).stream()
                    .map(AccessPackageJson::of).toList())).toList();
        });
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static CatalogState state(CatalogState state) {
        if (state == CatalogState.unknownFutureValue) {
            throw GraphException.invalidField("state", "Property 'state' must be published or unpublished.");
        }
        return state;
    }

    private static String requiredName(String value) {
        if (value == null || value.isBlank()) {
            throw GraphException.invalidField("displayName", "Property 'displayName' is required.");
        }
        return GraphText.name(value.trim(), "displayName");
    }
}
