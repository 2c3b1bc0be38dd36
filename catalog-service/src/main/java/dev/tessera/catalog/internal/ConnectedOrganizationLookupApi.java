package dev.tessera.catalog.internal;

import dev.tessera.catalog.connectedorganization.ConnectedOrganizationService;
import dev.tessera.catalog.connectedorganization.SponsorService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * For request-service, deciding a request for an external user: {@code ?domain=contoso.com} answers
 * the connected organization whose domain (or external federation) identity source is that domain,
 * compared case-insensitively, or a 404. Not a Graph API: the gateway does not route
 * {@code /internal}; like every {@code /internal} path it admits only a service token.
 */
@Path("/internal/connected-organizations")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class ConnectedOrganizationLookupApi {

    @Inject
    ConnectedOrganizationService organizations;

    @Inject
    SponsorService sponsors;

    /**
     * {@code /{id}/sponsors}: the user ids of the organization's internal and external sponsors, which
     * request-service resolves {@code internalSponsors} / {@code externalSponsors} approvers to; 404 for an
     * unknown organization.
     */
    @GET
    @Path("{id}/sponsors")
    public Uni<SponsorService.Sponsors> sponsors(@PathParam("id") String id) {
        return sponsors.all(id);
    }

    @GET
    public Uni<ConnectedOrganizationRef> byDomain(@QueryParam("domain") String domain) {
        return organizations.byDomain(domain)
                .map(o -> new ConnectedOrganizationRef(o.id.toString(), o.displayName, o.state));
    }

    /**
     * {@code POST /proposals?domain=…}: the domain's organization, a new {@code proposed} one when it has none
     * (see {@link ConnectedOrganizationService#propose}); request-service calls it for a requestor from an
     * unknown domain under a policy for all external users. Idempotent.
     */
    @POST
    @Path("proposals")
    public Uni<ConnectedOrganizationRef> propose(@QueryParam("domain") String domain) {
        return organizations.propose(domain)
                .map(o -> new ConnectedOrganizationRef(o.id.toString(), o.displayName, o.state));
    }
}
