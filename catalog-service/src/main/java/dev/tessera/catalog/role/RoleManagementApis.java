package dev.tessera.catalog.role;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.platform.graph.Expandable;
import dev.tessera.platform.graph.GraphException;
import dev.tessera.platform.graph.GraphJson;
import dev.tessera.platform.graph.Ids;
import dev.tessera.platform.graph.query.FieldMap;
import dev.tessera.platform.graph.query.FilterTranslator;
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
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Arrays;
import java.util.List;
import org.jboss.resteasy.reactive.RestResponse;

/** {@code /roleManagement/entitlementManagement}: the built-in role definitions and their assignments. */
final class RoleManagementApis {

    static final String BASE = "/v1.0/roleManagement/entitlementManagement/";

    private RoleManagementApis() {
    }

    /**
     * The five built-in roles; any signed-in caller may read them (they are the same in every
     * tenant, and a Catalog owner needs them to delegate).
     */
    @Path(BASE + "roleDefinitions")
    @Produces(MediaType.APPLICATION_JSON)
    @Authenticated
    public static class RoleDefinitions {

        static final String SET = "roleManagement/entitlementManagement/roleDefinitions";

        /** Graph documents {@code $filter} on these (eq, in); they are held in memory. */
        static final FieldMap FIELDS = FieldMap.builder()
                .uuid("id", "id")
                .string("displayName", "displayName")
                .bool("isBuiltIn", "isBuiltIn")
                .build();

        @Inject
        GraphJson json;

        @GET
        public ObjectNode list(@Context UriInfo uri) {
            QueryOptions options = QueryOptions.parse(uri.getQueryParameters());
            List<RoleDefinitionJson> all = Arrays.stream(EmRole.values())
                    .filter(role -> options.filter().map(f -> FilterTranslator.matches(f, FIELDS, name -> switch (name) {
                        case "id" -> role.id();
                        case "displayName" -> role.displayName();
                        default -> true;
                    })).orElse(true))
                    .map(RoleDefinitionJson::of).toList();
            return json.collection(uri, SET, all, null, options.select(), options.count() ? (long) all.size() : null);
        }

        @GET
        @Path("{id}")
        public ObjectNode get(@PathParam("id") String id, @Context UriInfo uri) {
            QueryOptions options = QueryOptions.parse(uri.getQueryParameters());
            EmRole role = EmRole.byId(Ids.pathId(id, "a role definition")).orElseThrow(() ->
                    GraphException.notFound("Role definition '" + id + "' was not found."));
            return json.entity(uri, SET, RoleDefinitionJson.of(role), options.select());
        }
    }

    @Path(BASE + "roleAssignments")
    @Produces(MediaType.APPLICATION_JSON)
    @Authenticated
    public static class RoleAssignments {

        static final String SET = "roleManagement/entitlementManagement/roleAssignments";

        @Inject
        RoleAssignmentService assignments;

        @Inject
        GraphJson json;

        @GET
        @Expandable(type = "unifiedRoleAssignment", value = {"roleDefinition", "principal"})
        public Uni<ObjectNode> list(@Context UriInfo uri) {
            QueryOptions options = QueryOptions.parse(uri.getQueryParameters());
            return assignments.list(options).map(page -> json.collection(uri, SET, page.items(),
                    page.nextSkipToken(), options.select(), page.count()));
        }

        @POST
        @Consumes(MediaType.APPLICATION_JSON)
        @Expandable(type = "unifiedRoleAssignment", value = {"roleDefinition", "principal"})
        public Uni<RestResponse<ObjectNode>> create(RoleAssignmentBody body, @Context UriInfo uri) {
            return assignments.create(body).map(created -> RestResponse.status(Response.Status.CREATED,
                    json.entity(uri, SET, RoleAssignmentJson.of(created, false, false))));
        }

        @GET
        @Path("{id}")
        @Expandable(type = "unifiedRoleAssignment", value = {"roleDefinition", "principal"})
        public Uni<ObjectNode> get(@PathParam("id") String id, @Context UriInfo uri) {
            QueryOptions options = QueryOptions.parse(uri.getQueryParameters());
            return assignments.get(id, options).map(a -> json.entity(uri, SET, a, options.select()));
        }

        @DELETE
        @Path("{id}")
        public Uni<RestResponse<Void>> delete(@PathParam("id") String id) {
            return assignments.delete(id).map(done -> RestResponse.noContent());
        }
    }
}
