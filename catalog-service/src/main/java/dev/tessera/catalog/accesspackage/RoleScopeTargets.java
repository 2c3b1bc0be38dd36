package dev.tessera.catalog.accesspackage;

import dev.tessera.catalog.resource.OriginSystems;
import dev.tessera.catalog.resource.ResourceRole;
import dev.tessera.catalog.resource.ResourceRoleRepository;
import dev.tessera.catalog.resource.ResourceScope;
import dev.tessera.catalog.resource.ResourceScopeRepository;
import dev.tessera.platform.graph.GraphException;
import dev.tessera.platform.graph.Ids;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;

/**
 * Finds the role and scope a resourceRoleScope body refers to, by id or by origin, and refuses any
 * that is not of a resource in the access package's own catalog.
 */
@ApplicationScoped
class RoleScopeTargets {

    @Inject
    ResourceRoleRepository roles;

    @Inject
    ResourceScopeRepository scopes;

    Uni<ResourceRole> role(AccessPackage accessPackage, RoleScopeBody.RoleRef ref) {
        if (ref.id() != null) {
            UUID roleId = Ids.parse(ref.id(), "role.id");
            return roles.findById(roleId).map(role -> {
                if (role == null || !role.catalogId.equals(accessPackage.catalogId)) {
                    throw GraphException.invalidField("role.id", "Role '" + roleId + "' is not a role of a resource "
                            + "in catalog '" + accessPackage.catalogId + "' of the access package.");
                }
                return role;
            });
        }
        if (ref.originId() == null || ref.originId().isBlank()) {
            throw GraphException.invalidField("role", "Give the role's 'id', or its 'originId' and 'originSystem'.");
        }
        if (ref.originSystem() == null || ref.originSystem().isBlank()) {
            throw GraphException.invalidField("role.originSystem", "Property 'role.originSystem' is required "
                    + "when the role is given by 'originId'.");
        }
        String system = OriginSystems.canonical(ref.originSystem()).orElse(ref.originSystem().trim());
        UUID resourceId = ref.resource() == null || ref.resource().id() == null ? null
                : Ids.parse(ref.resource().id(), "role.resource.id");
        return roles.byOrigin(accessPackage.catalogId, system, ref.originId().trim(), resourceId).map(found -> {
            if (found.isEmpty()) {
                throw GraphException.invalidField("role", "No " + system + " role '" + ref.originId()
                        + "' in catalog '" + accessPackage.catalogId + "' of the access package.");
            }
            if (found.size() > 1) {
                throw GraphException.invalidField("role.resource.id", "Role '" + ref.originId() + "' exists on "
                        + "several resources of the catalog; give 'role.resource.id'.");
            }
            return found.get(0);
        });
    }

    /** The scope must be one of the role's own resource. */
    Uni<ResourceScope> scope(ResourceRole role, RoleScopeBody.ScopeRef ref) {
        if (ref.id() != null) {
            UUID scopeId = Ids.parse(ref.id(), "scope.id");
            return scopes.findById(scopeId).map(scope -> {
                if (scope == null || !scope.resourceId.equals(role.resourceId)) {
                    throw GraphException.invalidField("scope.id", "Scope '" + scopeId + "' is not a scope of the "
                            + "role's resource '" + role.resourceId + "'.");
                }
                return scope;
            });
        }
        Uni<ResourceScope> found;
        if (ref.originId() != null && !ref.originId().isBlank()) {
            found = scopes.byOrigin(role.resourceId, ref.originId().trim())
                    .map(list -> list.isEmpty() ? null : list.get(0));
        } else if (Boolean.TRUE.equals(ref.isRootScope())) {
            found = scopes.rootOf(role.resourceId);
        } else {
            throw GraphException.invalidField("scope", "Give the scope's 'id', or its 'originId' and 'originSystem'.");
        }
        return found.onItem().ifNull().failWith(() -> GraphException.invalidField("scope",
                "The scope is not a scope of the role's resource '" + role.resourceId + "'."));
    }
}
