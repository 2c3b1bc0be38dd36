package dev.tessera.catalog.role;

import dev.tessera.catalog.Expansions;
import dev.tessera.catalog.Listing;
import dev.tessera.catalog.catalog.CatalogRepository;
import dev.tessera.catalog.resource.DirectoryPrincipals;
import dev.tessera.platform.graph.Caller;
import dev.tessera.platform.graph.DatabaseErrors;
import dev.tessera.platform.graph.Deletes;
import dev.tessera.platform.graph.GraphException;
import dev.tessera.platform.graph.Ids;
import dev.tessera.platform.graph.RemoteErrors;
import dev.tessera.platform.graph.query.QueryOptions;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Entitlement-management role assignments. EM administrators manage all of them; a Catalog owner
 * those of their own catalog. Catalog creator is tenant-wide and only administrators assign it.
 * Removing a catalog's last owner is allowed: administrators can always manage the catalog.
 */
@ApplicationScoped
public class RoleAssignmentService {

    @Inject
    RoleAssignmentRepository assignments;

    @Inject
    CatalogRepository catalogs;

    @Inject
    CatalogAccess access;

    @Inject
    DirectoryPrincipals principals;

    @Inject
    Caller caller;

    @Inject
    InstantSource clock;

    /** A validated create: the role, the principal and the catalog (null for Catalog creator). */
    private record Wanted(EmRole role, UUID principalId, UUID catalogId) {
    }

    /**
     * Authorized before the body is read: a caller who may assign no role anywhere is refused (403)
     * whatever they send, and learns nothing from validation; one who may assign in some catalog gets
     * the 400s of a bad body, then a 403 for a catalog (or the tenant-wide role) not theirs.
     */
    public Uni<RoleAssignment> create(RoleAssignmentBody body) {
        return catalogsWhereCallerManagesRoles().map(mayManage -> {
            Wanted wanted = validate(body);
            if (wanted.catalogId() == null && !caller.isEntitlementAdmin()) {
                throw creatorOnlyByAdmins();
            }
            if (wanted.catalogId() != null && !mayManage.test(wanted.catalogId())) {
                throw CatalogAccess.denied(CatalogAction.MANAGE_ROLES);
            }
            return wanted;
        }).chain(this::assign);
    }

    private Uni<RoleAssignment> assign(Wanted wanted) {
        return principals.typeOf(wanted.principalId())
                .onFailure().transform(e -> RemoteErrors.asGraphError(e, "directory",
                        "principal '" + wanted.principalId() + "'"))
                .map(type -> type.orElseThrow(() -> GraphException.invalidField("principalId", "Principal '"
                        + wanted.principalId() + "' is not a user or group in the directory.")))
                .chain(type -> Panache.withTransaction(() -> persist(wanted, type)))
                .onFailure(DatabaseErrors::isUniqueViolation).transform(e -> new GraphException(409,
                        "RoleAssignmentExists", "Principal '" + wanted.principalId() + "' already holds role '"
                                + wanted.role().displayName() + "' at this scope."));
    }

    /**
     * In which catalogs the caller may manage roles (every one for an EM administrator, from the token);
     * 403 when in none: such a caller may assign nothing at all.
     */
    private Uni<Predicate<UUID>> catalogsWhereCallerManagesRoles() {
        if (caller.isEntitlementAdmin()) {
            return Uni.createFrom().item(catalogId -> true);
        }
        return access.roles().map(roles -> {
            if (roles.catalogsAllowing(CatalogAction.MANAGE_ROLES).isEmpty()) {
                throw CatalogAccess.denied(CatalogAction.MANAGE_ROLES);
            }
            return catalogId -> roles.allows(catalogId, CatalogAction.MANAGE_ROLES);
        });
    }

    public Uni<Listing<RoleAssignmentJson>> list(QueryOptions options) {
        Expansions.allow(options, "unifiedRoleAssignment", "roleDefinition", "principal");
        boolean role = options.expands("roleDefinition").isPresent();
        boolean principal = options.expands("principal").isPresent();
        return access.readScope().chain(scope -> Listing.of(options, filter -> assignments.count(filter, scope),
                (filter, after, top) -> assignments.page(filter, scope, after, top), a -> a.id.toString(),
                rows -> Uni.createFrom().item(rows.stream().map(a -> RoleAssignmentJson.of(a, role, principal))
                        .toList())));
    }

    public Uni<RoleAssignmentJson> get(String id, QueryOptions options) {
        Expansions.allow(options, "unifiedRoleAssignment", "roleDefinition", "principal");
        return require(id).call(this::requireVisible).map(a -> RoleAssignmentJson.of(a,
                options.expands("roleDefinition").isPresent(), options.expands("principal").isPresent()));
    }

    public Uni<Void> delete(String id) {
        return require(id).call(a -> a.catalogId == null ? requireAdmin()
                : access.require(a.catalogId, CatalogAction.MANAGE_ROLES))
                .chain(a -> Panache.withTransaction(() -> Deletes.one(assignments.delete("id", a.id),
                        () -> notFound(id))));
    }

