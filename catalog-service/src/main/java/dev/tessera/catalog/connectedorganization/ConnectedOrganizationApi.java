package dev.tessera.catalog.connectedorganization;

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
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.RestResponse;

/** {@code /identityGovernance/entitlementManagement/connectedOrganizations}; sponsors are in {@link SponsorApi}. */
@Path(ConnectedOrganizationApi.PATH)
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class ConnectedOrganizationApi {

    static final String PATH = "/v1.0/identityGovernance/entitlementManagement/connectedOrganizations";
    static final String ENTITY_SET = "identityGovernance/entitlementManagement/connectedOrganizations";

    @Inject
    ConnectedOrganizationService organizations;

    @Inject
    Caller caller;

    @Inject
    GraphJson json;

    @GET
    public Uni<ObjectNode> list(@Context UriInfo uri) {
        caller.requireEntitlementReader();
        QueryOptions options = QueryOptions.parse(uri.getQueryParameters());
        return organizations.list(options).map(page -> json.collection(uri, ENTITY_SET, page.items(),
                page.nextSkipToken(), options.select(), page.count()));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<ObjectNode>> create(ConnectedOrganizationBody body, @Context UriInfo uri) {
        caller.requireEntitlementAdmin();
        return organizations.create(body).map(organization -> RestResponse.status(Response.Status.CREATED,
                json.entity(uri, ENTITY_SET, organization)));
    }

    @GET
    @Path("{id}")
    public Uni<ObjectNode> get(@PathParam("id") String id, @Context UriInfo uri) {
        caller.requireEntitlementReader();
        QueryOptions options = QueryOptions.parse(uri.getQueryParameters());
        return organizations.get(id, options)
                .map(organization -> json.entity(uri, ENTITY_SET, organization, options.select()));
    }

    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<Void>> update(@PathParam("id") String id, ConnectedOrganizationBody body) {
        caller.requireEntitlementAdmin();
        return organizations.update(id, body).map(done -> RestResponse.noContent());
    }

    @DELETE
    @Path("{id}")
    public Uni<RestResponse<Void>> delete(@PathParam("id") String id) {
        caller.requireEntitlementAdmin();
        return organizations.delete(id).map(done -> RestResponse.noContent());
    }
}
