package dev.tessera.catalog.accesspackage;

import dev.tessera.catalog.Expansions;
import dev.tessera.catalog.resource.CatalogResource;
import dev.tessera.catalog.resource.CatalogResourceRepository;
import dev.tessera.catalog.resource.ResourceJson;
import dev.tessera.catalog.resource.ResourceRole;
import dev.tessera.catalog.resource.ResourceRoleRepository;
import dev.tessera.catalog.resource.ResourceScope;
import dev.tessera.catalog.resource.ResourceScopeRepository;
import dev.tessera.platform.graph.DatabaseErrors;
import dev.tessera.platform.graph.Deletes;
import dev.tessera.platform.graph.GraphException;
import dev.tessera.platform.graph.query.ExpandItem;
import dev.tessera.platform.graph.query.QueryOptions;
import dev.tessera.platform.messaging.Outbox;
import dev.tessera.platform.messaging.events.EventTypes;
import dev.tessera.platform.messaging.events.PackageResourceRoleChanged;
import dev.tessera.platform.messaging.events.ResourceRoleRef;
import dev.tessera.platform.messaging.events.Topics;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The resource roles an access package grants. Only roles of resources in the package's own catalog
 * may be added; every addition and removal is announced on {@code tessera.catalog.events} in the
 * same transaction, so existing assignees gain or lose the role.
 */
@ApplicationScoped
public class RoleScopeService {

    @Inject
    AccessPackageService packages;

    @Inject
    RoleScopeTargets targets;

    @Inject
    ResourceRoleScopeRepository roleScopes;

    @Inject
    ResourceRoleRepository roles;

    @Inject
    ResourceScopeRepository scopes;

    @Inject
    CatalogResourceRepository resources;

    @Inject
    Outbox outbox;

    @Inject
    InstantSource clock;

    @WithTransaction
    public Uni<RoleScopeJson> add(String packageId, RoleScopeBody body) {
        if (body == null || body.role() == null) {
            throw GraphException.invalidField("role", "Property 'role' is required.");
        }
        if (body.scope() == null) {
            throw GraphException.invalidField("scope", "Property 'scope' is required.");
        }
        return packages.require(packageId).chain(accessPackage -> targets.role(accessPackage, body.role())
                .chain(role -> targets.scope(role, body.scope()).chain(scope -> {
                    String id = ResourceRoleScope.graphId(role.id, scope.id);
                    return roleScopes.find(accessPackage.id, id).chain(existing -> {
                        if (existing != null) {
                            throw duplicate(packageId, id);
                        }
                        ResourceRoleScope roleScope = new ResourceRoleScope();
                        roleScope.key = new ResourceRoleScope.Key(accessPackage.id, id);
                        roleScope.roleId = role.id;
                        roleScope.scopeId = scope.id;
                        roleScope.createdAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
                        return roleScopes.persistAndFlush(roleScope)
                                .onFailure(DatabaseErrors::isUniqueViolation)
                                .transform(e -> duplicate(packageId, id))
                                .chain(() -> announceAdded(accessPackage.id, role, scope))
                                .replaceWith(new RoleScopeJson(id, roleScope.createdAt, null, null));
                    });
                })));
    }

    @WithTransaction
    public Uni<Void> remove(String packageId, String roleScopeId) {
        Supplier<GraphException> notFound = () -> GraphException.notFound("Resource role scope '" + roleScopeId
                + "' is not part of access package '" + packageId + "'.");
        return packages.require(packageId).chain(accessPackage -> roleScopes.find(accessPackage.id, roleScopeId)
                .onItem().ifNull().failWith(notFound)
                .chain(roleScope -> removeAndAnnounce(List.of(roleScope), notFound)));
    }

    /** {@code /accessPackages/{id}/resourceRoleScopes}, {@code $expand=role,scope}. */
    public Uni<List<RoleScopeJson>> list(String packageId, QueryOptions options) {
        return packages.require(packageId).chain(p -> roleScopes.ofPackage(p.id)).chain(rows -> views(rows, options));
    }

