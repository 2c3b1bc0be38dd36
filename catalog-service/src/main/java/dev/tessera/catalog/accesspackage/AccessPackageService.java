package dev.tessera.catalog.accesspackage;

import dev.tessera.catalog.Expansions;
import dev.tessera.catalog.Listing;
import dev.tessera.catalog.catalog.Catalog;
import dev.tessera.catalog.catalog.CatalogJson;
import dev.tessera.catalog.catalog.CatalogRepository;
import dev.tessera.catalog.policy.AssignmentPolicyRepository;
import dev.tessera.catalog.policy.PolicyJson;
import dev.tessera.catalog.policy.PolicyService;
import dev.tessera.platform.graph.Deletes;
import dev.tessera.platform.graph.GraphException;
import dev.tessera.platform.graph.GraphText;
import dev.tessera.platform.graph.Ids;
import dev.tessera.platform.graph.query.ExpandItem;
import dev.tessera.platform.graph.query.QueryOptions;
import dev.tessera.platform.messaging.Outbox;
import dev.tessera.platform.messaging.events.CatalogObjectDeleted;
import dev.tessera.platform.messaging.events.EventTypes;
import dev.tessera.platform.messaging.events.Topics;
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
 * Access packages. A package lives in one catalog for good (General unless given); it is deleted
 * only once it has no assignment policies, and its resource roles go with it (announced as removed).
 */
@ApplicationScoped
public class AccessPackageService {

    @Inject
    AccessPackageRepository packages;

    @Inject
    Outbox outbox;

    @Inject
    CatalogRepository catalogs;

    @Inject
    ResourceRoleScopeRepository roleScopes;

    @Inject
    RoleScopeService roleScopeService;

    @Inject
    AssignmentPolicyRepository policies;

    @Inject
    PolicyService policyService;

    @Inject
    InstantSource clock;

    /** @param readers when given, only the packages of catalogs these principals hold a role in */
    public Uni<Listing<AccessPackageJson>> list(QueryOptions options, Optional<List<UUID>> readers) {
        return Listing.of(options, filter -> packages.count(filter, readers),
                (filter, after, top) -> packages.page(filter, readers, after, top), p -> p.id.toString(),
                rows -> expand(rows, options));
    }

    /** {@code $expand=catalog,resourceRoleScopes($expand=role,scope),assignmentPolicies}. */
    public Uni<AccessPackageJson> get(String id, QueryOptions options) {
        return require(id).chain(p -> expand(List.of(p), options)).map(items -> items.get(0));
    }

    /** The package with this path id, or a 404. */
    private static GraphException notFound(String id) {
        return GraphException.notFound("Access package '" + id + "' was not found.");
    }

    public Uni<AccessPackage> require(String id) {
        UUID packageId = Ids.pathId(id, "an access package");
        return packages.findById(packageId).onItem().ifNull()
                .failWith(() -> notFound(id));
    }

    /** The catalog a new package goes to: the one named, or General. */
    public static UUID catalogOf(AccessPackageBody body) {
        return body == null || body.catalog() == null || body.catalog().id() == null ? Catalog.GENERAL
                : Ids.parse(body.catalog().id(), "catalog.id");
    }

    @WithTransaction
    public Uni<AccessPackage> create(AccessPackageBody body) {
        if (body == null) {
            throw GraphException.badRequest("A request body is required.");
        }
        String name = requiredName(body.displayName());
        UUID catalogId = catalogOf(body);
        return catalogs.findById(catalogId)
                .onItem().ifNull().failWith(() -> GraphException.invalidField("catalog.id",
                        "Catalog '" + catalogId + "' was not found."))
                .chain(catalog -> {
                    Instant now = now();
                    AccessPackage accessPackage = new AccessPackage();
                    accessPackage.id = UUID.randomUUID();
                    accessPackage.catalogId = catalog.id;
                    accessPackage.displayName = name;
                    accessPackage.description = GraphText.description(body.description(), "description");
                    accessPackage.hidden = Boolean.TRUE.equals(body.isHidden());
                    accessPackage.createdAt = now;
                    accessPackage.modifiedAt = now;
                    return packages.persist(accessPackage);
                });
    }

