package dev.tessera.pim.directory;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** provisioning-service's Graph directory API; used only through {@link AdministrativeUnits}. */
@RegisterRestClient(configKey = "directory")
@Path("/v1.0/directory/administrativeUnits")
@Produces(MediaType.APPLICATION_JSON)
interface DirectoryClient {

    @GET
    @Path("{id}")
    Uni<JsonNode> administrativeUnit(@PathParam("id") String id, @HeaderParam("Authorization") String authorization);
}
