package dev.tessera.catalog.internal;

import dev.tessera.catalog.accesspackage.AccessPackageRepository;
import dev.tessera.catalog.role.CatalogAccess;
import dev.tessera.catalog.role.CatalogAction;
import dev.tessera.platform.graph.Caller;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * For request-service's lists: the packages whose assignments the caller (the token's user) may
 * manage and read, see {@link ManagedAccessPackages}. Not a Graph API: the gateway does
 * not route {@code /internal}.
 */
@Path("/internal/v1/managedAccessPackages")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class ManagedAccessPackagesApi {

    @Inject
    Caller caller;

    @Inject
    CatalogAccess access;

    @Inject
    AccessPackageRepository packages;

    @GET
    public Uni<ManagedAccessPackages> mine() {
        if (caller.isEntitlementAdmin()) {
            return Uni.createFrom().item(new ManagedAccessPackages(true, List.of(), List.of()));
        }
        // every catalog role reads (CatalogPermissions), so the readable packages include the managed ones
        return access.roles().chain(roles -> packages.inCatalogs(roles.catalogsAllowing(CatalogAction.READ))
                .map(readable -> {
                    Set<UUID> managing = Set.copyOf(roles.catalogsAllowing(CatalogAction.MANAGE_ASSIGNMENTS));
                    return new ManagedAccessPackages(false,
                            readable.stream().filter(p -> managing.contains(p.catalogId)).map(p -> p.id.toString()).toList(),
                            readable.stream().map(p -> p.id.toString()).toList());
                }));
    }
}
