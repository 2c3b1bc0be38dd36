package dev.tessera.catalog.internal;

import dev.tessera.catalog.connectedorganization.ConnectedOrganizationService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * For request-service, deciding a request for an external user: {@code ?domain=contoso.com} answers
 * the connected organization whose domain (or external federation) identity source is that domain,
 * compared case-insensitively, or a 404. Not a Graph API: the gateway does not route
 * {@code /internal}. Like {@link RequestContextApi}, any authenticated caller may read it, since
 * request-service calls it with the requestor's token.
 */
@Path("/internal/connected-organizations")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class ConnectedOrganizationLookupApi {

    @Inject
    ConnectedOrganizationService organizations;

    @GET
    public Uni<ConnectedOrganizationRef> byDomain(@QueryParam("domain") String domain) {
        return organizations.byDomain(domain)
                .map(o -> new ConnectedOrganizationRef(o.id.toString(), o.displayName, o.state));
    }
}
