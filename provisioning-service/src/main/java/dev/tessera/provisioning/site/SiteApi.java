package dev.tessera.provisioning.site;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.platform.graph.GraphJson;
import dev.tessera.platform.graph.query.Page;
import dev.tessera.platform.graph.query.QueryOptions;
import dev.tessera.provisioning.DirectoryLists;
import dev.tessera.provisioning.group.DirectoryObjects;
import dev.tessera.provisioning.group.RefBody;
import dev.tessera.provisioning.user.UserJson;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * {@code /sites}: create, read, list and delete sites, and their roles with their members
 * ({@code roles/{roleId}/members/$ref}, a Tessera extension documented in docs/directory.md). One
 * class because REST matches one class per root path.
 */
@Path("/v1.0/sites")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
public class SiteApi {

    static final String ENTITY_SET = "sites";

    /** {@code $ref} as curl and the Graph SDKs send it, or percent-encoded as some HTTP clients do. */
    static final String REF = "{ref: \\$ref|%24ref}";

    @Inject
    SiteService service;

    @Inject
    SiteRoleMemberService members;

    @Inject
    GraphJson json;

    @POST
    public Uni<RestResponse<ObjectNode>> create(SiteBody body, @Context UriInfo uri) {
        return service.create(body).map(site -> RestResponse.status(Response.Status.CREATED,
                json.entity(uri, ENTITY_SET, SiteJson.of(site))));
    }

    @GET
    public Uni<ObjectNode> list(@Context UriInfo uri) {
        return DirectoryLists.<Site>list(json, uri, ENTITY_SET, service::count, service::page, row -> row.id.toString(), SiteJson::of);
    }

    @GET
    @Path("{id}")
    public Uni<ObjectNode> get(@PathParam("id") String id, @Context UriInfo uri) {
        QueryOptions options = QueryOptions.parse(uri.getQueryParameters());
        return service.get(id).map(site -> json.entity(uri, ENTITY_SET, SiteJson.of(site), options.select()));
    }

    @DELETE
    @Path("{id}")
    public Uni<Void> delete(@PathParam("id") String id) {
        return service.delete(id);
    }

    @GET
    @Path("{id}/roles")
    public Uni<ObjectNode> roles(@PathParam("id") String id, @Context UriInfo uri) {
        QueryOptions options = QueryOptions.parse(uri.getQueryParameters());
        return service.roles(id).map(roles -> json.collection(uri, rolesSet(id),
                roles.stream().map(SiteRoleJson::of).toList(), null, options.select(), null));
    }

    @GET
    @Path("{id}/roles/{roleId}")
    public Uni<ObjectNode> role(@PathParam("id") String id, @PathParam("roleId") String roleId,
            @Context UriInfo uri) {
        QueryOptions options = QueryOptions.parse(uri.getQueryParameters());
        return service.role(id, roleId)
                .map(role -> json.entity(uri, rolesSet(id), SiteRoleJson.of(role), options.select()));
    }

    @GET
    @Path("{id}/roles/{roleId}/members")
    public Uni<ObjectNode> members(@PathParam("id") String id, @PathParam("roleId") String roleId,
            @Context UriInfo uri) {
        QueryOptions options = QueryOptions.parse(uri.getQueryParameters());
        return members.users(id, roleId, options.filter(), options.afterId(), options.top()).map(rows -> {
            Page<UserJson> page = Page.of(rows, options.top(), user -> user.id().toString());
            return json.collection(uri, DirectoryObjects.ENTITY_SET,
                    page.map(user -> DirectoryObjects.typed(json, UserJson.ODATA_TYPE, user)).items(),
                    page.nextSkipToken(), options.select(), null);
        });
    }

    @POST
    @Path("{id}/roles/{roleId}/members/" + REF)
    public Uni<Void> addMember(@PathParam("id") String id, @PathParam("roleId") String roleId, RefBody body) {
        return members.add(id, roleId, body);
    }

    @DELETE
    @Path("{id}/roles/{roleId}/members/{memberId}/" + REF)
    public Uni<Void> removeMember(@PathParam("id") String id, @PathParam("roleId") String roleId,
            @PathParam("memberId") String memberId) {
        return members.remove(id, roleId, memberId);
    }

    private static String rolesSet(String id) {
        return ENTITY_SET + "('" + id + "')/roles";
    }
}
