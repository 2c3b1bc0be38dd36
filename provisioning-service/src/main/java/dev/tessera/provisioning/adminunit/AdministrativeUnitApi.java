package dev.tessera.provisioning.adminunit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.platform.graph.GraphException;
import dev.tessera.platform.graph.GraphJson;
import dev.tessera.platform.graph.query.Page;
import dev.tessera.platform.graph.query.QueryOptions;
import dev.tessera.provisioning.DirectoryLists;
import dev.tessera.provisioning.group.DirectoryObjects;
import dev.tessera.provisioning.group.GroupJson;
import dev.tessera.provisioning.group.RefBody;
import dev.tessera.provisioning.user.UserJson;
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

/**
 * {@code /directory/administrativeUnits}: create, read, list, update and delete units, and their
 * members by {@code $ref}. One class because REST matches one class per root path.
 */
@Path("/v1.0/directory/administrativeUnits")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
public class AdministrativeUnitApi {

    static final String ENTITY_SET = "directory/administrativeUnits";

    /** {@code $ref} as curl and the Graph SDKs send it, or percent-encoded as some HTTP clients do. */
    static final String REF = "{ref: \\$ref|%24ref}";

    @Inject
    AdministrativeUnitService service;

    @Inject
    GraphJson json;

    @POST
    public Uni<RestResponse<ObjectNode>> create(AdministrativeUnitBody body, @Context UriInfo uri) {
        return service.create(body).map(unit -> RestResponse.status(Response.Status.CREATED,
                json.entity(uri, ENTITY_SET, AdministrativeUnitJson.of(unit))));
    }

    @GET
    public Uni<ObjectNode> list(@Context UriInfo uri) {
        return DirectoryLists.<AdministrativeUnit>list(json, uri, ENTITY_SET, service::count, service::page, row -> row.id.toString(), AdministrativeUnitJson::of);
    }

    @GET
    @Path("{id}")
    public Uni<ObjectNode> get(@PathParam("id") String id, @Context UriInfo uri) {
        QueryOptions options = QueryOptions.parse(uri.getQueryParameters());
        return service.get(id)
                .map(unit -> json.entity(uri, ENTITY_SET, AdministrativeUnitJson.of(unit), options.select()));
    }

    @PATCH
    @Path("{id}")
    public Uni<Void> update(@PathParam("id") String id, AdministrativeUnitBody body) {
        return service.update(id, body);
    }

    @DELETE
    @Path("{id}")
    public Uni<Void> delete(@PathParam("id") String id) {
        return service.delete(id);
    }

    /** Users and groups together, each with its {@code @odata.type}; no {@code $filter} across the two types. */
    @GET
    @Path("{id}/members")
    public Uni<ObjectNode> members(@PathParam("id") String id, @Context UriInfo uri) {
        QueryOptions options = QueryOptions.parse(uri.getQueryParameters());
        if (options.filter().isPresent()) {
            throw GraphException.badRequest("$filter is not supported on the members of an administrative unit.");
        }
        return service.members(id, options.afterId(), options.top()).map(rows -> {
            Page<UnitMember> page = Page.of(rows, options.top(), member -> member.id().toString());
            return json.collection(uri, DirectoryObjects.ENTITY_SET, page.map(this::typed).items(),
                    page.nextSkipToken(), options.select(), null);
        });
    }

    @POST
    @Path("{id}/members/" + REF)
    public Uni<Void> addMember(@PathParam("id") String id, RefBody body) {
        return service.addMember(id, body);
    }

    @DELETE
    @Path("{id}/members/{memberId}/" + REF)
    public Uni<Void> removeMember(@PathParam("id") String id, @PathParam("memberId") String memberId) {
        return service.removeMember(id, memberId);
    }

    private ObjectNode typed(UnitMember member) {
        return member.user() != null
                ? DirectoryObjects.typed(json, UserJson.ODATA_TYPE, member.user())
                : DirectoryObjects.typed(json, GroupJson.ODATA_TYPE, GroupJson.of(member.group()));
    }
}
