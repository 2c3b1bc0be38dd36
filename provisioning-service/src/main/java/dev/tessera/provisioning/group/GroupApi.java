package dev.tessera.provisioning.group;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.platform.graph.GraphJson;
import dev.tessera.platform.graph.query.QueryOptions;
import dev.tessera.provisioning.DirectoryLists;
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

/** {@code /groups}: create, read, list, update and delete groups. Members and owners: {@link MembershipApi}. */
@Path("/v1.0/groups")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
public class GroupApi {

    static final String ENTITY_SET = "groups";

    @Inject
    GroupService service;

    @Inject
    GraphJson json;

    @POST
    public Uni<RestResponse<ObjectNode>> create(GroupBody body, @Context UriInfo uri) {
        return service.create(body).map(group -> RestResponse.status(Response.Status.CREATED,
                json.entity(uri, ENTITY_SET, GroupJson.of(group))));
    }

    @GET
    public Uni<ObjectNode> list(@Context UriInfo uri) {
        return DirectoryLists.<DirectoryGroup>list(json, uri, ENTITY_SET, service::count, service::page, row -> row.id.toString(), GroupJson::of);
    }

    @GET
    @Path("{id}")
    public Uni<ObjectNode> get(@PathParam("id") String id, @Context UriInfo uri) {
        QueryOptions options = QueryOptions.parse(uri.getQueryParameters());
        return service.get(id).map(group -> json.entity(uri, ENTITY_SET, GroupJson.of(group), options.select()));
    }

    @PATCH
    @Path("{id}")
    public Uni<Void> update(@PathParam("id") String id, GroupBody body) {
        return service.update(id, body);
    }

    @DELETE
    @Path("{id}")
    public Uni<Void> delete(@PathParam("id") String id) {
        return service.delete(id);
    }
}
