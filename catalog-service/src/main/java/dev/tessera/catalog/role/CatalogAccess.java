package dev.tessera.catalog.role;

import dev.tessera.catalog.accesspackage.AccessPackageRepository;
import dev.tessera.catalog.policy.AssignmentPolicyRepository;
import dev.tessera.catalog.resource.Requestors;
import dev.tessera.platform.graph.Caller;
import dev.tessera.platform.graph.GraphException;
import dev.tessera.platform.graph.Ids;
import dev.tessera.platform.graph.RemoteErrors;
import dev.tessera.platform.graph.query.Keyset;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Who may do what in which catalog: the one place catalog-scoped calls ask. Tenant-wide EM
 * administrators and readers (from the token) are answered at once; anyone else by the EM roles
 * they hold — directly, or through a group when any group holds one — and {@link CatalogPermissions}.
 * A refusal is a 403 {@code accessDenied}.
 */
@ApplicationScoped
public class CatalogAccess {

    @Inject
    Caller caller;

    @Inject
    RoleAssignmentRepository assignments;

    @Inject
    AccessPackageRepository packages;

    @Inject
    AssignmentPolicyRepository policies;

    @Inject
    Requestors directory;

    /** The caller's EM roles: tenant-wide ones and, per catalog, the catalog-scoped ones. */
    public record CallerRoles(boolean entitlementAdmin, boolean entitlementReader, boolean catalogCreator,
            Map<UUID, Set<EmRole>> byCatalog) {

        public Set<EmRole> in(UUID catalogId) {
            return byCatalog.getOrDefault(catalogId, Set.of());
        }

        public boolean allows(UUID catalogId, CatalogAction action) {
            return CatalogPermissions.allows(entitlementAdmin, entitlementReader, in(catalogId), action);
        }

        /** The catalogs where the roles allow the action (tenant-wide roles aside). */
        public List<UUID> catalogsAllowing(CatalogAction action) {
            return byCatalog.entrySet().stream().filter(e -> CatalogPermissions.allows(e.getValue(), action))
                    .map(Map.Entry::getKey).toList();
        }
    }

    /** The caller's principals: themselves and, only when some group holds an EM role, their groups. */
    public Uni<List<UUID>> principals() {
        return principalsOf(caller.objectId());
    }

    /** A user's principals: themselves and, only when some group holds an EM role, their groups. */
    private Uni<List<UUID>> principalsOf(UUID me) {
        return assignments.anyHeldByGroups().chain(any -> {
            if (!any) {
                return Uni.createFrom().item(List.of(me));
            }
            return directory.find(me, true)
                    .onFailure().transform(e -> RemoteErrors.asGraphError(e, "directory", "the caller's groups"))
                    .map(found -> {
                        List<UUID> ids = new ArrayList<>(List.of(me));
                        found.ifPresent(r -> r.groupIds().stream().filter(Ids::isGuid).map(UUID::fromString)
                                .forEach(ids::add));
                        return ids;
                    });
        });
    }

    public Uni<CallerRoles> roles() {
        return roles(caller.objectId(), caller.isEntitlementAdmin(), caller.isEntitlementReader());
    }

    /**
     * The EM roles a user holds in catalogs (directly or through their groups), for a service asking on
     * their behalf (request-service's requestContext and managedAccessPackages): their tenant-wide
     * roles come with their token, which only the asking service has, so they are not in it.
     */
    public Uni<CallerRoles> catalogRolesOf(UUID user) {
        return roles(user, false, false);
    }

    private Uni<CallerRoles> roles(UUID user, boolean admin, boolean reader) {
        return principalsOf(user).chain(assignments::heldBy).map(held -> {
            Map<UUID, Set<EmRole>> byCatalog = new HashMap<>();
            boolean creator = false;
            for (RoleAssignment assignment : held) {
                Optional<EmRole> role = EmRole.byId(assignment.roleDefinitionId);
                if (role.isEmpty()) {
                    continue;
                }
                if (assignment.catalogId == null) {
                    creator |= role.get() == EmRole.CATALOG_CREATOR;
                } else {
                    byCatalog.computeIfAbsent(assignment.catalogId, k -> EnumSet.noneOf(EmRole.class)).add(role.get());
                }
            }
            return new CallerRoles(admin, reader, creator, byCatalog);
        });
    }

