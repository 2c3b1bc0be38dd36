package dev.tessera.request.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.platform.graph.Caller;
import dev.tessera.platform.graph.GraphException;
import dev.tessera.platform.graph.Ids;
import dev.tessera.request.assignment.Assignment;
import dev.tessera.request.assignment.AssignmentState;
import dev.tessera.request.request.AssignmentRequestBody;
import dev.tessera.request.request.AssignmentRequestService;
import dev.tessera.request.request.RequestType;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * For provisioning-service's lifecycle workflows (docs/lifecycle-workflows.md): the access-package tasks'
 * requests, made as an administrator's {@code adminAdd} / {@code adminRemove} would be (the policy's scope
 * rules apply), with the justification the workflow gives. {@code all}: an adminRemove of every live
 * assignment of the target. Answers the created requests' ids; a refusal is the Graph error an
 * administrator would get. Not a Graph API: service token only ({@code /internal}), never routed.
 */
@Path("/internal/lifecycle/assignmentRequests")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
public class LifecycleRequestsApi {

    static final int MAX_JUSTIFICATION = 1000;

    @Inject
    AssignmentRequestService requests;

    @Inject
    Caller caller;

    @POST
    @WithSession
    public Uni<Map<String, List<String>>> create(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw GraphException.badRequest("A body is required.");
        }
        UUID target = Ids.parse(body.path("targetId").asText(null), "targetId");
        String type = body.path("requestType").asText("");
        boolean all = body.path("all").asBoolean(false);
        String justification = body.path("justification").asText(null);
        if (justification != null && justification.length() > MAX_JUSTIFICATION) {
            throw GraphException.invalidField("justification", "Property 'justification' is too long.");
        }
        AssignmentRequestService.Requestor requestor = new AssignmentRequestService.Requestor(caller.objectId(), true);
        switch (type) {
            case "adminAdd" -> {
                if (all) {
                    throw GraphException.invalidField("all", "'all' is only for adminRemove.");
                }
                String packageId = Ids.parse(body.path("accessPackageId").asText(null), "accessPackageId").toString();
                String policyId = Ids.parse(body.path("assignmentPolicyId").asText(null), "assignmentPolicyId").toString();
                AssignmentRequestBody request = new AssignmentRequestBody(RequestType.adminAdd, justification,
                        new AssignmentRequestBody.AssignmentRef(null, target.toString(), policyId, packageId, null), null, null);
                return requests.submit(request, requestor).map(created -> Map.of("requestIds", List.of(created.id.toString())));
            }
            case "adminRemove" -> {
                UUID packageId = all ? null : Ids.parse(body.path("accessPackageId").asText(null), "accessPackageId");
                Uni<List<Assignment>> live = packageId == null
                        ? Assignment.list("targetObjectId = ?1 and state <> ?2 order by createdAt, id", target, AssignmentState.expired)
                        : Assignment.list("targetObjectId = ?1 and accessPackageId = ?2 and state <> ?3 order by createdAt, id",
                                target, packageId, AssignmentState.expired);
                return live.chain(assignments -> {
                    if (!all && assignments.isEmpty()) {
                        throw GraphException.badRequest("User '" + target + "' has no assignment of access package '"
                                + packageId + "'.");
                    }
                    Uni<List<String>> ids = Uni.createFrom().item(new ArrayList<>());
                    for (Assignment assignment : assignments) {
                        AssignmentRequestBody request = new AssignmentRequestBody(RequestType.adminRemove, justification,
                                new AssignmentRequestBody.AssignmentRef(assignment.id.toString(), null, null, null, null), null, null);
                        ids = ids.chain(list -> requests.submit(request, requestor).map(created -> {
                            list.add(created.id.toString());
                            return list;
                        }));
                    }
                    return ids.map(list -> Map.of("requestIds", List.copyOf(list)));
                });
            }
            default -> throw GraphException.invalidField("requestType", "Property 'requestType' must be adminAdd or adminRemove.");
        }
    }
}
