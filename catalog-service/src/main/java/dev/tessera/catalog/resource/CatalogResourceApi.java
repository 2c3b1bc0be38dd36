package dev.tessera.catalog.resource;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.catalog.catalog.CatalogService;
import dev.tessera.platform.graph.Caller;
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

    @Inject
    CatalogService catalogs;

    @Inject
    CatalogResourceService resources;

    @Inject
    Caller caller;

    @Inject
    GraphJson json;

    @GET
    @Path("resources")
    public Uni<ObjectNode> resources(@PathParam("catalogId") String catalogId, @Context UriInfo uri) {
        caller.requireEntitlementReader();
        QueryOptions options = QueryOptions.parse(uri.getQueryParameters());
        return catalogs.find(catalogId).chain(catalog -> resources.resources(catalog.id, options))
                .map(page -> json.collection(uri, "identityGovernance/entitlementManagement/catalogs('" + catalogId
                        + "')/resources", page.items(), page.nextSkipToken(), options.select(), null));
    }

    @GET
    @Path("resourceRoles")
    public Uni<ObjectNode> roles(@PathParam("catalogId") String catalogId, @Context UriInfo uri) {
        caller.requireEntitlementReader();
        QueryOptions options = QueryOptions.parse(uri.getQueryParameters());
        return catalogs.find(catalogId).chain(catalog -> resources.roles(catalog.id, options))
                .map(page -> json.collection(uri, "identityGovernance/entitlementManagement/catalogs('" + catalogId
                        + "')/resourceRoles", page.items(), page.nextSkipToken(), options.select(), null));
    }
}
