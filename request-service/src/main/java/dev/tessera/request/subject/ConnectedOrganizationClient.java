package dev.tessera.request.subject;

import dev.tessera.platform.graph.ServiceTokenHeaders;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * catalog-service's internal lookups: the connected organization a domain belongs to (proposing one for a
 * domain that has none), an organization's sponsors.
 */
@RegisterRestClient(configKey = "catalog")
@RegisterClientHeaders(ServiceTokenHeaders.class)
@Path("/internal/connected-organizations")
interface ConnectedOrganizationClient {

    @GET
    Uni<ConnectedOrganization> byDomain(@QueryParam("domain") String domain);

    /** The domain's organization, a new proposed one when it has none (idempotent). */
    @POST
    @Path("proposals")
    Uni<ConnectedOrganization> propose(@QueryParam("domain") String domain);

    @GET
    @Path("{id}/sponsors")
    Uni<Sponsors> sponsors(@PathParam("id") String organizationId);
}
