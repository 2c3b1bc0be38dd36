package dev.tessera.catalog.resource;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.platform.graph.ServiceTokenHeaders;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** provisioning-service's Graph directory API; used only through {@link OriginObjects} and {@link Requestors}. */
@RegisterRestClient(configKey = "directory")
@RegisterClientHeaders(ServiceTokenHeaders.class)
@Path("/v1.0")
@Produces(MediaType.APPLICATION_JSON)
interface DirectoryClient {

    @GET
    @Path("groups/{id}")
    Uni<JsonNode> group(@PathParam("id") String id);

    /** The group's owners, filtered ({@code id eq '…'}) to ask whether one user is among them. */
    @GET
    @Path("groups/{id}/owners")
    Uni<JsonNode> groupOwners(@PathParam("id") String id, @QueryParam("$filter") String filter,
            @QueryParam("$select") String select);

    @GET
    @Path("users/{id}")
    Uni<JsonNode> user(@PathParam("id") String id);

    @GET
    @Path("users/{id}/memberOf")
    Uni<JsonNode> memberOf(@PathParam("id") String id, @QueryParam("$top") int top);

    @GET
    @Path("servicePrincipals/{id}")
    Uni<JsonNode> servicePrincipal(@PathParam("id") String id);

    @GET
    @Path("servicePrincipals/{id}/owners")
    Uni<JsonNode> servicePrincipalOwners(@PathParam("id") String id, @QueryParam("$filter") String filter,
            @QueryParam("$select") String select);

    /** Sites are found by their URL: {@code $filter=webUrl eq '…'}. */
    @GET
    @Path("sites")
    Uni<JsonNode> sites(@QueryParam("$filter") String filter);

    @GET
    @Path("sites/{id}/roles")
    Uni<JsonNode> siteRoles(@PathParam("id") String id);

    @GET
    @Path("sites/{id}/roles/{roleId}/members")
    Uni<JsonNode> siteRoleMembers(@PathParam("id") String id, @PathParam("roleId") String roleId,
            @QueryParam("$filter") String filter, @QueryParam("$select") String select);
}
