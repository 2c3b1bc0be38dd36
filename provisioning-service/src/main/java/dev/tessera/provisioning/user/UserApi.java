package dev.tessera.provisioning.user;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.platform.graph.GraphJson;
import dev.tessera.platform.graph.query.QueryOptions;
import dev.tessera.provisioning.DirectoryLists;
import dev.tessera.provisioning.group.DirectoryObjects;
import dev.tessera.provisioning.group.RefBody;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.RestResponse;

/** {@code /users}: create, read (by id or userPrincipalName), list, update and delete users. */
@Path("/v1.0/users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
public class UserApi {

    static final String ENTITY_SET = "users";

    @Inject
    UserService service;

    @Inject
    GraphJson json;

    @POST
    public Uni<RestResponse<ObjectNode>> create(UserBody body, @Context UriInfo uri) {
        return service.create(body).map(user -> RestResponse.status(Response.Status.CREATED,
                json.entity(uri, ENTITY_SET, UserJson.of(user))));
    }

    @GET
    public Uni<ObjectNode> list(@Context UriInfo uri) {
        return DirectoryLists.<UserJson>list(json, uri, ENTITY_SET, service::count, service::page, row -> row.id().toString(), row -> row);
    }

    @GET
    @Path("{id}")
    public Uni<ObjectNode> get(@PathParam("id") String id, @Context UriInfo uri) {
        QueryOptions options = QueryOptions.parse(uri.getQueryParameters());
        return service.get(id).map(user -> json.entity(uri, ENTITY_SET, user, options.select()));
    }

    @GET
    @Path("{id}/manager")
    public Uni<ObjectNode> manager(@PathParam("id") String id, @Context UriInfo uri) {
        QueryOptions options = QueryOptions.parse(uri.getQueryParameters());
        return service.manager(id).map(manager -> json.entity(uri, DirectoryObjects.ENTITY_SET, DirectoryObjects.typed(json, UserJson.ODATA_TYPE, manager),
                options.select()));
    }

    @PUT
    @Path("{id}/manager/{ref: \\$ref|%24ref}")
    public Uni<Void> setManager(@PathParam("id") String id, RefBody body) {
        return service.setManager(id, body);
    }

    @DELETE
    @Path("{id}/manager/{ref: \\$ref|%24ref}")
    public Uni<Void> removeManager(@PathParam("id") String id) {
        return service.removeManager(id);
    }

    @PATCH
    @Path("{id}")
    public Uni<Void> update(@PathParam("id") String id, UserBody body) {
        return service.update(id, body);
    }

    @DELETE
    @Path("{id}")
    public Uni<Void> delete(@PathParam("id") String id) {
        return service.delete(id);
    }
}
