package dev.tessera.pim.roleassignment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.pim.schedule.RoleSchedule;
import dev.tessera.platform.graph.Expandable;
import dev.tessera.platform.graph.GraphJson;
import dev.tessera.platform.graph.Ids;
import dev.tessera.platform.graph.PageToken;
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
import java.net.URI;
import java.util.List;
import java.util.UUID;

/** Graph v1.0 {@code /roleManagement/directory/roleAssignments} (unifiedRoleAssignment). */
@Path(RoleAssignmentApi.PATH)
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class RoleAssignmentApi {

    static final String PATH = "/v1.0/roleManagement/directory/roleAssignments";
    static final String ENTITY_SET = "roleManagement/directory/roleAssignments";

    @Inject
    RoleAssignmentService service;

    @Inject
    RoleAssignmentExpansions expansions;

    @Inject
    GraphJson json;

    @GET
    @Expandable(type = "unifiedRoleAssignment", value = {"principal", "roleDefinition"})
    public Uni<ObjectNode> list(@Context UriInfo uri) {
        QueryOptions options = QueryOptions.parse(uri.getQueryParameters());
        UUID after = options.skipToken().map(PageToken::decode).map(t -> Ids.parse(t, "$skiptoken")).orElse(null);
        return service.page(options.filter(), after, options.top()).chain(rows -> {
            boolean more = rows.size() > options.top();
            List<RoleSchedule> page = more ? rows.subList(0, options.top()) : rows;
            String next = more ? PageToken.encode(page.get(page.size() - 1).id.toString()) : null;
            return expansions.shape(page, options).map(nodes -> json.collection(uri, ENTITY_SET, nodes, next));
        });
    }

    @GET
    @Path("{id}")
    @Expandable(type = "unifiedRoleAssignment", value = {"principal", "roleDefinition"})
    public Uni<ObjectNode> get(@PathParam("id") String id, @Context UriInfo uri) {
        QueryOptions options = QueryOptions.parse(uri.getQueryParameters());
        return service.get(id).chain(assignment -> expansions.shape(List.of(assignment), options))
                .map(nodes -> json.entity(uri, ENTITY_SET, nodes.get(0)));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> create(RoleAssignmentBody body, @Context UriInfo uri) {
        return service.create(body).map(request -> {
            RoleAssignmentJson created = new RoleAssignmentJson(request.targetScheduleId.toString(),
                    request.principalId.toString(), request.roleDefinitionId, request.directoryScopeId,
                    request.appScopeId, null);
            return Response.status(201).location(URI.create(GraphJson.baseUrl(uri) + PATH + "/" + created.id()))
                    .entity(json.entity(uri, ENTITY_SET, created)).build();
        });
    }

    @DELETE
    @Path("{id}")
    public Uni<Response> delete(@PathParam("id") String id) {
        return service.delete(id).map(v -> Response.noContent().build());
    }
}
