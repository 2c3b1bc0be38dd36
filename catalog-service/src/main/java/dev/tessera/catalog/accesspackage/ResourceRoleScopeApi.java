package dev.tessera.catalog.accesspackage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.catalog.role.CatalogAccess;
import dev.tessera.catalog.role.CatalogAction;
import dev.tessera.platform.graph.Expandable;
import dev.tessera.platform.graph.GraphJson;
import dev.tessera.platform.graph.query.QueryOptions;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.RestResponse;

/** {@code /accessPackages/{id}/resourceRoleScopes}: the resource roles a package grants. */
@Path("/v1.0/identityGovernance/entitlementManagement/accessPackages/{accessPackageId}/resourceRoleScopes")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class ResourceRoleScopeApi {

    @Inject
    RoleScopeService roleScopes;

    @Inject
    GraphJson json;

    @Inject
    CatalogAccess access;

    @GET
    @Expandable(type = "accessPackageResourceRoleScope", value = {"role", "scope"})
    public Uni<ObjectNode> list(@PathParam("accessPackageId") String packageId, @Context UriInfo uri) {
        QueryOptions options = QueryOptions.parse(uri.getQueryParameters());
        return access.requireForPackage(packageId, CatalogAction.READ).chain(() -> roleScopes.list(packageId, options)).map(items -> json.collection(uri, entitySet(packageId), items,
                null, options.select(), options.count() ? (long) items.size() : null));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<ObjectNode>> add(@PathParam("accessPackageId") String packageId, RoleScopeBody body,
            @Context UriInfo uri) {
        return access.requireForPackage(packageId, CatalogAction.MANAGE_PACKAGES)
                .chain(() -> roleScopes.add(packageId, body)).map(created -> RestResponse.status(Response.Status.CREATED,
                json.entity(uri, entitySet(packageId), created)));
    }

    @DELETE
    @Path("{roleScopeId}")
    public Uni<RestResponse<Void>> remove(@PathParam("accessPackageId") String packageId,
            @PathParam("roleScopeId") String roleScopeId) {
        return access.requireForPackage(packageId, CatalogAction.MANAGE_PACKAGES)
                .chain(() -> roleScopes.remove(packageId, roleScopeId)).map(done -> RestResponse.noContent());
    }

    private static String entitySet(String packageId) {
        return AccessPackageApi.ENTITY_SET + "('" + packageId + "')/resourceRoleScopes";
    }
}
