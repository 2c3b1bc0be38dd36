package dev.tessera.catalog.resource;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.catalog.role.CatalogAccess;
import dev.tessera.catalog.role.CatalogAction;
import dev.tessera.platform.graph.Expandable;
import dev.tessera.platform.graph.Ids;
import dev.tessera.platform.graph.GraphJson;
import dev.tessera.platform.graph.query.QueryOptions;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

/** {@code /catalogs/{id}/resources} and {@code /catalogs/{id}/resourceRoles}. */
@Path("/v1.0/identityGovernance/entitlementManagement/catalogs/{catalogId}")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class CatalogResourceApi {

    static final String CATALOGS = "identityGovernance/entitlementManagement/catalogs";

    @Inject
    CatalogResourceService resources;

    @Inject
    GraphJson json;

    @Inject
    CatalogAccess access;

    @GET
    @Path("resources")
    @Expandable(type = "accessPackageResource", value = {"roles", "scopes"})
    public Uni<ObjectNode> resources(@PathParam("catalogId") String catalogId, @Context UriInfo uri) {
        QueryOptions options = QueryOptions.parse(uri.getQueryParameters());
        return access.require(Ids.pathId(catalogId, "a catalog"), CatalogAction.READ)
                .chain(() -> resources.resources(catalogId, options)).map(page -> json.collection(uri,
                CATALOGS + "('" + catalogId + "')/resources", page.items(), page.nextSkipToken(), options.select(),
                page.count()));
    }

    @GET
    @Path("resourceRoles")
    @Expandable(type = "accessPackageResourceRole", value = {"resource"})
    public Uni<ObjectNode> roles(@PathParam("catalogId") String catalogId, @Context UriInfo uri) {
        QueryOptions options = QueryOptions.parse(uri.getQueryParameters());
        return access.require(Ids.pathId(catalogId, "a catalog"), CatalogAction.READ)
                .chain(() -> resources.roles(catalogId, options)).map(page -> json.collection(uri,
                CATALOGS + "('" + catalogId + "')/resourceRoles", page.items(), page.nextSkipToken(),
                options.select(), page.count()));
    }
}
