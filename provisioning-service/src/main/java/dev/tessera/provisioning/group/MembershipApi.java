package dev.tessera.provisioning.group;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.platform.graph.GraphJson;
import dev.tessera.platform.graph.query.QueryOptions;
import dev.tessera.platform.graph.query.Page;
import dev.tessera.provisioning.user.UserJson;
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
import jakarta.ws.rs.core.UriInfo;

/** {@code /groups/{id}/members} and {@code /groups/{id}/owners}: list, add and remove by {@code $ref}. */
@Path("/v1.0/groups")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
public class MembershipApi {

    /** Shares {@link GroupApi}'s root path: REST matches one class per root, so both live under it. */
    static final String LINKS = "{groupId}/{relationship: members|owners}";

    /** {@code $ref} as curl and the Graph SDKs send it, or percent-encoded as some HTTP clients do. */
    static final String REF = "{ref: \\$ref|%24ref}";

    @Inject
    MembershipService service;

    @Inject
    GraphJson json;

    @GET
    @Path(LINKS)
    public Uni<ObjectNode> list(@PathParam("groupId") String groupId, @PathParam("relationship") String navigation,
            @Context UriInfo uri) {
        QueryOptions options = QueryOptions.parse(uri.getQueryParameters());
        return service.users(groupId, Relationship.ofNavigation(navigation), options.filter(),
                        options.afterId(), options.top())
                .map(rows -> {
                    Page<UserJson> page = Page.of(rows, options.top(), user -> user.id().toString());
                    return json.collection(uri, DirectoryObjects.ENTITY_SET,
                            page.map(user -> DirectoryObjects.typed(json, UserJson.ODATA_TYPE, user)).items(),
                            page.nextSkipToken(), options.select(), null);
                });
    }

    @POST
    @Path(LINKS + "/" + REF)
    public Uni<Void> add(@PathParam("groupId") String groupId, @PathParam("relationship") String navigation,
            RefBody body) {
        return service.add(groupId, Relationship.ofNavigation(navigation), body);
    }

    @DELETE
    @Path(LINKS + "/{memberId}/" + REF)
    public Uni<Void> remove(@PathParam("groupId") String groupId, @PathParam("relationship") String navigation,
            @PathParam("memberId") String memberId) {
        return service.remove(groupId, Relationship.ofNavigation(navigation), memberId);
    }
}
