package dev.tessera.catalog.accesspackage;

import dev.tessera.catalog.resource.CatalogResource;
import dev.tessera.catalog.resource.ResourceJson;
import dev.tessera.catalog.resource.ResourceRole;
import dev.tessera.catalog.resource.ResourceScope;
import dev.tessera.platform.graph.GraphException;
import dev.tessera.platform.graph.Ids;
import dev.tessera.platform.messaging.Outbox;
import dev.tessera.platform.messaging.events.ResourceRoleRef;
import dev.tessera.platform.messaging.events.Topics;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The resource roles an access package grants. Only roles of resources in the package's own catalog
 * may be added; every change is announced on {@code tessera.catalog.events} so existing assignees
 * gain or lose the role.
 */
@ApplicationScoped
public class RoleScopeService {

    @Inject
    AccessPackageService packages;

    @Inject
    Outbox outbox;

    @Inject
    InstantSource clock;

    @WithTransaction
    public Uni<RoleScopeJson> add(String packageId, RoleScopeBody body) {
        if (body == null || body.role() == null || body.scope() == null) {
            throw GraphException.invalidField("role", "Properties 'role' and 'scope' are required.");
        }
        return packages.find(packageId).chain(accessPackage -> resolveRole(accessPackage, body.role())
                .chain(role -> resolveScope(accessPackage, role, body.scope()).chain(scope -> {
                    String id = role.id + "_" + scope.id;
                    return ResourceRoleScope.count("key.accessPackageId = ?1 and key.id = ?2", accessPackage.id, id)
                            .chain(existing -> {
                                if (existing > 0) {
                                    throw GraphException.conflict("Access package '" + packageId
                                            + "' already has resource role scope '" + id + "'.");
                                }
                                ResourceRoleScope roleScope = new ResourceRoleScope();
                                roleScope.key = new ResourceRoleScope.Key(accessPackage.id, id);
                                roleScope.roleId = role.id;
                                roleScope.scopeId = scope.id;
                                roleScope.createdAt = clock.instant();
                                return roleScope.persist()
                                        .chain(() -> announce(CatalogEvents.ROLE_SCOPE_ADDED, accessPackage, role, scope))
                                        .replaceWith(new RoleScopeJson(id, roleScope.createdAt,
                                                ResourceJson.Role.of(role, null), ResourceJson.Scope.of(scope, null)));
                            });
                })));
    }

    @WithTransaction
    public Uni<Void> remove(String packageId, String roleScopeId) {
        return packages.find(packageId).chain(accessPackage -> ResourceRoleScope.<ResourceRoleScope>find(
                        "key.accessPackageId = ?1 and key.id = ?2", accessPackage.id, roleScopeId).firstResult()
                .onItem().ifNull().failWith(() -> GraphException.notFound("Resource role scope '" + roleScopeId
                        + "' is not part of access package '" + packageId + "'."))
                .chain(roleScope -> ResourceRole.<ResourceRole>findById(roleScope.roleId)
                        .chain(role -> ResourceScope.<ResourceScope>findById(roleScope.scopeId)
                                .chain(scope -> roleScope.delete()
                                        .chain(() -> announce(CatalogEvents.ROLE_SCOPE_REMOVED, accessPackage, role,
                                                scope))))));
    }

    @WithSession
    public Uni<List<RoleScopeJson>> list(UUID packageId, boolean expand) {
        return ResourceRoleScope.<ResourceRoleScope>list("key.accessPackageId = ?1 order by createdAt", packageId)
                .chain(rows -> {
                    if (!expand || rows.isEmpty()) {
                        return Uni.createFrom().item(rows.stream()
                                .map(r -> new RoleScopeJson(r.key.id(), r.createdAt, null, null)).toList());
                    }
                    List<UUID> roleIds = rows.stream().map(r -> r.roleId).toList();
                    List<UUID> scopeIds = rows.stream().map(r -> r.scopeId).toList();
                    return ResourceRole.<ResourceRole>list("id in ?1", roleIds).chain(roles ->
                            ResourceScope.<ResourceScope>list("id in ?1", scopeIds).map(scopes -> {
                                Map<UUID, ResourceRole> roleById = roles.stream().collect(Collectors.toMap(r -> r.id, r -> r));
                                Map<UUID, ResourceScope> scopeById = scopes.stream().collect(Collectors.toMap(s -> s.id, s -> s));
                                List<RoleScopeJson> out = new ArrayList<>();
                                for (ResourceRoleScope row : rows) {
                                    out.add(new RoleScopeJson(row.key.id(), row.createdAt,
                                            ResourceJson.Role.of(roleById.get(row.roleId), null),
                                            ResourceJson.Scope.of(scopeById.get(row.scopeId), null)));
                                }
                                return out;
                            }));
                });
    }

