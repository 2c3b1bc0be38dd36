package dev.tessera.provisioning.application;

import com.fasterxml.jackson.databind.node.ObjectNode;
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

/** {@code /users/{id}/appRoleAssignments}: the app roles a user holds. */
@Path("/v1.0/users")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class AppRoleAssignmentsApi {

    @Inject
    AppRoleAssignmentService service;

    @Inject
    GraphJson json;

    @GET
    @Path("{id}/appRoleAssignments")
    public Uni<ObjectNode> ofUser(@PathParam("id") String id, @Context UriInfo uri) {
        QueryOptions options = QueryOptions.parse(uri.getQueryParameters());
        return service.ofUser(id, options.filter(), options.afterId(), options.top())
                .map(rows -> AppRoleAssignmentPages.collection(json, uri, "users('" + id + "')/appRoleAssignments",
                        rows, options));
    }
}
