package dev.tessera.catalog.accesspackage;

import dev.tessera.catalog.usage.Usage;
import dev.tessera.catalog.role.CatalogAccess;
import dev.tessera.catalog.role.CatalogAction;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.platform.graph.Caller;
import dev.tessera.platform.graph.Expandable;
import dev.tessera.platform.graph.GraphException;
import dev.tessera.platform.graph.GraphJson;
import dev.tessera.platform.graph.Ids;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.RestResponse;

/** {@code /identityGovernance/entitlementManagement/accessPackages}. */
@Path("/v1.0/identityGovernance/entitlementManagement/accessPackages")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class AccessPackageApi {

    static final String ENTITY_SET = "identityGovernance/entitlementManagement/accessPackages";

    @Inject
    AccessPackageService packages;

    @Inject
    Caller caller;

    @Inject
    GraphJson json;

    @Inject
    Usage usage;

    @Inject
    PolicyRequirements requirements;

    @Inject
    CatalogAccess access;

    @Inject
    RequestablePackages requestable;

    static final Pattern FILTER_BY_CURRENT_USER = Pattern.compile("filterByCurrentUser\\(on=(.*)\\)",
            Pattern.CASE_INSENSITIVE);

    /**
     * What a request for this package needs under each policy the caller may use for themselves
     * (Graph's accessPackageAssignmentRequestRequirements); any signed-in user may ask.
     */
    @POST
    @Path("{id}/getApplicablePolicyRequirements")
    public Uni<ObjectNode> applicablePolicyRequirements(@PathParam("id") String id, @Context UriInfo uri) {
        return requirements.applicable(id, caller.objectId(), caller.email()).map(found -> json.collection(uri,
                "Collection(microsoft.graph.accessPackageAssignmentRequestRequirements)", found, null));
    }

    @GET
    @Expandable(type = "accessPackage", value = {"catalog", "resourceRoleScopes", "assignmentPolicies"})
    public Uni<ObjectNode> list(@Context UriInfo uri) {
        QueryOptions options = QueryOptions.parse(uri.getQueryParameters());
        return access.readScope().chain(readers -> packages.list(options, readers)).map(page -> json.collection(uri, ENTITY_SET, page.items(),
                page.nextSkipToken(), options.select(), page.count()));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<ObjectNode>> create(AccessPackageBody body, @Context UriInfo uri) {
        // the catalog named (or the General one) decides who may create; a malformed one gets its 400 only
        // for an administrator, anyone else 403 as for a catalog not theirs
        String named = body == null || body.catalog() == null ? null : body.catalog().id();
        Uni<Void> allowed;
        if (named != null && !Ids.isGuid(named.trim())) {
            caller.requireEntitlementAdmin();
            allowed = Uni.createFrom().voidItem();
        } else {
            allowed = access.require(AccessPackageService.catalogOf(body), CatalogAction.MANAGE_PACKAGES);
        }
        return allowed.chain(() -> packages.create(body)).map(p -> RestResponse.status(Response.Status.CREATED,
                json.entity(uri, ENTITY_SET, AccessPackageJson.of(p))));
    }

    @GET
    @Path("{id}")
    @Expandable(type = "accessPackage", value = {"catalog", "resourceRoleScopes", "assignmentPolicies"})
    public Uni<ObjectNode> get(@PathParam("id") String id, @Context UriInfo uri) {
        Matcher function = FILTER_BY_CURRENT_USER.matcher(id);
        if (function.matches()) {
            return allowedRequestor(function.group(1), uri);
        }
        QueryOptions options = QueryOptions.parse(uri.getQueryParameters());
        return access.requireForPackage(id, CatalogAction.READ).chain(() -> packages.get(id, options)).map(p -> json.entity(uri, ENTITY_SET, p, options.select()));
    }

    /**
     * {@code filterByCurrentUser(on='allowedRequestor')}, reached through {@link #get}: the packages the
     * signed-in user may request for themselves (not the hidden ones); any signed-in user may ask.
     */
    private Uni<ObjectNode> allowedRequestor(String on, UriInfo uri) {
        String option = on.replace("'", "").trim();
        if (!option.equalsIgnoreCase("allowedRequestor")) {
            throw GraphException.badRequest("filterByCurrentUser on '" + option + "' is not supported for access "
                    + "packages; the allowed value is allowedRequestor.");
        }
        QueryOptions options = QueryOptions.parse(uri.getQueryParameters());
        return requestable.list(options, caller.objectId(), caller.email()).map(page -> json.collection(uri,
                ENTITY_SET, page.items(), page.nextSkipToken(), options.select(), page.count()));
    }

    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<Void>> update(@PathParam("id") String id, AccessPackageBody body) {
        return access.requireForPackage(id, CatalogAction.MANAGE_PACKAGES).chain(() -> packages.update(id, body)).map(done -> RestResponse.noContent());
    }

    @DELETE
    @Path("{id}")
    public Uni<RestResponse<Void>> delete(@PathParam("id") String id) {
        // asked first, outside the delete's transaction; nothing is deleted if request-service cannot answer
        return access.requireForPackage(id, CatalogAction.MANAGE_PACKAGES).chain(() -> packages.require(id)).chain(p -> usage.requireUnusedPackage(p.id))
                .chain(() -> packages.delete(id)).map(done -> RestResponse.noContent());
    }
}
