package dev.tessera.provisioning.application;

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
 * {@code /servicePrincipals}: create, read, list, update and delete applications with their app
 * roles, {@code appRoleAssignedTo}: who holds those roles, and {@code owners} (list, add and remove
 * by {@code $ref}). One class because REST matches one class per root path.
 */
@Path("/v1.0/servicePrincipals")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
public class ServicePrincipalApi {

    static final String ENTITY_SET = "servicePrincipals";

    /** {@code $ref} as curl and the Graph SDKs send it, or percent-encoded as some HTTP clients do. */
    static final String REF = "{ref: \\$ref|%24ref}";

    @Inject
    ServicePrincipalService service;

    @Inject
    AppRoleAssignmentService assignments;

    @Inject
    ServicePrincipalOwnerService owners;

    @Inject
    GraphJson json;

    @POST
    public Uni<RestResponse<ObjectNode>> create(ServicePrincipalBody body, @Context UriInfo uri) {
        return service.create(body).map(created -> RestResponse.status(Response.Status.CREATED,
                json.entity(uri, ENTITY_SET, created.json())));
    }

    @GET
    public Uni<ObjectNode> list(@Context UriInfo uri) {
        return DirectoryLists.<ServicePrincipalView>list(json, uri, ENTITY_SET, service::count, service::page, row -> row.principal().id.toString(), ServicePrincipalView::json);
    }

    @GET
    @Path("{id}")
    public Uni<ObjectNode> get(@PathParam("id") String id, @Context UriInfo uri) {
        QueryOptions options = QueryOptions.parse(uri.getQueryParameters());
        return service.get(id).map(found -> json.entity(uri, ENTITY_SET, found.json(), options.select()));
    }

    @PATCH
    @Path("{id}")
    public Uni<Void> update(@PathParam("id") String id, ServicePrincipalBody body) {
        return service.update(id, body);
    }

    @DELETE
    @Path("{id}")
    public Uni<Void> delete(@PathParam("id") String id) {
        return service.delete(id);
    }

    @GET
    @Path("{id}/appRoleAssignedTo")
    public Uni<ObjectNode> assignedTo(@PathParam("id") String id, @Context UriInfo uri) {
        QueryOptions options = QueryOptions.parse(uri.getQueryParameters());
        return assignments.assignedTo(id, options.filter(), options.afterId(), options.top())
                .map(rows -> AppRoleAssignmentPages.collection(json, uri, assignedToSet(id), rows, options));
    }

    @POST
    @Path("{id}/appRoleAssignedTo")
    public Uni<RestResponse<ObjectNode>> assign(@PathParam("id") String id, AppRoleAssignmentBody body,
            @Context UriInfo uri) {
        return assignments.assign(id, body).map(created -> RestResponse.status(Response.Status.CREATED,
                json.entity(uri, assignedToSet(id), AppRoleAssignmentJson.of(created))));
    }

    @DELETE
    @Path("{id}/appRoleAssignedTo/{assignmentId}")
    public Uni<Void> unassign(@PathParam("id") String id, @PathParam("assignmentId") String assignmentId) {
        return assignments.unassign(id, assignmentId);
    }

    @GET
    @Path("{id}/owners")
    public Uni<ObjectNode> owners(@PathParam("id") String id, @Context UriInfo uri) {
        QueryOptions options = QueryOptions.parse(uri.getQueryParameters());
        return owners.users(id, options.filter(), options.afterId(), options.top()).map(rows -> {
            Page<UserJson> page = Page.of(rows, options.top(), user -> user.id().toString());
            return json.collection(uri, DirectoryObjects.ENTITY_SET,
                    page.map(user -> DirectoryObjects.typed(json, UserJson.ODATA_TYPE, user)).items(),
                    page.nextSkipToken(), options.select(), null);
        });
    }

    @POST
    @Path("{id}/owners/" + REF)
    public Uni<Void> addOwner(@PathParam("id") String id, RefBody body) {
        return owners.add(id, body);
    }

    @DELETE
    @Path("{id}/owners/{ownerId}/" + REF)
    public Uni<Void> removeOwner(@PathParam("id") String id, @PathParam("ownerId") String ownerId) {
        return owners.remove(id, ownerId);
    }

    private static String assignedToSet(String id) {
        return ENTITY_SET + "('" + id + "')/appRoleAssignedTo";
    }
}
