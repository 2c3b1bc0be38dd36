package dev.tessera.catalog.resource;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.platform.graph.ServiceTokenHeaders;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** pim-service's role definitions; used only through {@link OriginObjects}. */
@RegisterRestClient(configKey = "pim")
@RegisterClientHeaders(ServiceTokenHeaders.class)
@Path("/v1.0/roleManagement/directory/roleDefinitions")
@Produces(MediaType.APPLICATION_JSON)
interface PimClient {

    @GET
    @Path("{id}")
    Uni<JsonNode> roleDefinition(@PathParam("id") String id);
}