    /** Refuses (403) unless the caller may do the action in the catalog. */
    public Uni<Void> require(UUID catalogId, CatalogAction action) {
        if (fromTokenAlone(action)) {
            return Uni.createFrom().voidItem();
        }
        return roles().invoke(roles -> {
            if (!roles.allows(catalogId, action)) {
                throw denied(action);
            }
        }).replaceWithVoid();
    }

    /** Same, for the catalog of an access package (404 when there is no such package). */
    public Uni<Void> requireForPackage(String packageId, CatalogAction action) {
        if (fromTokenAlone(action)) {
            return Uni.createFrom().voidItem();
        }
        UUID id = Ids.pathId(packageId, "an access package");
        return packages.findById(id).onItem().ifNull()
                .failWith(() -> GraphException.notFound("Access package '" + packageId + "' was not found."))
                .chain(p -> require(p.catalogId, action));
    }

    /** Same, for a package named in a body: an unknown one is a 400 that names the property. */
    public Uni<Void> requireForPackageRef(String packageId, String field, CatalogAction action) {
        if (fromTokenAlone(action)) {
            return Uni.createFrom().voidItem();
        }
        return packages.findById(Ids.parse(packageId, field)).onItem().ifNull()
                .failWith(() -> GraphException.invalidField(field, "Access package '" + packageId + "' was not found."))
                .chain(p -> require(p.catalogId, action));
    }

    /** Same, for the catalog of an assignment policy (404 when there is no such policy). */
    public Uni<Void> requireForPolicy(String policyId, CatalogAction action) {
        if (fromTokenAlone(action)) {
            return Uni.createFrom().voidItem();
        }
        UUID id = Ids.pathId(policyId, "an assignment policy");
        return policies.findById(id).onItem().ifNull()
                .failWith(() -> GraphException.notFound("Assignment policy '" + policyId + "' was not found."))
                .chain(p -> require(p.catalogId, action));
    }

    /**
     * What a list may show the caller: empty when everything (EM administrators and readers), else
     * the caller's principals, whose catalogs' rows alone are shown (every catalog role may read).
     */
    public Uni<Optional<List<UUID>>> readScope() {
        if (fromTokenAlone(CatalogAction.READ)) {
            return Uni.createFrom().item(Optional.empty());
        }
        return principals().map(Optional::of);
    }

    /**
     * Refuses (403) unless the caller may create catalogs. Answers whether the caller becomes the
     * new catalog's owner: a Catalog creator does; an EM administrator needs no role to manage it.
     */
    public Uni<Boolean> requireCatalogCreator() {
        if (caller.isEntitlementAdmin()) {
            return Uni.createFrom().item(false);
        }
        return roles().map(roles -> {
            if (!roles.catalogCreator()) {
                throw GraphException.forbidden("Only an Identity Governance Administrator or a Catalog creator may "
                        + "create catalogs.");
            }
            return true;
        });
    }

    /**
     * Limits a list query to the catalogs the principals hold a role in ({@link #readScope}); every
     * catalog role may read, so any assignment in a catalog opens it. Empty: no limit.
     */
    public static Keyset restrict(Keyset keyset, String catalogIdPath, Optional<List<UUID>> principals) {
        principals.ifPresent(ids -> keyset.inSubquery(catalogIdPath,
                "select r.catalogId from RoleAssignment r where r.catalogId is not null and r.principalId in ?", ids));
        return keyset;
    }

    private boolean fromTokenAlone(CatalogAction action) {
        return caller.isEntitlementAdmin() || (action == CatalogAction.READ && caller.isEntitlementReader());
    }

    static GraphException denied(CatalogAction action) {
        String what = switch (action) {
            case READ -> "read this catalog";
            case EDIT_CATALOG -> "change or delete this catalog";
            case MANAGE_RESOURCES -> "change this catalog's resources";
            case MANAGE_PACKAGES -> "manage this catalog's access packages and policies";
            case MANAGE_ASSIGNMENTS -> "manage the assignments of this catalog's access packages";
            case MANAGE_ROLES -> "manage the roles of this catalog";
        };
        return GraphException.forbidden("The caller has no role that allows them to " + what + ".");
    }
}
