package dev.tessera.provisioning.group;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.platform.graph.GraphJson;
import dev.tessera.platform.graph.query.QueryOptions;
import dev.tessera.platform.graph.query.Page;
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

/** {@code /users/{id}/memberOf}: the groups a user is a member of, through any source. */
@Path("/v1.0/users")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class MemberOfApi {

    @Inject
    MembershipService service;

    @Inject
    GraphJson json;

    @GET
    @Path("{id}/memberOf")
    public Uni<ObjectNode> list(@PathParam("id") String id, @Context UriInfo uri) {
        QueryOptions options = QueryOptions.parse(uri.getQueryParameters());
        return service.memberOf(id, options.filter(), options.afterId(), options.top()).map(rows -> {
            Page<DirectoryGroup> page = Page.of(rows, options.top(), group -> group.id.toString());
            return json.collection(uri, DirectoryObjects.ENTITY_SET,
                    page.map(group -> DirectoryObjects.typed(json, GroupJson.ODATA_TYPE, GroupJson.of(group))).items(),
                    page.nextSkipToken(), options.select(), null);
        });
    }
}
