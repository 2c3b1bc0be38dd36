package dev.tessera.catalog.directory;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

@RegisterRestClient(configKey = "directory")
@Path("/v1.0")
interface DirectoryClient {

    @GET
    @Path("groups/{id}")
    Uni<JsonNode> group(@PathParam("id") String id, @HeaderParam("Authorization") String authorization);
}