    /**
     * Removes role scopes and announces each removal; must run inside the caller's transaction. A row
     * a concurrent transaction removed first fails it with {@code gone}, so nothing is announced twice.
     */
    Uni<Void> removeAndAnnounce(List<ResourceRoleScope> rows, Supplier<GraphException> gone) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return refs(rows).chain(refs -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (int i = 0; i < rows.size(); i++) {
                ResourceRoleScope row = rows.get(i);
                ResourceRoleRef ref = refs.get(i);
                chain = chain.chain(() -> Deletes.one(roleScopes.delete("key", row.key), gone))
                        .chain(() -> outbox.publish(Topics.CATALOG_EVENTS, EventTypes.RESOURCE_ROLE_SCOPE_REMOVED,
                                row.accessPackageId().toString(),
                                new PackageResourceRoleChanged(row.accessPackageId(), ref)));
            }
            return chain;
        });
    }

    /** Role scopes as Graph shows them; {@code role}, {@code scope} (and {@code role($expand=resource)}) on request. */
    Uni<List<RoleScopeJson>> views(List<ResourceRoleScope> rows, QueryOptions options) {
        Expansions.allow(options, "accessPackageResourceRoleScope", "role", "scope");
        options.expands("role").ifPresent(item -> Expansions.allow(item.nested(), "accessPackageResourceRole",
                "resource"));
        Optional<ExpandItem> roleExpand = options.expands("role");
        boolean withScope = options.expands("scope").isPresent();
        boolean withResource = roleExpand.map(e -> e.nested().expands("resource").isPresent()).orElse(false);
        if (rows.isEmpty() || (roleExpand.isEmpty() && !withScope)) {
            return Uni.createFrom().item(rows.stream()
                    .map(r -> new RoleScopeJson(r.graphId(), r.createdAt, null, null)).toList());
        }
        return roles.byIds(rows.stream().map(r -> r.roleId).distinct().toList()).chain(roleRows ->
                scopes.byIds(rows.stream().map(r -> r.scopeId).distinct().toList()).chain(scopeRows ->
                        (withResource ? resources.byIds(roleRows.stream().map(r -> r.resourceId).distinct().toList())
                                : Uni.createFrom().item(List.<CatalogResource>of())).map(resourceRows -> {
                                    Map<UUID, ResourceRole> roleById = index(roleRows, r -> r.id);
                                    Map<UUID, ResourceScope> scopeById = index(scopeRows, s -> s.id);
                                    Map<UUID, CatalogResource> resourceById = index(resourceRows, r -> r.id);
                                    return rows.stream().map(row -> {
                                        ResourceRole role = roleById.get(row.roleId);
                                        ResourceJson.Role roleJson = roleExpand.isEmpty() || role == null ? null
                                                : ResourceJson.Role.of(role, resourceById.containsKey(role.resourceId)
                                                        ? ResourceJson.Resource.of(resourceById.get(role.resourceId))
                                                        : null);
                                        ResourceScope scope = scopeById.get(row.scopeId);
                                        return new RoleScopeJson(row.graphId(), row.createdAt, roleJson,
                                                withScope && scope != null ? ResourceJson.Scope.of(scope) : null);
                                    }).toList();
                                })));
    }

    /** The package's resource roles as delivery needs them, in the order they were added. */
    /**
     * The resource roles a package grants, in the order they were added: one query (the scope rows joined to
     * their role, scope and resource, only the columns a ref needs), not four round trips and four sets of
     * managed entities — request-service asks for them with every request (requestContext).
     */
    public Uni<List<ResourceRoleRef>> refs(UUID packageId) {
        return roleScopes.refsOfPackage(packageId).map(rows -> rows.stream()
                .map(r -> new ResourceRoleRef((UUID) r[0], (String) r[1], (String) r[2], (String) r[3], (UUID) r[4],
                        (String) r[5], (String) r[6]))
                .toList());
    }

    private Uni<List<ResourceRoleRef>> refs(List<ResourceRoleScope> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return roles.byIds(rows.stream().map(r -> r.roleId).distinct().toList()).chain(roleRows ->
                scopes.byIds(rows.stream().map(r -> r.scopeId).distinct().toList()).chain(scopeRows ->
                        resources.byIds(roleRows.stream().map(r -> r.resourceId).distinct().toList()).map(found -> {
                            Map<UUID, ResourceRole> roleById = index(roleRows, r -> r.id);
                            Map<UUID, ResourceScope> scopeById = index(scopeRows, s -> s.id);
                            Map<UUID, CatalogResource> resourceById = index(found, r -> r.id);
                            return rows.stream().map(row -> {
                                ResourceRole role = roleById.get(row.roleId);
                                return ref(role, scopeById.get(row.scopeId), resourceById.get(role.resourceId));
                            }).toList();
                        })));
    }

    private Uni<Void> announceAdded(UUID packageId, ResourceRole role, ResourceScope scope) {
        return resources.findById(role.resourceId).chain(resource -> outbox.publish(Topics.CATALOG_EVENTS,
                EventTypes.RESOURCE_ROLE_SCOPE_ADDED,
                packageId.toString(), new PackageResourceRoleChanged(packageId, ref(role, scope, resource))));
    }

    static ResourceRoleRef ref(ResourceRole role, ResourceScope scope, CatalogResource resource) {
        return new ResourceRoleRef(role.id, role.displayName, role.originId, role.originSystem, role.resourceId,
                resource == null ? null : resource.originId, scope == null ? null : scope.originId);
    }

    private static GraphException duplicate(String packageId, String id) {
        return GraphException.conflict("ResourceRoleScopeExists", "Access package '" + packageId
                + "' already has resource role scope '" + id + "'.");
    }

    private static <T> Map<UUID, T> index(List<T> rows, Function<T, UUID> key) {
        return rows.stream().collect(Collectors.toMap(key, row -> row, (a, b) -> a));
    }
}
