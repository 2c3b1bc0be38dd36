package dev.tessera.request.subject;

import dev.tessera.platform.graph.ServiceTokenHeaders;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** catalog-service's internal lookups: the connected organization a domain belongs to, an organization's sponsors. */
@RegisterRestClient(configKey = "catalog")
@RegisterClientHeaders(ServiceTokenHeaders.class)
@Path("/internal/connected-organizations")
interface ConnectedOrganizationClient {

    @GET
    Uni<ConnectedOrganization> byDomain(@QueryParam("domain") String domain);

    @GET
    @Path("{id}/sponsors")
    Uni<Sponsors> sponsors(@PathParam("id") String organizationId);
}
