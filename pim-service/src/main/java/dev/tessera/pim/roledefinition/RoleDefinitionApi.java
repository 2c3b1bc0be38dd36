package dev.tessera.pim.roledefinition;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.platform.graph.GraphException;
import dev.tessera.platform.graph.GraphJson;
import dev.tessera.platform.graph.PageToken;
import dev.tessera.platform.graph.query.QueryOptions;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;

/** {@code /roleManagement/directory/roleDefinitions}: built-in Entra roles (custom roles come later). */
@Path("/v1.0/roleManagement/directory/roleDefinitions")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class RoleDefinitionApi {

    static final String ENTITY_SET = "roleManagement/directory/roleDefinitions";

    @Inject
    RoleDefinitionRepository repository;

    @Inject
    GraphJson json;

    @GET
    public Uni<ObjectNode> list(@Context UriInfo uri) {
        QueryOptions options = QueryOptions.parse(uri.getQueryParameters());
        String after = options.skipToken().map(PageToken::decode).orElse(null);
        return repository.page(options.filter(), after, options.top()).map(rows -> {
            boolean more = rows.size() > options.top();
            List<RoleDefinition> page = more ? rows.subList(0, options.top()) : rows;
            String next = more ? PageToken.encode(page.get(page.size() - 1).id) : null;
            return json.collection(uri, ENTITY_SET, page.stream().map(RoleDefinitionJson::of).toList(), next,
                    options.select(), null);
        });
    }

    @GET
    @Path("{id}")
    public Uni<ObjectNode> get(@PathParam("id") String id, @Context UriInfo uri) {
        QueryOptions options = QueryOptions.parse(uri.getQueryParameters());
        return repository.findById(id)
                .onItem().ifNull().failWith(() -> GraphException.notFound("Role definition '" + id + "' was not found."))
                .map(role -> json.entity(uri, ENTITY_SET, RoleDefinitionJson.of(role), options.select()));
    }
}
