package dev.tessera.request.subject;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.platform.graph.ServiceTokenHeaders;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** provisioning-service's user list, asked for the user with a given mail. */
@RegisterRestClient(configKey = "directory")
@RegisterClientHeaders(ServiceTokenHeaders.class)
@Path("/v1.0/users")
interface DirectoryUsersClient {

    @GET
    Uni<JsonNode> list(@QueryParam("$filter") String filter, @QueryParam("$top") int top);
}
