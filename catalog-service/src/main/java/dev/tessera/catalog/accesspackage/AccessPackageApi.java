package dev.tessera.catalog.accesspackage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.catalog.catalog.Catalog;
import dev.tessera.catalog.catalog.CatalogJson;
import dev.tessera.catalog.policy.PolicyService;
import dev.tessera.platform.graph.Caller;
import dev.tessera.platform.graph.GraphJson;
import dev.tessera.platform.graph.query.ExpandItem;
import dev.tessera.platform.graph.query.QueryOptions;
import io.quarkus.hibernate.reactive.panache.Panache;
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
import java.util.List;
import java.util.Optional;

@Path("/v1.0/identityGovernance/entitlementManagement/accessPackages")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class AccessPackageApi {

    static final String ENTITY_SET = "identityGovernance/entitlementManagement/accessPackages";

    @Inject
    AccessPackageService packages;

    @Inject
    RoleScopeService roleScopes;

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
        return packages.list(options).map(page -> json.collection(uri, ENTITY_SET,
                page.items().stream().map(AccessPackageJson::of).toList(), page.nextSkipToken(), options.select(), null));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> create(AccessPackageBody body, @Context UriInfo uri) {
        caller.requireEntitlementAdmin();
        return packages.create(body).map(p -> Response.status(201)
                .entity(json.entity(uri, ENTITY_SET, AccessPackageJson.of(p))).build());
    }

    @GET
    @Path("{id}")
    public Uni<ObjectNode> get(@PathParam("id") String id, @Context UriInfo uri) {
        caller.requireEntitlementReader();
        QueryOptions options = QueryOptions.parse(uri.getQueryParameters());
        return packages.find(id).chain(p -> expandCatalog(p, options).chain(catalog ->
                expandRoleScopes(p, options).chain(scopes -> expandPolicies(p, options).map(policyList ->
                        json.entity(uri, ENTITY_SET, AccessPackageJson.of(p, catalog, scopes, policyList),
                                options.select())))));
    }

    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> update(@PathParam("id") String id, AccessPackageBody body) {
        caller.requireEntitlementAdmin();
        return packages.update(id, body).replaceWith(Response.noContent().build());
    }

    @DELETE
    @Path("{id}")
    public Uni<Response> delete(@PathParam("id") String id) {
        caller.requireEntitlementAdmin();
        return packages.delete(id).replaceWith(Response.noContent().build());
    }

    @GET
    @Path("{id}/resourceRoleScopes")
    public Uni<ObjectNode> listRoleScopes(@PathParam("id") String id, @Context UriInfo uri) {
        caller.requireEntitlementReader();
        QueryOptions options = QueryOptions.parse(uri.getQueryParameters());
        boolean expand = options.expands("role").isPresent() || options.expands("scope").isPresent();
        return packages.find(id).chain(p -> roleScopes.list(p.id, expand))
                .map(items -> json.collection(uri, ENTITY_SET + "('" + id + "')/resourceRoleScopes", items, null));
    }

    @POST
    @Path("{id}/resourceRoleScopes")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> addRoleScope(@PathParam("id") String id, RoleScopeBody body, @Context UriInfo uri) {
        caller.requireEntitlementAdmin();
        return roleScopes.add(id, body).map(created -> Response.status(201).entity(json.entity(uri,
                ENTITY_SET + "('" + id + "')/resourceRoleScopes", created)).build());
    }

    @DELETE
    @Path("{id}/resourceRoleScopes/{roleScopeId}")
    public Uni<Response> removeRoleScope(@PathParam("id") String id, @PathParam("roleScopeId") String roleScopeId) {
        caller.requireEntitlementAdmin();
        return roleScopes.remove(id, roleScopeId).replaceWith(Response.noContent().build());
    }

    private Uni<Object> expandCatalog(AccessPackage p, QueryOptions options) {
        if (options.expands("catalog").isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        return Panache.withSession(() -> Catalog.<Catalog>findById(p.catalogId)).map(c -> CatalogJson.of(c, null));
    }

    private Uni<List<RoleScopeJson>> expandRoleScopes(AccessPackage p, QueryOptions options) {
        Optional<ExpandItem> item = options.expands("resourceRoleScopes");
        if (item.isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        QueryOptions nested = item.get().nested();
        return roleScopes.list(p.id, nested.expands("role").isPresent() || nested.expands("scope").isPresent());
    }

    private Uni<List<?>> expandPolicies(AccessPackage p, QueryOptions options) {
        if (options.expands("assignmentPolicies").isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        return policies.forPackage(p.id, false).map(list -> list);
    }
}
