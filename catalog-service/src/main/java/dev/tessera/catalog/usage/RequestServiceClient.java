package dev.tessera.catalog.usage;

import dev.tessera.platform.graph.ServiceTokenHeaders;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** request-service's internal usage counts; used only through {@link Usage}. */
@RegisterRestClient(configKey = "request")
@RegisterClientHeaders(ServiceTokenHeaders.class)
@Path("/internal/v1/usage")
@Produces(MediaType.APPLICATION_JSON)
interface RequestServiceClient {

    @GET
    Uni<Usage.Counts> usage(@QueryParam("accessPackageId") String accessPackageId,
            @QueryParam("assignmentPolicyId") String assignmentPolicyId);
}
