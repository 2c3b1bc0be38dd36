package dev.tessera.request.bulk;

import dev.tessera.platform.graph.Caller;
import dev.tessera.platform.graph.GraphJson;
import dev.tessera.request.catalog.AssignmentAuthority;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;

/**
 * Tessera extension (Graph has none): {@code POST …/assignments/tessera.assignGroupMembers} assigns
 * every user member of a group who does not hold the package yet — the seeds' RequiredGroupMember.
 * Answers 202 with the job and its {@code Location}; the work continues in the background.
 */
@Path("/v1.0/identityGovernance/entitlementManagement/assignments/tessera.assignGroupMembers")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class AssignGroupMembersApi {

    @Inject
    BulkAssignmentService service;

    @Inject
    Caller caller;

    @Inject
    AssignmentAuthority authority;

    @Inject
    GraphJson json;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> start(AssignGroupMembersBody body, @Context UriInfo uri) {
        // an administrator by the token; a manager of the package's catalog is decided by the service from
        // the package's requestContext, the one call it makes anyway
        BulkAssignmentService.Starter starter = new BulkAssignmentService.Starter(caller.objectId(),
                authority.managesAll());
        return service.start(body, starter).map(job -> Response.accepted()
                .location(java.net.URI.create(GraphJson.baseUrl(uri) + "/v1.0/" + BulkAssignmentJobApi.ENTITY_SET + "/" + job.id))
                .entity(json.entity(uri, BulkAssignmentJobApi.ENTITY_SET, BulkAssignmentJobApi.toJson(job, List.of())))
                .build());
    }
}
