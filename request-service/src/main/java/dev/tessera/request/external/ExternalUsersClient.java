package dev.tessera.request.external;

import dev.tessera.platform.graph.ServiceTokenHeaders;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;

/**
 * provisioning-service's {@code /internal/v1/externalUsers/{userId}}: it owns the users and acts on guests only
 * (a member is 409). A 404 or 409 fails as a WebApplicationException with that status; the caller decides what it means.
 */
@RegisterRestClient(configKey = "directory")
@RegisterClientHeaders(ServiceTokenHeaders.class)
@Path("/internal/v1/externalUsers/{userId}")
interface ExternalUsersClient {

    @POST
    @Path("blockSignIn")
    Uni<Void> blockSignIn(@PathParam("userId") String id);

    @POST
    @Path("unblockSignIn")
    Uni<Void> unblockSignIn(@PathParam("userId") String id);

    @DELETE
    Uni<Void> delete(@PathParam("userId") String id);
}
