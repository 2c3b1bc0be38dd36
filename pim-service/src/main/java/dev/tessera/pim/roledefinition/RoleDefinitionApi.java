package dev.tessera.pim.roledefinition;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.platform.graph.GraphException;
import dev.tessera.platform.graph.GraphJson;
import dev.tessera.platform.graph.PageToken;
import dev.tessera.platform.graph.query.QueryOptions;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import dev.tessera.platform.graph.Caller;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;

/**
 * {@code /roleManagement/directory/roleDefinitions}: the built-in Entra roles, readable by anyone
 * signed in, and custom roles that a Privileged Role Administrator creates, changes and deletes.
 */
@Path("/v1.0/roleManagement/directory/roleDefinitions")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class RoleDefinitionApi {

    static final String ENTITY_SET = "roleManagement/directory/roleDefinitions";

    @Inject
    RoleDefinitionRepository repository;

    @Inject
    GraphJson json;

    @Inject
    CustomRoles customRoles;

    @Inject
    Caller caller;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> create(RoleDefinitionBody body, @Context UriInfo uri) {
        requireRoleAdmin();
        return customRoles.create(body).map(role -> Response.status(201)
                .entity(json.entity(uri, ENTITY_SET, RoleDefinitionJson.of(role))).build());
    }

    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> update(@PathParam("id") String id, RoleDefinitionBody body) {
        requireRoleAdmin();
        return customRoles.update(id, body).map(v -> Response.noContent().build());
    }

    @DELETE
    @Path("{id}")
    public Uni<Response> delete(@PathParam("id") String id) {
        requireRoleAdmin();
        return customRoles.delete(id).map(v -> Response.noContent().build());
    }

    private void requireRoleAdmin() {
        if (!caller.isPrivilegedRoleAdmin()) {
            throw GraphException.forbidden("Only a Privileged Role Administrator or Global Administrator may manage role definitions.");
        }
    }

    @GET
    public Uni<ObjectNode> list(@Context UriInfo uri) {
        QueryOptions options = QueryOptions.parse(uri.getQueryParameters());
        String after = options.skipToken().map(PageToken::decode).orElse(null);
        int top = pageSize(uri, options);
        return repository.page(options.filter(), after, top).map(rows -> {
            boolean more = rows.size() > top;
            List<RoleDefinition> page = more ? rows.subList(0, top) : rows;
            String next = more ? PageToken.encode(page.get(page.size() - 1).id) : null;
            return json.collection(uri, ENTITY_SET, page.stream().map(RoleDefinitionJson::of).toList(), next,
                    options.select(), null);
        });
    }

    /**
     * Graph answers this list whole (every built-in role, well over a hundred, and the custom ones)
     * unless {@code $top} asks for pages: without it a page holds up to {@link QueryOptions#MAX_TOP}.
     */
    static int pageSize(UriInfo uri, QueryOptions options) {
        boolean asked = uri.getQueryParameters().keySet().stream()
                .anyMatch(name -> name != null && (name.equalsIgnoreCase("$top") || name.equalsIgnoreCase("top")));
        return asked ? options.top() : QueryOptions.MAX_TOP;
    }

    @GET
    @Path("{id}")
    public Uni<ObjectNode> get(@PathParam("id") String id, @Context UriInfo uri) {
        QueryOptions options = QueryOptions.parse(uri.getQueryParameters());
        return repository.findById(id.toLowerCase(java.util.Locale.ROOT))
                .onItem().ifNull().failWith(() -> GraphException.notFound("Role definition '" + id + "' was not found."))
                .map(role -> json.entity(uri, ENTITY_SET, RoleDefinitionJson.of(role), options.select()));
    }
}
