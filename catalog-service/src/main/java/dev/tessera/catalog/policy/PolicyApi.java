package dev.tessera.catalog.policy;

import dev.tessera.catalog.usage.Usage;
import dev.tessera.catalog.role.CatalogAccess;
import dev.tessera.catalog.role.CatalogAction;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.platform.graph.Caller;
import dev.tessera.platform.graph.Expandable;
import dev.tessera.platform.graph.GraphJson;
import dev.tessera.platform.graph.Ids;
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
import org.jboss.resteasy.reactive.RestResponse;

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

    @Inject
    Usage usage;

    @Inject
    CatalogAccess access;

    @GET
    @Expandable(type = "accessPackageAssignmentPolicy", value = {"accessPackage", "catalog", "questions",
            "customExtensionStageSettings"})
    public Uni<ObjectNode> list(@Context UriInfo uri) {
        QueryOptions options = QueryOptions.parse(uri.getQueryParameters());
        return access.readScope().chain(readers -> policies.list(options, readers)).map(page -> json.collection(uri, ENTITY_SET, page.items(),
                page.nextSkipToken(), options.select(), page.count()));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<ObjectNode>> create(PolicyBody body, @Context UriInfo uri) {
        // the package named decides who may create; without one only an administrator gets the service's 400
        String packageId = body == null || body.accessPackage() == null ? null : body.accessPackage().id();
        Uni<Void> allowed;
        if (packageId == null || !Ids.isGuid(packageId.trim())) {
            caller.requireEntitlementAdmin();
            allowed = Uni.createFrom().voidItem();
        } else {
            allowed = access.requireForPackageRef(packageId.trim(), "accessPackage.id", CatalogAction.MANAGE_PACKAGES);
        }
        return allowed.chain(() -> policies.create(body)).map(policy -> RestResponse.status(Response.Status.CREATED,
                json.entity(uri, ENTITY_SET, policy)));
    }

    @GET
    @Path("{id}")
    @Expandable(type = "accessPackageAssignmentPolicy", value = {"accessPackage", "catalog", "questions",
            "customExtensionStageSettings"})
    public Uni<ObjectNode> get(@PathParam("id") String id, @Context UriInfo uri) {
        QueryOptions options = QueryOptions.parse(uri.getQueryParameters());
        return access.requireForPolicy(id, CatalogAction.READ).chain(() -> policies.get(id, options)).map(policy -> json.entity(uri, ENTITY_SET, policy, options.select()));
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<ObjectNode> replace(@PathParam("id") String id, PolicyBody body, @Context UriInfo uri) {
        return access.requireForPolicy(id, CatalogAction.MANAGE_PACKAGES).chain(() -> policies.replace(id, body)).map(policy -> json.entity(uri, ENTITY_SET, policy));
    }

    @DELETE
    @Path("{id}")
    public Uni<RestResponse<Void>> delete(@PathParam("id") String id) {
        // asked first, outside the delete's transaction; nothing is deleted if request-service cannot answer
        return access.requireForPolicy(id, CatalogAction.MANAGE_PACKAGES).chain(() -> policies.require(id)).chain(policy -> usage.requireUnusedPolicy(policy.id))
                .chain(() -> policies.delete(id)).map(done -> RestResponse.noContent());
    }
}
