package dev.tessera.catalog.connectedorganization;

import dev.tessera.platform.graph.ODataRef;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.platform.graph.Caller;
import dev.tessera.platform.graph.GraphJson;
import dev.tessera.platform.graph.query.QueryOptions;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * {@code connectedOrganizations/{id}/internalSponsors} and {@code …/externalSponsors}: list, add and
 * remove by {@code $ref}. Shares {@link ConnectedOrganizationApi}'s root path.
 */
@Path(ConnectedOrganizationApi.PATH)
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class SponsorApi {

    static final String SPONSORS = "{id}/{sponsors: internalSponsors|externalSponsors}";

    /** {@code $ref} as curl and the Graph SDKs send it, or percent-encoded as some HTTP clients do. */
    static final String REF = "{ref: \\$ref|%24ref}";

    /** Graph lists sponsors as directoryObjects. */
    static final String ENTITY_SET = "directoryObjects";

    @Inject
    SponsorService sponsors;

    @Inject
    Caller caller;

    @Inject
    GraphJson json;

    @GET
    @Path(SPONSORS)
    public Uni<ObjectNode> list(@PathParam("id") String id, @PathParam("sponsors") String navigation,
            @Context UriInfo uri) {
        caller.requireEntitlementReader();
        QueryOptions options = QueryOptions.parse(uri.getQueryParameters());
        return sponsors.list(id, SponsorType.ofNavigation(navigation), options)
                .map(page -> json.collection(uri, ENTITY_SET, page.items(), page.nextSkipToken(), options.select(),
                        page.count()));
    }

    @POST
    @Path(SPONSORS + "/" + REF)
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<Void>> add(@PathParam("id") String id, @PathParam("sponsors") String navigation,
            ODataRef body) {
        caller.requireEntitlementAdmin();
        return sponsors.add(id, SponsorType.ofNavigation(navigation), body).map(done -> RestResponse.noContent());
    }

    @DELETE
    @Path(SPONSORS + "/{userId}/" + REF)
    public Uni<RestResponse<Void>> remove(@PathParam("id") String id, @PathParam("sponsors") String navigation,
            @PathParam("userId") String userId) {
        caller.requireEntitlementAdmin();
        return sponsors.remove(id, SponsorType.ofNavigation(navigation), userId).map(done -> RestResponse.noContent());
    }
}
