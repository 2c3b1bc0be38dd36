package dev.tessera.catalog.policy;

import com.fasterxml.jackson.databind.JsonNode;
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
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** {@code /assignmentPolicies}: create 201, replace with PUT (200 + body), delete 204. */
@Path("/v1.0/identityGovernance/entitlementManagement/assignmentPolicies")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class PolicyApi {

    static final String ENTITY_SET = "identityGovernance/entitlementManagement/assignmentPolicies";

    @Inject
    PolicyService policies;

    @Inject
    Caller caller;

    @Inject
    GraphJson json;

    @GET
    public Uni<ObjectNode> list(@Context UriInfo uri) {
        caller.requireEntitlementReader();
        QueryOptions options = QueryOptions.parse(uri.getQueryParameters());
        boolean questions = options.expands("questions").isPresent();
        return policies.list(options).map(page -> json.collection(uri, ENTITY_SET,
                page.items().stream().map(p -> policies.toJson(p, questions)).toList(), page.nextSkipToken(),
                options.select(), null));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> create(JsonNode body, @Context UriInfo uri) {
        caller.requireEntitlementAdmin();
        return policies.create(body).map(policy -> Response.status(201)
                .entity(json.entity(uri, ENTITY_SET, policies.toJson(policy, true))).build());
    }

    @GET
    @Path("{id}")
    public Uni<ObjectNode> get(@PathParam("id") String id, @Context UriInfo uri) {
        caller.requireEntitlementReader();
        QueryOptions options = QueryOptions.parse(uri.getQueryParameters());
        return policies.find(id).map(policy -> {
            ObjectNode body = policies.toJson(policy, options.expands("questions").isPresent());
            if (options.expands("accessPackage").isPresent()) {
                body.putObject("accessPackage").put("id", policy.accessPackageId.toString());
            }
            return json.entity(uri, ENTITY_SET, body, options.select());
        });
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<ObjectNode> replace(@PathParam("id") String id, JsonNode body, @Context UriInfo uri) {
        caller.requireEntitlementAdmin();
        return policies.replace(id, body).map(policy -> json.entity(uri, ENTITY_SET, policies.toJson(policy, true)));
    }

    @DELETE
    @Path("{id}")
    public Uni<Response> delete(@PathParam("id") String id) {
        caller.requireEntitlementAdmin();
        return policies.delete(id).replaceWith(Response.noContent().build());
    }
}
