package dev.tessera.catalog.internal;

import dev.tessera.platform.graph.Ids;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * For request-service's request path (one call per request): a package, its policies with questions
 * and its resource roles, and with {@code ?principalId=} the catalog roles of the user request-service
 * asks for. Not a Graph API: the gateway does not route {@code /internal}, and only a service token
 * is admitted (GraphPermissionFilter); request-service has authorized its user already.
 */
@Path("/internal/v1/accessPackages")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class RequestContextApi {

    @Inject
    RequestContextService contexts;

    @GET
    @Path("{accessPackageId}/requestContext")
    public Uni<RequestContext> requestContext(@PathParam("accessPackageId") String accessPackageId,
            @QueryParam("principalId") String principalId) {
        return contexts.of(accessPackageId, principalId == null ? null : Ids.parse(principalId, "principalId"));
    }
}
