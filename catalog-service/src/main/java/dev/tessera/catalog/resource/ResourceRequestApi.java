package dev.tessera.catalog.resource;

import dev.tessera.platform.graph.Caller;
import dev.tessera.platform.graph.GraphJson;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** {@code /resourceRequests}: how resources enter and leave catalogs. */
@Path("/v1.0/identityGovernance/entitlementManagement/resourceRequests")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class ResourceRequestApi {

    @Inject
    ResourceRequestService requests;

    @Inject
    Caller caller;

    @Inject
    GraphJson json;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> create(ResourceRequestBody body, @Context UriInfo uri) {
        caller.requireEntitlementAdmin();
        return requests.submit(body, caller.rawToken()).map(request -> Response.status(201)
                .entity(json.entity(uri, "identityGovernance/entitlementManagement/resourceRequests",
                        ResourceRequestJson.of(request)))
                .build());
    }
}