    /** The package's resource roles as delivery needs them (the internal request context). */
    @WithSession
    public Uni<List<ResourceRoleRef>> refs(UUID packageId) {
        return ResourceRoleScope.<ResourceRoleScope>list("key.accessPackageId = ?1 order by createdAt", packageId)
                .chain(rows -> {
                    if (rows.isEmpty()) {
                        return Uni.createFrom().item(List.<ResourceRoleRef>of());
                    }
                    return ResourceRole.<ResourceRole>list("id in ?1", rows.stream().map(r -> r.roleId).toList())
                            .chain(roles -> ResourceScope.<ResourceScope>list("id in ?1",
                                    rows.stream().map(r -> r.scopeId).toList()).chain(scopes ->
                                    CatalogResource.<CatalogResource>list("id in ?1",
                                            roles.stream().map(r -> r.resourceId).distinct().toList()).map(resources -> {
                                                Map<UUID, ResourceRole> roleById = roles.stream()
                                                        .collect(Collectors.toMap(r -> r.id, r -> r));
                                                Map<UUID, ResourceScope> scopeById = scopes.stream()
                                                        .collect(Collectors.toMap(s -> s.id, s -> s));
                                                Map<UUID, CatalogResource> resourceById = resources.stream()
                                                        .collect(Collectors.toMap(r -> r.id, r -> r));
                                                return rows.stream().map(row -> {
                                                    ResourceRole role = roleById.get(row.roleId);
                                                    return ref(role, scopeById.get(row.scopeId),
                                                            resourceById.get(role.resourceId));
                                                }).toList();
                                            })));
                });
    }

    private Uni<Void> announce(String type, AccessPackage accessPackage, ResourceRole role, ResourceScope scope) {
        return CatalogResource.<CatalogResource>findById(role.resourceId).chain(resource ->
                outbox.publish(Topics.CATALOG_EVENTS, type, accessPackage.id.toString(),
                        new CatalogEvents.RoleScopeChanged(accessPackage.id, ref(role, scope, resource))));
    }

    static ResourceRoleRef ref(ResourceRole role, ResourceScope scope, CatalogResource resource) {
        return new ResourceRoleRef(role.id, role.displayName, role.originId, role.originSystem, role.resourceId,
                resource == null ? null : resource.originId, scope == null ? null : scope.originId);
    }

    private Uni<ResourceRole> resolveRole(AccessPackage accessPackage, RoleScopeBody.RoleRef ref) {
        Uni<ResourceRole> found;
        if (ref.id() != null) {
            found = ResourceRole.findById(Ids.parse(ref.id(), "role.id"));
        } else if (ref.originId() != null && ref.originSystem() != null) {
            String resourceId = ref.resource() == null ? null : ref.resource().id();
            found = resourceId == null
                    ? ResourceRole.find("catalogId = ?1 and originId = ?2 and lower(originSystem) = lower(?3)",
                            accessPackage.catalogId, ref.originId(), ref.originSystem()).firstResult()
                    : ResourceRole.find("catalogId = ?1 and originId = ?2 and lower(originSystem) = lower(?3) "
                            + "and resourceId = ?4", accessPackage.catalogId, ref.originId(), ref.originSystem(),
                            Ids.parse(resourceId, "role.resource.id")).firstResult();
        } else {
            throw GraphException.invalidField("role", "Give the role's 'id', or its 'originId' and 'originSystem'.");
        }
        return found.map(role -> {
            if (role == null || !role.catalogId.equals(accessPackage.catalogId)) {
                throw GraphException.invalidField("role", "The role is not a role of a resource in the access package's "
                        + "catalog '" + accessPackage.catalogId + "'.");
            }
            return role;
        });
    }

    private Uni<ResourceScope> resolveScope(AccessPackage accessPackage, ResourceRole role, RoleScopeBody.ScopeRef ref) {
        Uni<ResourceScope> found;
        if (ref.id() != null) {
            found = ResourceScope.findById(Ids.parse(ref.id(), "scope.id"));
        } else if (ref.originId() != null) {
            found = ResourceScope.find("resourceId = ?1 and originId = ?2", role.resourceId, ref.originId()).firstResult();
        } else {
            throw GraphException.invalidField("scope", "Give the scope's 'id', or its 'originId' and 'originSystem'.");
        }
        return found.map(scope -> {
            if (scope == null || !scope.resourceId.equals(role.resourceId)) {
                throw GraphException.invalidField("scope", "The scope is not a scope of the role's resource.");
            }
            return scope;
        });
    }
}
