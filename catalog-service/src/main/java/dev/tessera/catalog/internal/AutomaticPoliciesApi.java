package dev.tessera.catalog.internal;

import dev.tessera.platform.graph.Caller;
import io.quarkus.security.Authenticated;
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
 * {@code /internal}, which admits only a service token (app-only with Tessera.Internal, see
 * ServiceIdentity). request-service calls it when a directory event arrives; the caller must also be
 * able to read all entitlement-management configuration (EntitlementManagement.Read.All), as that is
 * what the list shows.
 */
@Path("/internal/v1/automaticPolicies")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class AutomaticPoliciesApi {

    @Inject
    Caller caller;

    @Inject
    AutomaticPolicies policies;

    @GET
    public Uni<List<AutomaticPolicy>> list() {
        caller.requireEntitlementReader();
        return policies.all();
    }
}
