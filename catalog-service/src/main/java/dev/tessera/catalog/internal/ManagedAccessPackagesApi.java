package dev.tessera.catalog.internal;

import dev.tessera.catalog.accesspackage.AccessPackageRepository;
import dev.tessera.catalog.role.CatalogAccess;
import dev.tessera.catalog.role.CatalogAction;
import dev.tessera.platform.graph.GraphException;
import dev.tessera.platform.graph.Ids;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Set;
import java.util.UUID;

/**
 * For request-service's lists: the packages whose assignments a user ({@code ?principalId=}, the one
 * request-service asks for) may manage and read through their catalog roles, see
 * {@link ManagedAccessPackages}; their tenant-wide roles come with their token, which request-service
 * judges itself. Not a Graph API: the gateway does not route {@code /internal}, and only a service
 * token is admitted (GraphPermissionFilter).
 */
@Path("/internal/v1/managedAccessPackages")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class ManagedAccessPackagesApi {

    @Inject
    CatalogAccess access;

    @Inject
    AccessPackageRepository packages;

    @GET
    public Uni<ManagedAccessPackages> of(@QueryParam("principalId") String principalId) {
        if (principalId == null) {
            throw GraphException.invalidField("principalId", "Give the user whose packages are asked for: principalId.");
        }
        UUID user = Ids.parse(principalId, "principalId");
        // every catalog role reads (CatalogPermissions), so the readable packages include the managed ones
        return access.catalogRolesOf(user).chain(roles -> packages.inCatalogs(roles.catalogsAllowing(CatalogAction.READ))
                .map(readable -> {
                    Set<UUID> managing = Set.copyOf(roles.catalogsAllowing(CatalogAction.MANAGE_ASSIGNMENTS));
                    return new ManagedAccessPackages(
                            readable.stream().filter(p -> managing.contains(p.catalogId)).map(p -> p.id.toString()).toList(),
                            readable.stream().map(p -> p.id.toString()).toList());
                }));
    }
}
