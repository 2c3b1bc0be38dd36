package dev.tessera.provisioning.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.platform.graph.ServiceTokenHeaders;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** request-service's internal endpoint for lifecycle workflows' access-package tasks (service token only). */
@RegisterRestClient(configKey = "request")
@RegisterClientHeaders(ServiceTokenHeaders.class)
@Path("/internal/lifecycle/assignmentRequests")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface LifecycleRequestClient {

    /** The requests' answer: {@code {"requestIds": [...]}}; a refusal is a Graph error (4xx). */
    @POST
    Uni<JsonNode> create(JsonNode body);
}
