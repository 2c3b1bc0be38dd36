package dev.tessera.request.automatic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.request.catalog.CatalogRefused;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** catalog-service's internal list of auto-assignment policies; used only through {@link AutomaticPolicies}. */
@RegisterRestClient(configKey = "catalog")
@Path("/internal/v1/automaticPolicies")
interface AutomaticPolicyClient {

    /** {@code authorization}: the service token's header; no user's token exists on a directory event. */
    @GET
    Uni<List<JsonNode>> list(@HeaderParam("Authorization") String authorization);

    @ClientExceptionMapper
    static RuntimeException refused(Response response) {
        return CatalogRefused.of(response);
    }
}
