package dev.tessera.pim.approval;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.platform.graph.Caller;
import dev.tessera.platform.graph.GraphException;
import dev.tessera.platform.graph.GraphJson;
import dev.tessera.platform.graph.Ids;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tessera extension, modelled on Graph beta {@code roleAssignmentApprovals} (v1.0 has no approval
 * API for directory-role activations): approvers read and decide the approval of a request that
 * waits as PendingApproval. The approval's id is the request's id.
 */
@Path("/v1.0/roleManagement/directory/roleAssignmentApprovals")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class ApprovalApi {

    static final String SET = "roleManagement/directory/roleAssignmentApprovals";
    static final Pattern FILTER_BY_CURRENT_USER = Pattern.compile("filterByCurrentUser\\(on=(.*)\\)", Pattern.CASE_INSENSITIVE);

    @Inject
    ApprovalService approvals;

    @Inject
    Caller caller;

    @Inject
    GraphJson json;

    ApprovalService.Reader reader() {
        return new ApprovalService.Reader(caller.objectId(), caller.isPrivilegedRoleAdmin());
    }

    @GET
    @Path("{id}")
    public Uni<ObjectNode> get(@PathParam("id") String id, @Context UriInfo uri) {
        Matcher function = FILTER_BY_CURRENT_USER.matcher(id);
        if (function.matches()) {
            String on = function.group(1).replace("'", "").trim();
            if (!on.equalsIgnoreCase("reviewer") && !on.equalsIgnoreCase("approver")) {
                throw GraphException.badRequest("filterByCurrentUser on '" + on + "' is not supported; use on='reviewer'.");
            }
            return approvals.waitingFor(reader()).map(views -> json.collection(uri, SET,
                    views.stream().map(ApprovalJson.Approval::of).toList(), null));
        }
        return approvals.find(Ids.pathId(id, "an approval"), reader())
                .map(view -> json.entity(uri, SET, ApprovalJson.Approval.of(view)));
    }

    @GET
    @Path("{id}/steps")
    public Uni<ObjectNode> steps(@PathParam("id") String id, @Context UriInfo uri) {
        return approvals.find(Ids.pathId(id, "an approval"), reader())
                .map(view -> json.collection(uri, SET + "('" + id + "')/steps", java.util.List.of(ApprovalJson.Step.of(view)), null));
    }

    @GET
    @Path("{id}/steps/{stepId}")
    public Uni<ObjectNode> step(@PathParam("id") String id, @PathParam("stepId") String stepId, @Context UriInfo uri) {
        UUID step = Ids.pathId(stepId, "an approval step");
        return approvals.find(Ids.pathId(id, "an approval"), reader()).map(view -> {
            if (!view.step().id.equals(step)) {
                throw GraphException.notFound("Step '" + stepId + "' is not a step of approval '" + id + "'.");
            }
            return json.entity(uri, SET + "('" + id + "')/steps", ApprovalJson.Step.of(view));
        });
    }

    @PATCH
    @Path("{id}/steps/{stepId}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> decide(@PathParam("id") String id, @PathParam("stepId") String stepId,
            ApprovalJson.Decision body) {
        // no body: 'reviewResult' is missing, which the service says once it knows the caller may decide
        return approvals.decide(Ids.pathId(id, "an approval"), Ids.pathId(stepId, "an approval step"),
                body == null ? null : body.reviewResult(), body == null ? null : body.justification(), reader())
                .map(v -> Response.noContent().build());
    }
}
