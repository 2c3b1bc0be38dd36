package dev.tessera.catalog.internal;

import dev.tessera.catalog.incompatible.Incompatibilities;
import dev.tessera.catalog.accesspackage.AccessPackageService;
import dev.tessera.catalog.accesspackage.RoleScopeService;
import dev.tessera.catalog.extension.StageSettings;
import dev.tessera.catalog.policy.PolicyService;
import dev.tessera.catalog.resource.CatalogResourceRepository;
import dev.tessera.platform.messaging.events.ResourceRoleRef;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import dev.tessera.catalog.role.CatalogAccess;
import dev.tessera.catalog.role.CatalogAction;
import dev.tessera.catalog.role.CatalogPermissions;
import dev.tessera.catalog.role.EmRole;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Assembles the {@link RequestContext} of an access package (404 if there is no such package). */
@ApplicationScoped
public class RequestContextService {

    @Inject
    AccessPackageService packages;

    @Inject
    PolicyService policies;

    @Inject
    RoleScopeService roleScopes;

    @Inject
    Incompatibilities incompatibilities;

    @Inject
    CatalogAccess access;

    @Inject
    CatalogResourceRepository resources;

    @Inject
    StageSettings stageSettings;

    /**
     * The package's context with the catalog roles of {@code user} in it (the user a service asks on
     * behalf of), or alone when {@code user} is null.
     */
    public Uni<RequestContext> of(String accessPackageId, UUID user) {
        return of(accessPackageId, user, user != null);
    }

    /** The package's context alone, for work no user asked for (automatic assignment): no caller roles. */
    public Uni<RequestContext> withoutCaller(String accessPackageId) {
        return of(accessPackageId, null, false);
    }

    private Uni<RequestContext> of(String accessPackageId, UUID user, boolean forCaller) {
        return packages.require(accessPackageId).chain(p -> policies.ofPackages(List.of(p.id), true)
                .chain(policyList -> roleScopes.refs(p.id)
                        .chain(roles -> attributesOf(roles).chain(attributes -> incompatibilities.forRequests(p.id)
                                .chain(incompatible -> (forCaller ? rolesOf(user, p.catalogId)
                                        : Uni.createFrom().item(Set.<EmRole>of())).map(held -> new RequestContext(
                                        new RequestContext.AccessPackage(p.id.toString(), p.displayName,
                                                p.description, p.hidden, p.catalogId.toString()),
                                        policyList, roles, incompatible,
                                        held.stream().map(r -> r.id().toString()).toList(),
                                        forCaller && callerMay(held, CatalogAction.MANAGE_ASSIGNMENTS),
                                        forCaller && callerMay(held, CatalogAction.READ), attributes, List.of())))))))
                .chain(context -> stageSettings.bound(context.policies().stream()
                        .flatMap(policy -> policy.customExtensionStageSettings() == null ? java.util.stream.Stream.empty()
                                : policy.customExtensionStageSettings().stream()).toList())
                        .map(extensions -> new RequestContext(context.accessPackage(), context.policies(),
                                context.resourceRoles(), context.incompatible(), context.callerCatalogRoles(),
                                context.callerManagesAssignments(), context.callerReadsAssignments(),
                                context.resourceAttributes(), extensions)));
    }

    /** The resources of these roles that have attributes, once each. */
    private Uni<List<RequestContext.ResourceAttributes>> attributesOf(List<ResourceRoleRef> roles) {
        return resources.byIds(roles.stream().map(ResourceRoleRef::resourceId).distinct().toList())
                .map(rows -> rows.stream()
                        .filter(r -> r.attributes != null && !r.attributes.isBlank() && !"[]".equals(r.attributes))
                        .sorted(java.util.Comparator.comparing(r -> r.id))
                        .map(r -> new RequestContext.ResourceAttributes(r.id.toString(), r.displayName, r.attributes))
                        .toList());
    }

    /**
     * The same decision as {@link CatalogAccess#require} and {@code managedAccessPackages}: one table,
     * by catalog roles alone (the user's tenant-wide roles are in their token, judged by the asking service).
     */
    private static boolean callerMay(Set<EmRole> held, CatalogAction action) {
        return CatalogPermissions.allows(false, false, held, action);
    }

    private Uni<Set<EmRole>> rolesOf(UUID user, UUID catalogId) {
        return access.catalogRolesOf(user).map(roles -> roles.in(catalogId));
    }
}
