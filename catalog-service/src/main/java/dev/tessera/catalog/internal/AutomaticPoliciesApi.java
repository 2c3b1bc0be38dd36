package dev.tessera.catalog.internal;

import jakarta.annotation.security.PermitAll;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * For request-service's lifecycle rules: every policy that assigns its package automatically, with
 * the package and its resource roles. Not a Graph API: the gateway and the Ingress do not route
 * {@code /internal}, and the NetworkPolicy lets only request-service (and metrics scraping) reach
 * catalog-service besides the Ingress. request-service calls it when a directory event arrives, where
 * there is no user token to pass on; hence no token is required here (docs/catalog.md).
 */
@Path("/internal/v1/automaticPolicies")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
public class AutomaticPoliciesApi {

    @Inject
    AutomaticPolicies policies;

    @GET
    public Uni<List<AutomaticPolicy>> list() {
        return policies.all();
    }
}
