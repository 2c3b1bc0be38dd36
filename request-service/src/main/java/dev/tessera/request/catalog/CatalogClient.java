package dev.tessera.request.catalog;

import dev.tessera.platform.graph.ServiceTokenHeaders;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

@RegisterRestClient(configKey = "catalog")
@RegisterClientHeaders(ServiceTokenHeaders.class)
@Path("/internal/v1")
interface CatalogClient {

    @GET
    @Path("accessPackages/{id}/requestContext")
    Uni<RequestContext> requestContext(@PathParam("id") String accessPackageId,
            @QueryParam("principalId") String principalId);

    @GET
    @Path("managedAccessPackages")
    Uni<ManagedAccessPackages> managedAccessPackages(@QueryParam("principalId") String principalId);

    @ClientExceptionMapper
    static RuntimeException refused(Response response) {
        return CatalogRefused.of(response);
    }
}
