package dev.tessera.request.external;

import dev.tessera.platform.graph.ServiceTokenHeaders;
import dev.tessera.request.catalog.CatalogRefused;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * catalog-service's Graph read of the settings, with the service token (which holds
 * EntitlementManagement.Read.All, all this read needs).
 */
@RegisterRestClient(configKey = "catalog")
@RegisterClientHeaders(ServiceTokenHeaders.class)
@Path("/v1.0/identityGovernance/entitlementManagement/settings")
interface SettingsClient {

    @GET
    Uni<LifecycleSettings> get();

    @ClientExceptionMapper
    static RuntimeException refused(Response response) {
        return CatalogRefused.of(response);
    }
}
