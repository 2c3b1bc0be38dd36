package dev.tessera.pim.directory;

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

/** provisioning-service's Graph directory API; used only through {@link AdministrativeUnits} and {@link Directory}. */
@RegisterRestClient(configKey = "directory")
@RegisterClientHeaders(ServiceTokenHeaders.class)
@Path("/v1.0")
@Produces(MediaType.APPLICATION_JSON)
interface DirectoryClient {

    @GET
    @Path("directory/administrativeUnits/{id}")
    Uni<JsonNode> administrativeUnit(@PathParam("id") String id);

    @GET
    @Path("users/{id}")
    Uni<JsonNode> user(@PathParam("id") String id);

    @GET
    @Path("groups/{id}")
    Uni<JsonNode> group(@PathParam("id") String id);

    @GET
    @Path("groups/{id}/members")
    Uni<JsonNode> members(@PathParam("id") String id, @QueryParam("$top") int top,
            @QueryParam("$skiptoken") String skipToken);

    @GET
    @Path("servicePrincipals/{id}")
    Uni<JsonNode> servicePrincipal(@PathParam("id") String id);

    @GET
    @Path("users/{id}/memberOf")
    Uni<JsonNode> memberOf(@PathParam("id") String id, @QueryParam("$top") int top);
}
