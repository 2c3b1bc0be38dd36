package dev.tessera.request.directory;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.platform.graph.ServiceTokenHeaders;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

@RegisterRestClient(configKey = "directory")
@RegisterClientHeaders(ServiceTokenHeaders.class)
@Path("/v1.0")
interface DirectoryClient {

    @GET
    @Path("users/{id}")
    Uni<JsonNode> user(@PathParam("id") String id);

    @GET
    @Path("users/{id}/manager")
    Uni<JsonNode> manager(@PathParam("id") String id);

    @GET
    @Path("groups/{id}/members")
    Uni<JsonNode> members(@PathParam("id") String id, @QueryParam("$top") int top);

    @GET
    @Path("users/{id}/memberOf")
    Uni<JsonNode> memberOf(@PathParam("id") String id, @QueryParam("$top") int top);
}
