package dev.tessera.catalog.extension;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.catalog.role.CatalogAccess;
import dev.tessera.catalog.role.CatalogAction;
import dev.tessera.platform.graph.GraphJson;
import dev.tessera.platform.graph.Ids;
import dev.tessera.platform.graph.query.QueryOptions;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * {@code catalogs/{id}/customWorkflowExtensions}: catalog owners and EM administrators write, everyone
 * who may read the catalog reads.
 */
@Path("/v1.0/identityGovernance/entitlementManagement/catalogs/{catalogId}/customWorkflowExtensions")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class CustomWorkflowExtensionApi {

    @Inject
    CustomWorkflowExtensionService extensions;

    @Inject
    CatalogAccess access;

    @Inject
    GraphJson json;

    @GET
    public Uni<ObjectNode> list(@PathParam("catalogId") String catalogId, @Context UriInfo uri) {
        QueryOptions options = QueryOptions.parse(uri.getQueryParameters());
        UUID catalog = Ids.pathId(catalogId, "a catalog");
        return access.require(catalog, CatalogAction.READ).chain(() -> extensions.list(catalog, options))
                .map(page -> json.collection(uri, entitySet(catalogId), page.items(), page.nextSkipToken(),
                        options.select(), page.count()));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<ObjectNode>> create(@PathParam("catalogId") String catalogId, ExtensionBody body,
            @Context UriInfo uri) {
        UUID catalog = Ids.pathId(catalogId, "a catalog");
        return access.require(catalog, CatalogAction.EDIT_CATALOG).chain(() -> extensions.create(catalog, body))
                .map(created -> RestResponse.status(Response.Status.CREATED,
                        json.entity(uri, entitySet(catalogId), created)));
    }

    @GET
    @Path("{customWorkflowExtensionId}")
    public Uni<ObjectNode> get(@PathParam("catalogId") String catalogId,
            @PathParam("customWorkflowExtensionId") String id,
            @Context UriInfo uri) {
        QueryOptions options = QueryOptions.parse(uri.getQueryParameters());
        UUID catalog = Ids.pathId(catalogId, "a catalog");
        UUID extension = Ids.pathId(id, "a custom workflow extension");
        return access.require(catalog, CatalogAction.READ).chain(() -> extensions.get(catalog, extension))
                .map(found -> json.entity(uri, entitySet(catalogId), found, options.select()));
    }

    @PUT
    @Path("{customWorkflowExtensionId}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<ObjectNode> replace(@PathParam("catalogId") String catalogId,
            @PathParam("customWorkflowExtensionId") String id,
            ExtensionBody body, @Context UriInfo uri) {
        UUID catalog = Ids.pathId(catalogId, "a catalog");
        UUID extension = Ids.pathId(id, "a custom workflow extension");
        return access.require(catalog, CatalogAction.EDIT_CATALOG)
                .chain(() -> extensions.replace(catalog, extension, body))
                .map(saved -> json.entity(uri, entitySet(catalogId), saved));
    }

    @DELETE
    @Path("{customWorkflowExtensionId}")
    public Uni<RestResponse<Void>> delete(@PathParam("catalogId") String catalogId,
            @PathParam("customWorkflowExtensionId") String id) {
        UUID catalog = Ids.pathId(catalogId, "a catalog");
        UUID extension = Ids.pathId(id, "a custom workflow extension");
        return access.require(catalog, CatalogAction.EDIT_CATALOG).chain(() -> extensions.delete(catalog, extension))
                .map(done -> RestResponse.noContent());
    }

    private static String entitySet(String catalogId) {
        return "identityGovernance/entitlementManagement/catalogs('" + catalogId + "')/customWorkflowExtensions";
    }
}
