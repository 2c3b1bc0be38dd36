package dev.tessera.provisioning.group;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.common.roles.DirectoryRoleSource;
import dev.tessera.common.roles.HeldDirectoryRole;
import dev.tessera.platform.graph.GraphJson;
import dev.tessera.platform.graph.query.Page;
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
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code /users/{id}/memberOf}: the groups a user is a member of, through any source, and the directory
 * roles they hold directly; {@code /users/{id}/transitiveMemberOf}: the same groups (groups do not nest in
 * Tessera) and also the roles they hold through a role-assignable group. Roles are those of Tessera's role
 * state (this service's view of {@code tessera.pim.roles}), tenant-wide only: a role scoped to an
 * administrative unit or an application is no directoryRole membership, as in Graph. They are
 * {@code #microsoft.graph.directoryRole} items after the groups, on the last page, and only without
 * {@code $filter} (which filters on group properties).
 */
@Path("/v1.0/users")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class MemberOfApi {

    public static final String DIRECTORY_ROLE_TYPE = "#microsoft.graph.directoryRole";

    @Inject
    MembershipService service;

    @Inject
    GraphJson json;

    @Inject
    DirectoryRoleSource roles;

    @Inject
    InstantSource clock;

    @GET
    @Path("{id}/memberOf")
    public Uni<ObjectNode> list(@PathParam("id") String id, @Context UriInfo uri) {
        return list(id, uri, false);
    }

    @GET
    @Path("{id}/transitiveMemberOf")
    public Uni<ObjectNode> transitive(@PathParam("id") String id, @Context UriInfo uri) {
        return list(id, uri, true);
    }

    private Uni<ObjectNode> list(String id, UriInfo uri, boolean transitive) {
        QueryOptions options = QueryOptions.parse(uri.getQueryParameters());
        return service.memberOfUser(id, options.filter(), options.afterId(), options.top()).map(found -> {
            Page<DirectoryGroup> page = Page.of(found.groups(), options.top(), group -> group.id.toString());
            List<ObjectNode> items = new ArrayList<>(page.map(group -> DirectoryObjects.typed(json, GroupJson.ODATA_TYPE,
                    GroupJson.of(group))).items());
            if (page.nextSkipToken() == null && options.filter().isEmpty()) {
                directoryRoles(found.userId(), transitive).forEach(items::add);
            }
            return json.collection(uri, DirectoryObjects.ENTITY_SET, items, page.nextSkipToken(), options.select(), null);
        });
    }

    /** One directoryRole per role the user holds tenant-wide (directly, or also through groups). */
    List<ObjectNode> directoryRoles(UUID userId, boolean transitive) {
        Map<String, HeldDirectoryRole> byTemplate = new LinkedHashMap<>();
        for (HeldDirectoryRole role : roles.rolesOf(userId, clock.instant())) {
            if (role.isTenantWide() && role.roleTemplateId() != null
                    && (transitive || !"Group".equalsIgnoreCase(role.memberType()))) {
                byTemplate.putIfAbsent(role.roleTemplateId(), role);
            }
        }
        return byTemplate.values().stream().map(role -> {
            ObjectNode node = json.mapper().createObjectNode();
            node.put("@odata.type", DIRECTORY_ROLE_TYPE);
            // Graph's directoryRole object of a tenant has an id of its own; Tessera has one such object per
            // role template and names it by the template id (GET /directoryRoles(roleTemplateId='…') in Graph)
            node.put("id", role.roleTemplateId());
            node.putNull("deletedDateTime");
            // a built-in role's description from the roles data; a custom role's is pim-service's alone
            node.put("description", dev.tessera.common.roles.BuiltInDirectoryRoles.byTemplateId(role.roleTemplateId())
                    .map(dev.tessera.common.roles.BuiltInDirectoryRoles.Role::description).orElse(null));
            node.put("displayName", role.displayName());
            node.put("roleTemplateId", role.roleTemplateId());
            return node;
        }).toList();
    }
}
