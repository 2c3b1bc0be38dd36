package dev.tessera.catalog.resource;

import dev.tessera.catalog.role.CatalogAccess;
import dev.tessera.catalog.role.CatalogAction;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.platform.graph.Caller;
import dev.tessera.platform.graph.GraphJson;
import dev.tessera.platform.graph.Ids;
import dev.tessera.platform.graph.query.QueryOptions;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestResponse;

/** {@code /identityGovernance/entitlementManagement/resourceRequests}. */
@Path("/v1.0/identityGovernance/entitlementManagement/resourceRequests")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class ResourceRequestApi {

    static final String ENTITY_SET = "identityGovernance/entitlementManagement/resourceRequests";

    @Inject
    ResourceRequestService requests;

    @Inject
    Caller caller;

    @Inject
    GraphJson json;

    @Inject
    CatalogAccess access;

    @GET
    public Uni<ObjectNode> list(@Context UriInfo uri) {
        QueryOptions options = QueryOptions.parse(uri.getQueryParameters());
        return access.readScope().chain(readers -> requests.list(options, readers)).map(page -> json.collection(uri, ENTITY_SET, page.items(),
                page.nextSkipToken(), options.select(), page.count()));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<ObjectNode>> create(ResourceRequestBody body, @Context UriInfo uri) {
        // the catalog named decides who may ask; without one only an administrator gets the service's 400
        String catalogId = body == null || body.catalog() == null ? null : body.catalog().id();
        Uni<Void> allowed;
        if (catalogId == null || !Ids.isGuid(catalogId.trim())) {
            caller.requireEntitlementAdmin();
            allowed = Uni.createFrom().voidItem();
        } else {
            allowed = access.require(UUID.fromString(catalogId.trim()), CatalogAction.MANAGE_RESOURCES);
        }
        return allowed.chain(() -> requests.submit(body)).map(request -> RestResponse.status(Response.Status.CREATED,
                json.entity(uri, ENTITY_SET, ResourceRequestJson.of(request))));
    }
}
