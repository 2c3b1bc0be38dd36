package dev.tessera.request.subject;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** catalog-service's internal lookups: the connected organization a domain belongs to, an organization's sponsors. */
@RegisterRestClient(configKey = "catalog")
@Path("/internal/connected-organizations")
interface ConnectedOrganizationClient {

    @GET
    Uni<ConnectedOrganization> byDomain(@QueryParam("domain") String domain,
            @HeaderParam("Authorization") String authorization);

    @GET
    @Path("{id}/sponsors")
    Uni<Sponsors> sponsors(@PathParam("id") String organizationId, @HeaderParam("Authorization") String authorization);
}
