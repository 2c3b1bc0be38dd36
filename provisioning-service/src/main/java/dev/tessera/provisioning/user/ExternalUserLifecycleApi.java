package dev.tessera.provisioning.user;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * For request-service's external-user lifecycle (entitlementManagement/settings): block a guest's
 * sign-in, unblock it, delete the guest. Not a Graph API: the gateway and the Ingress do not route
 * {@code /internal}, which admits only the service token (GraphPermissionFilter). Guests only: a member
 * (or a user of any other type) is 409 and unchanged; an unknown id is 404. Each answers 204 and may be
 * repeated (a blocked guest blocked again changes and announces nothing).
 */
@Path("/internal/v1/externalUsers/{userId}")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class ExternalUserLifecycleApi {

    @Inject
    ExternalUsers users;

    @POST
    @Path("blockSignIn")
    public Uni<Void> blockSignIn(@PathParam("userId") String id) {
        return users.setSignInBlocked(id, true);
    }

    @POST
    @Path("unblockSignIn")
    public Uni<Void> unblockSignIn(@PathParam("userId") String id) {
        return users.setSignInBlocked(id, false);
    }

    @DELETE
    public Uni<Void> delete(@PathParam("userId") String id) {
        return users.delete(id);
    }
}
