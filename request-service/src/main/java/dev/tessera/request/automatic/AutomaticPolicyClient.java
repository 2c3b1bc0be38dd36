package dev.tessera.request.automatic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.platform.graph.ServiceTokenHeaders;
import dev.tessera.request.catalog.CatalogRefused;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** catalog-service's internal list of auto-assignment policies; used only through {@link AutomaticPolicies}. */
@RegisterRestClient(configKey = "catalog")
@RegisterClientHeaders(ServiceTokenHeaders.class)
@Path("/internal/v1/automaticPolicies")
interface AutomaticPolicyClient {

    @GET
    Uni<List<JsonNode>> list();

    @ClientExceptionMapper
    static RuntimeException refused(Response response) {
        return CatalogRefused.of(response);
    }
}