    @WithTransaction
    public Uni<Void> update(String id, AccessPackageBody body) {
        if (body == null) {
            throw GraphException.badRequest("A request body is required.");
        }
        UUID catalogId = body.catalog() == null || body.catalog().id() == null ? null
                : Ids.parse(body.catalog().id(), "catalog.id");
        return require(id).invoke(accessPackage -> {
            if (catalogId != null && !catalogId.equals(accessPackage.catalogId)) {
                throw GraphException.invalidField("catalog.id", "An access package cannot move to another catalog.");
            }
            if (body.displayName() != null) {
                accessPackage.displayName = requiredName(body.displayName());
            }
            if (body.description() != null) {
                accessPackage.description = GraphText.description(body.description(), "description");
            }
            if (body.isHidden() != null) {
                accessPackage.hidden = body.isHidden();
            }
            accessPackage.modifiedAt = now();
        }).replaceWithVoid();
    }

    @WithTransaction
    public Uni<Void> delete(String id) {
        return require(id).chain(accessPackage -> policies.countOfPackage(accessPackage.id).chain(held -> {
            if (held > 0) {
                throw GraphException.conflict("AccessPackageHasPolicies", "Access package '" + id + "' still has "
                        + held + " assignment policy(ies); delete them first.");
            }
            return roleScopes.ofPackage(accessPackage.id);
        }).chain(rows -> roleScopeService.removeAndAnnounce(rows, () -> notFound(id)))
                .chain(() -> Deletes.one(packages.delete("id", accessPackage.id), () -> notFound(id)))
                // request-service ends what is still open under the package (see PolicyService#delete)
                .chain(() -> outbox.publish(Topics.CATALOG_EVENTS, EventTypes.ACCESS_PACKAGE_DELETED,
                        accessPackage.id.toString(),
                        new CatalogObjectDeleted(accessPackage.id, null, accessPackage.displayName))));
    }

    /** Rows as Graph JSON with what {@code $expand} asks for. */
    public Uni<List<AccessPackageJson>> expandAll(List<AccessPackage> rows, QueryOptions options) {
        return expand(rows, options);
    }

    private Uni<List<AccessPackageJson>> expand(List<AccessPackage> rows, QueryOptions options) {
        Expansions.allow(options, "accessPackage", "catalog", "resourceRoleScopes", "assignmentPolicies");
        options.expands("assignmentPolicies").ifPresent(item -> Expansions.allow(item.nested(),
                "accessPackageAssignmentPolicy", "questions"));
        List<UUID> ids = rows.stream().map(p -> p.id).toList();
        Uni<Map<UUID, Catalog>> catalogMap = options.expands("catalog").isEmpty() ? Uni.createFrom().item(Map.of())
                : catalogs.byIds(rows.stream().map(p -> p.catalogId).distinct().toList())
                        .map(found -> found.stream().collect(Collectors.toMap(c -> c.id, c -> c)));
        Optional<ExpandItem> roleScopeExpand = options.expands("resourceRoleScopes");
        Optional<ExpandItem> policyExpand = options.expands("assignmentPolicies");
        return catalogMap.chain(catalogById -> roleScopeViews(ids, roleScopeExpand).chain(roleScopesById ->
                (policyExpand.isEmpty() ? Uni.createFrom().item(Map.<UUID, List<PolicyJson>>of())
                        : policyService.byPackage(ids, policyExpand.get().nested().expands("questions").isPresent()))
                        .map(policiesById -> rows.stream().map(p -> AccessPackageJson.of(p,
                                catalogById.containsKey(p.catalogId) ? CatalogJson.of(catalogById.get(p.catalogId))
                                        : null,
                                roleScopeExpand.isEmpty() ? null : roleScopesById.getOrDefault(p.id, List.of()),
                                policyExpand.isEmpty() ? null : policiesById.getOrDefault(p.id, List.of())))
                                .toList())));
    }

    private Uni<Map<UUID, List<RoleScopeJson>>> roleScopeViews(List<UUID> packageIds, Optional<ExpandItem> expand) {
        if (expand.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return roleScopes.ofPackages(packageIds).chain(rows -> roleScopeService.views(rows, expand.get().nested())
                .map(views -> {
                    Map<UUID, List<RoleScopeJson>> byPackage = new java.util.HashMap<>();
                    for (int i = 0; i < rows.size(); i++) {
                        byPackage.computeIfAbsent(rows.get(i).accessPackageId(), k -> new java.util.ArrayList<>())
                                .add(views.get(i));
                    }
                    return byPackage;
                }));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static String requiredName(String value) {
        if (value == null || value.isBlank()) {
            throw GraphException.invalidField("displayName", "Property 'displayName' is required.");
        }
        return GraphText.name(value.trim(), "displayName");
    }
}
