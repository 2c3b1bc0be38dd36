package dev.tessera.request.approval;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.platform.graph.Caller;
import dev.tessera.platform.graph.DatabaseErrors;
import dev.tessera.platform.graph.GraphException;
import dev.tessera.request.request.Transactions;
import dev.tessera.platform.graph.GraphJson;
import dev.tessera.platform.graph.Ids;
import dev.tessera.request.catalog.AssignmentAuthority;
import dev.tessera.request.request.AssignmentRequest;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
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
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code /identityGovernance/entitlementManagement/accessPackageAssignmentApprovals}. */
@Path("/v1.0/identityGovernance/entitlementManagement/accessPackageAssignmentApprovals")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class ApprovalApi {

    static final String ENTITY_SET = "identityGovernance/entitlementManagement/accessPackageAssignmentApprovals";

    /** The PATCH body of a stage. */
    public record StageDecision(String reviewResult, String justification) {
    }

    @Inject
    Caller caller;

    @Inject
    GraphJson json;

    @Inject
    ApprovalService approvals;

    @Inject
    AssignmentAuthority authority;

    static final Pattern FILTER_BY_CURRENT_USER = Pattern.compile("filterByCurrentUser\\(on=(.*)\\)",
            Pattern.CASE_INSENSITIVE);

    /**
     * The approvals waiting for the caller's decision: {@code filterByCurrentUser(on='approver')}.
     * Served through {@link #get}: clients percent-encode the parentheses and quotes, and the segment
     * is only recognisable once decoded.
     */
    private Uni<ObjectNode> filterByCurrentUser(String on, UriInfo uri) {
        String option = on == null ? "" : on.replace("'", "").trim();
        if (!option.equalsIgnoreCase("approver")) {
            throw GraphException.badRequest("filterByCurrentUser on '" + option + "' is not supported for approvals; "
                    + "use on='approver'.");
        }
        UUID me = caller.objectId();
        return ApprovalStage.<ApprovalStage>find("from ApprovalStage s where s.status = ?1 and exists (select 1 "
                        + "from ApprovalApprover a where a.stageId = s.id and a.approverId = ?2 "
                        + "and (a.escalation = false or s.escalated = true))", ApprovalStage.IN_PROGRESS, me).list()
                .chain(current -> approvalsOf(current.stream().map(s -> s.requestId).distinct().toList(), me))
                .map(items -> json.collection(uri, ENTITY_SET, items, null));
    }

    @GET
    @Path("{id}")
    @WithSession
    public Uni<ObjectNode> get(@PathParam("id") String id, @Context UriInfo uri) {
        Matcher function = FILTER_BY_CURRENT_USER.matcher(id);
        if (function.matches()) {
            return filterByCurrentUser(function.group(1), uri);
        }
        UUID requestId = Ids.pathId(id, "an approval");
        return visible(requestId)
                .chain(() -> approvalsOf(List.of(requestId), caller.objectId()))
                .map(items -> {
                    if (items.isEmpty()) {
                        throw notFound(id);
                    }
                    return json.entity(uri, ENTITY_SET, items.get(0));
                });
    }

    @GET
    @Path("{id}/stages")
    @WithSession
    public Uni<ObjectNode> stages(@PathParam("id") String id, @Context UriInfo uri) {
        UUID requestId = Ids.pathId(id, "an approval");
        return visible(requestId)
                .chain(() -> approvalsOf(List.of(requestId), caller.objectId()))
                .map(items -> json.collection(uri, ENTITY_SET + "('" + id + "')/stages",
                        items.isEmpty() ? List.of() : items.get(0).stages(), null));
    }

    @GET
    @Path("{id}/stages/{stageId}")
    @WithSession
    public Uni<ObjectNode> stage(@PathParam("id") String id, @PathParam("stageId") String stageId,
            @Context UriInfo uri) {
        UUID requestId = Ids.pathId(id, "an approval");
        return visible(requestId)
                .chain(() -> approvalsOf(List.of(requestId), caller.objectId()))
                .map(items -> items.stream().flatMap(a -> a.stages().stream())
                        .filter(s -> s.id().equalsIgnoreCase(stageId)).findFirst()
                        .map(s -> json.entity(uri, ENTITY_SET + "('" + id + "')/stages", s))
                        .orElseThrow(() -> GraphException.notFound("Approval stage '" + stageId + "' was not found.")));
    }

    @PATCH
    @Path("{id}/stages/{stageId}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Void> decide(@PathParam("id") String id, @PathParam("stageId") String stageId, StageDecision body) {
        UUID requestId = Ids.pathId(id, "an approval");
        UUID stage = Ids.pathId(stageId, "an approval stage");
        // no body: 'reviewResult' is missing, which the service says once it knows the caller may decide
        String reviewResult = body == null ? null : body.reviewResult();
        String justification = body == null ? null : body.justification();
        return Transactions.retryingConflicts(() -> approvals.decide(requestId, stage, caller.objectId(),
                        reviewResult, justification))
                .onFailure(DatabaseErrors::isUniqueViolation)
                .recoverWithUni(e -> approvals.endAfterGrantConflict(requestId).chain(() -> Uni.createFrom()
                        .failure(GraphException.conflict("ExistingAssignment", "The request was approved, but its "
                                + "target meanwhile got an assignment to this access package; the request is denied."))));
    }

    /**
     * Approvers of any stage, entitlement readers and the managers of the request's package (see
     * {@link AssignmentAuthority}) see an approval; anyone else gets 404.
     */
    private Uni<Void> visible(UUID requestId) {
        if (caller.isEntitlementReader()) {
            return Uni.createFrom().voidItem();
        }
        return ApprovalApprover.count("approverId = ?1 and stageId in (select s.id from ApprovalStage s "
                        + "where s.requestId = ?2)", caller.objectId(), requestId)
                .chain(n -> n > 0 ? Uni.createFrom().item(true)
                        : AssignmentRequest.<AssignmentRequest>findById(requestId).chain(request -> request == null
                                ? Uni.createFrom().item(false) : authority.sees(request.accessPackageId)))
                .invoke(yes -> {
                    if (!yes) {
                        throw notFound(requestId.toString());
                    }
                }).replaceWithVoid();
    }

    private Uni<List<ApprovalJson>> approvalsOf(List<UUID> requestIds, UUID me) {
        if (requestIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return ApprovalStage.<ApprovalStage>list("requestId in ?1", requestIds).chain(stages -> {
            List<UUID> stageIds = stages.stream().map(s -> s.id).toList();
            Uni<List<ApprovalApprover>> mine = stageIds.isEmpty() ? Uni.createFrom().item(List.of())
                    : ApprovalApprover.list("stageId in ?1 and approverId = ?2", stageIds, me);
            return mine.map(assigned -> {
                Set<UUID> primaryFor = new HashSet<>();
                Set<UUID> escalationFor = new HashSet<>();
                assigned.forEach(a -> (a.escalation ? escalationFor : primaryFor).add(a.stageId));
                Map<UUID, List<ApprovalJson.StageJson>> byRequest = new LinkedHashMap<>();
                requestIds.forEach(r -> byRequest.put(r, new ArrayList<>()));
                stages.stream().filter(ApprovalStage::started)
                        .sorted(Comparator.comparingInt(s -> s.stageIndex))
                        .forEach(s -> byRequest.get(s.requestId).add(ApprovalJson.StageJson.of(s,
                                primaryFor.contains(s.id) || (s.escalated && escalationFor.contains(s.id)))));
                List<ApprovalJson> result = new ArrayList<>();
                byRequest.forEach((request, list) -> {
                    if (stages.stream().anyMatch(s -> s.requestId.equals(request))) {
                        result.add(new ApprovalJson(request.toString(), list));
                    }
                });
                return result;
            });
        });
    }

    private static GraphException notFound(String id) {
        return GraphException.notFound("Approval '" + id + "' was not found.");
    }
}
