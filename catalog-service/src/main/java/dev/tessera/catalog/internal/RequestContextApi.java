package dev.tessera.catalog.internal;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * For request-service's request path (one call per request): a package, its policies with questions
 * and its resource roles. Not a Graph API: the gateway does not route {@code /internal}. Any
 * authenticated caller may read it, since request-service calls it with the requestor's token.
 */
@Path("/internal/v1/accessPackages")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class RequestContextApi {

    @Inject
    RequestContextService contexts;

    @GET
    @Path("{accessPackageId}/requestContext")
    public Uni<RequestContext> requestContext(@PathParam("accessPackageId") String accessPackageId) {
        return contexts.of(accessPackageId);
    }
}
