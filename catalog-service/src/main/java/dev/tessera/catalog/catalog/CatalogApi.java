package dev.tessera.catalog.catalog;

import dev.tessera.catalog.role.CatalogAccess;
import dev.tessera.catalog.role.CatalogAction;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.platform.graph.Caller;
import dev.tessera.platform.graph.Expandable;
import dev.tessera.platform.graph.GraphJson;
import dev.tessera.platform.graph.Ids;
import dev.tessera.platform.graph.query.QueryOptions;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.RestResponse;

/** {@code /identityGovernance/entitlementManagement/catalogs}. */
@Path("/v1.0/identityGovernance/entitlementManagement/catalogs")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class CatalogApi {

    static final String ENTITY_SET = "identityGovernance/entitlementManagement/catalogs";

    @Inject
    CatalogService catalogs;

    @Inject
    Caller caller;

    @Inject
    GraphJson json;

    @Inject
    CatalogAccess access;

    @GET
    @Expandable(type = "accessPackageCatalog", value = {"accessPackages"})
    public Uni<ObjectNode> list(@Context UriInfo uri) {
        QueryOptions options = QueryOptions.parse(uri.getQueryParameters());
        return access.readScope().chain(readers -> catalogs.list(options, readers)).map(page -> json.collection(uri, ENTITY_SET, page.items(),
                page.nextSkipToken(), options.select(), page.count()));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<ObjectNode>> create(CatalogBody body, @Context UriInfo uri) {
        return access.requireCatalogCreator()
                .chain(becomesOwner -> catalogs.create(body, becomesOwner ? caller.objectId() : null)).map(catalog -> RestResponse.status(Response.Status.CREATED,
                json.entity(uri, ENTITY_SET, CatalogJson.of(catalog))));
    }

    @GET
    @Path("{id}")
    @Expandable(type = "accessPackageCatalog", value = {"accessPackages"})
    public Uni<ObjectNode> get(@PathParam("id") String id, @Context UriInfo uri) {
        QueryOptions options = QueryOptions.parse(uri.getQueryParameters());
        return access.require(Ids.pathId(id, "a catalog"), CatalogAction.READ).chain(() -> catalogs.get(id, options)).map(catalog -> json.entity(uri, ENTITY_SET, catalog, options.select()));
    }

    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<Void>> update(@PathParam("id") String id, CatalogBody body) {
        return access.require(Ids.pathId(id, "a catalog"), CatalogAction.EDIT_CATALOG)
                .chain(() -> catalogs.update(id, body)).map(done -> RestResponse.noContent());
    }

    @DELETE
    @Path("{id}")
    public Uni<RestResponse<Void>> delete(@PathParam("id") String id) {
        return access.require(Ids.pathId(id, "a catalog"), CatalogAction.EDIT_CATALOG)
                .chain(() -> catalogs.delete(id)).map(done -> RestResponse.noContent());
    }
}
