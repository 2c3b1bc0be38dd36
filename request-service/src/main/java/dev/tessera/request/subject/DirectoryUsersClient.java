package dev.tessera.request.subject;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** provisioning-service's user list, asked for the user with a given mail. */
@RegisterRestClient(configKey = "directory")
@Path("/v1.0/users")
interface DirectoryUsersClient {

    @GET
    Uni<JsonNode> list(@QueryParam("$filter") String filter, @QueryParam("$top") int top,
            @HeaderParam("Authorization") String authorization);
}