    private Uni<RoleAssignment> require(String id) {
        UUID assignmentId = Ids.pathId(id, "a role assignment");
        return assignments.findById(assignmentId).onItem().ifNull().failWith(() -> notFound(id));
    }

    private static GraphException notFound(String id) {
        return GraphException.notFound("Role assignment '" + id + "' was not found.");
    }

    /** Readers see all; others their own assignments and those of catalogs they hold a role in. */
    private Uni<Void> requireVisible(RoleAssignment a) {
        if (a.catalogId != null) {
            return access.require(a.catalogId, CatalogAction.READ);
        }
        if (caller.isEntitlementReader() || a.principalId.equals(caller.objectId())) {
            return Uni.createFrom().voidItem();
        }
        return access.principals().invoke(mine -> {
            if (!mine.contains(a.principalId)) {
                throw CatalogAccess.denied(CatalogAction.READ);
            }
        }).replaceWithVoid();
    }

    private Uni<Void> requireAdmin() {
        if (!caller.isEntitlementAdmin()) {
            return Uni.createFrom().failure(creatorOnlyByAdmins());
        }
        return Uni.createFrom().voidItem();
    }

    private static GraphException creatorOnlyByAdmins() {
        return GraphException.forbidden(
                "Only an Identity Governance Administrator may manage the tenant-wide Catalog creator role.");
    }

    private Uni<RoleAssignment> persist(Wanted wanted, String principalType) {
        Uni<Void> catalogExists = wanted.catalogId() == null ? Uni.createFrom().voidItem()
                : catalogs.findById(wanted.catalogId()).onItem().ifNull().failWith(() -> GraphException.invalidField(
                        "appScopeId", "Catalog '" + wanted.catalogId() + "' was not found.")).replaceWithVoid();
        return catalogExists.chain(() -> {
            RoleAssignment a = new RoleAssignment();
            a.id = UUID.randomUUID();
            a.principalId = wanted.principalId();
            a.principalType = principalType;
            a.roleDefinitionId = wanted.role().id();
            a.catalogId = wanted.catalogId();
            a.appScopeId = wanted.catalogId() == null ? null : RoleAssignment.catalogScope(wanted.catalogId());
            a.directoryScopeId = wanted.catalogId() == null ? RoleAssignment.TENANT_SCOPE : null;
            a.createdAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
            return assignments.persist(a);
        });
    }

    /** Everything a body can get wrong on its own, as 400s that name the property. */
    static Wanted validate(RoleAssignmentBody body) {
        if (body == null) {
            throw GraphException.badRequest("A request body is required.");
        }
        UUID roleId = Ids.parse(body.roleDefinitionId(), "roleDefinitionId");
        EmRole role = EmRole.byId(roleId).orElseThrow(() -> GraphException.invalidField("roleDefinitionId",
                "'" + roleId + "' is not an entitlement-management role definition; see "
                        + "/roleManagement/entitlementManagement/roleDefinitions."));
        UUID principalId = Ids.parse(body.principalId(), "principalId");
        String appScope = blankToNull(body.appScopeId());
        String directoryScope = blankToNull(body.directoryScopeId());
        if (!role.catalogScoped()) {
            if (appScope != null) {
                throw GraphException.invalidField("appScopeId", "Role '" + role.displayName() + "' is tenant-wide: "
                        + "give directoryScopeId '/' and no appScopeId.");
            }
            if (directoryScope != null && !directoryScope.equals(RoleAssignment.TENANT_SCOPE)) {
                throw GraphException.invalidField("directoryScopeId", "Role '" + role.displayName()
                        + "' is tenant-wide: directoryScopeId must be '/'.");
            }
            return new Wanted(role, principalId, null);
        }
        if (directoryScope != null) {
            throw GraphException.invalidField("directoryScopeId", "Role '" + role.displayName() + "' is held in a "
                    + "catalog: give appScopeId '/AccessPackageCatalog/{catalogId}' and no directoryScopeId.");
        }
        return new Wanted(role, principalId, catalogOf(appScope, role));
    }

    private static UUID catalogOf(String appScope, EmRole role) {
        String prefix = RoleAssignment.CATALOG_SCOPE_PREFIX.toLowerCase(Locale.ROOT);
        if (appScope == null || !appScope.toLowerCase(Locale.ROOT).startsWith(prefix)
                || !Ids.isGuid(appScope.substring(prefix.length()))) {
            throw GraphException.invalidField("appScopeId", "Role '" + role.displayName() + "' is held in a catalog: "
                    + "appScopeId must be '/AccessPackageCatalog/{catalogId}'"
                    + (appScope == null ? "." : ", not '" + appScope + "'."));
        }
        return UUID.fromString(appScope.substring(prefix.length()));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
