package dev.tessera.request.catalog;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

@RegisterRestClient(configKey = "catalog")
@Path("/internal/v1")
interface CatalogClient {

    @GET
    @Path("accessPackages/{id}/requestContext")
    Uni<RequestContext> requestContext(@PathParam("id") String accessPackageId,
            @HeaderParam("Authorization") String authorization);

    @GET
    @Path("managedAccessPackages")
    Uni<ManagedAccessPackages> managedAccessPackages(@HeaderParam("Authorization") String authorization);

    @ClientExceptionMapper
    static RuntimeException refused(Response response) {
        return CatalogRefused.of(response);
    }
}
