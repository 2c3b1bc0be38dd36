package dev.tessera.request.request;

import dev.tessera.request.extension.CalloutInstanceJson;
import dev.tessera.request.extension.CalloutCallbacks;
import dev.tessera.request.extension.CustomExtensionCallout;
import dev.tessera.request.extension.ResumeBody;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.platform.graph.Caller;
import dev.tessera.platform.graph.Expandable;
import dev.tessera.platform.graph.GraphException;
import dev.tessera.platform.graph.GraphJson;
import dev.tessera.platform.graph.Ids;
import dev.tessera.platform.graph.PageToken;
import dev.tessera.platform.graph.query.QueryOptions;
import dev.tessera.request.assignment.Assignment;
import dev.tessera.request.assignment.AssignmentJson;
import dev.tessera.request.assignment.SubjectJson;
import dev.tessera.request.catalog.AssignmentAuthority;
import dev.tessera.request.metrics.RequestMetrics;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code /identityGovernance/entitlementManagement/assignmentRequests}. */
@Path("/v1.0/identityGovernance/entitlementManagement/assignmentRequests")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class AssignmentRequestApi {

    static final String ENTITY_SET = "identityGovernance/entitlementManagement/assignmentRequests";

    @Inject
    AssignmentRequestService service;

    @Inject
    CalloutCallbacks callbacks;

    @Inject
    AssignmentRequestRepository repository;

    @Inject
    dev.tessera.request.assignment.AssignmentRepository assignments;

    @Inject
    Caller caller;

    @Inject
    GraphJson json;

    @Inject
    ObjectMapper mapper;

    @Inject
    RequestMetrics metrics;

    @Inject
    AssignmentAuthority authority;

    @Inject
    dev.tessera.request.subject.SubjectStore subjects;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> create(AssignmentRequestBody body, @Context UriInfo uri) {
        return mayAdminister(body)
                .map(may -> new AssignmentRequestService.Requestor(caller.objectId(), may,
                        caller.email().orElse(null)))
                .chain(requestor -> service.submit(body, requestor))
                .invoke(metrics::submitted)
                .map(request -> Response.status(201)
                        .entity(json.entity(uri, ENTITY_SET, toJson(request, null, false, false)))
                        .build());
    }

    @GET
    @Expandable(type = "accessPackageAssignmentRequest", value = {"accessPackage", "assignment", "requestor"})
    public Uni<ObjectNode> list(@Context UriInfo uri) {
        QueryOptions options = QueryOptions.parse(uri.getQueryParameters());
        UUID after = options.skipToken().map(PageToken::decode).map(t -> Ids.parse(t, "$skiptoken")).orElse(null);
        return authority.visibility().chain(visible -> repository.page(options.filter(), visible, after, options.top()))
                .chain(rows -> page(rows, options, uri));
    }

    /** One page of a list (the query asked for top + 1 rows), expanded, with its absolute next link. */
    private Uni<ObjectNode> page(List<AssignmentRequest> rows, QueryOptions options, UriInfo uri) {
        boolean more = rows.size() > options.top();
        List<AssignmentRequest> page = more ? rows.subList(0, options.top()) : rows;
        String next = more ? PageToken.encode(page.get(page.size() - 1).id.toString()) : null;
        return expandAll(page, options).map(items -> json.collection(uri, ENTITY_SET, items, next, options.select(), null));
    }

    public static final Pattern FILTER_BY_CURRENT_USER = Pattern.compile("filterByCurrentUser\\(on=(.*)\\)",
            Pattern.CASE_INSENSITIVE);

    /** {@code filterByCurrentUser(on='target'|'createdBy'|'targetOrRequestor')}, reached through {@link #get}. */
    private Uni<ObjectNode> mine(String on, UriInfo uri) {
        String option = on.replace("'", "").trim();
        AssignmentRequestRepository.Mine mine = java.util.Arrays.stream(AssignmentRequestRepository.Mine.values())
                .filter(m -> m.name().equalsIgnoreCase(option)).findFirst()
                .orElseThrow(() -> GraphException.badRequest("filterByCurrentUser on '" + option + "' is not "
                        + "supported for requests; use target, createdBy or targetOrRequestor (approvers: "
                        + "accessPackageAssignmentApprovals/filterByCurrentUser(on='approver'))."));
        QueryOptions options = QueryOptions.parse(uri.getQueryParameters());
        UUID me = caller.objectId();
        // an external requestor is the target of the subjects they asked for themselves as
        return subjects.idsOfRequestor(me)
                .chain(asked -> repository.page(options.filter(), me, asked, mine, options.afterId(), options.top()))
                .chain(rows -> page(rows, options, uri));
    }

    /**
     * Cancels the caller's own request (or any, for an administrator) while it waits for approval or for its
     * start: 204; one no longer waiting (approved, denied, started, canceled already): 409.
     */
    @POST
    @Path("{id}/cancel")
    public Uni<Response> cancel(@PathParam("id") String id) {
        UUID requestId = Ids.pathId(id, "an assignment request");
        return managesPackageOf(requestId).chain(manages -> Transactions.retryingConflicts(
                        () -> service.cancel(requestId, caller.objectId(), manages)))
                .map(v -> Response.noContent().build());
    }

    /**
     * Graph's {@code resume}: the custom extension a request waits for calls back (204) and the request
     * goes on. By an administrator of the package's assignments or an app with EntitlementManagement.ReadWrite.All;
     * a request no longer waiting answers 409.
     */
    @POST
    @Path("{id}/resume")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> resume(@PathParam("id") String id, ResumeBody body) {
        UUID requestId = Ids.pathId(id, "an assignment request");
        return managesPackageOf(requestId).chain(manages -> Transactions.retryingConflicts(
                        () -> callbacks.resume(requestId, body, caller.objectId(), manages)))
                .map(v -> Response.noContent().build());
    }

    /**
     * Delivers again what failed (202): only a request whose delivery failed or was partial, within
     * 14 days of its completion; by an administrator, its requestor or its target.
     */
    @POST
    @Path("{id}/reprocess")
    public Uni<Response> reprocess(@PathParam("id") String id) {
        UUID requestId = Ids.pathId(id, "an assignment request");
        return managesPackageOf(requestId).chain(manages -> service.reprocess(requestId, caller.objectId(), manages))
                .map(v -> Response.accepted().build());
    }

    @GET
    @Path("{id}")
    @Expandable(type = "accessPackageAssignmentRequest", value = {"accessPackage", "assignment", "requestor"})
    public Uni<ObjectNode> get(@PathParam("id") String id, @Context UriInfo uri) {
        Matcher function = FILTER_BY_CURRENT_USER.matcher(id);
        if (function.matches()) {
            return mine(function.group(1), uri);
        }
        QueryOptions options = QueryOptions.parse(uri.getQueryParameters());
        UUID requestId = Ids.pathId(id, "an assignment request");
        return repository.findById(requestId)
                .call(request -> (request == null ? Uni.createFrom().item(false) : visible(request)).invoke(yes -> {
                    if (!yes) {
                        throw GraphException.notFound("Assignment request '" + id + "' was not found.");
                    }
                }))
                // one read of the assignment serves both $expand=assignment and the delivery trace
                .chain(request -> (request.assignmentId == null ? Uni.createFrom().<Assignment>nullItem()
                        : io.quarkus.hibernate.reactive.panache.Panache.withSession(
                                () -> Assignment.<Assignment>findById(request.assignmentId)))
                        .chain(assignment -> callouts(List.of(request)).map(callouts -> toJson(request,
                                options.expands("assignment").isPresent() ? assignment : null,
                                options.expands("accessPackage").isPresent(), options.expands("requestor").isPresent(),
                                trace(request, assignment), callouts))))
                .map(item -> json.entity(uri, ENTITY_SET, item, options.select()));
    }

    /** Its requestor and target see a request, and whoever may see its package's requests. */
    private Uni<Boolean> visible(AssignmentRequest request) {
        if (request.isFor(caller.objectId())) {
            return Uni.createFrom().item(true);
        }
        return authority.sees(request.accessPackageId);
    }

    /** Whether the caller manages the package of this request (false when there is no such request). */
    private Uni<Boolean> managesPackageOf(UUID requestId) {
        if (authority.managesAll()) {
            return Uni.createFrom().item(true);
        }
        return repository.findById(requestId)
                .chain(request -> request == null ? Uni.createFrom().item(false) : authority.manages(request.accessPackageId));
    }

    /**
     * Whether the caller may make this request as an administrator: adminAdd, adminUpdate and
     * adminRemove for a package they manage (the service refuses them to anyone else).
     */
    private Uni<Boolean> mayAdminister(AssignmentRequestBody body) {
        if (authority.managesAll()) {
            return Uni.createFrom().item(true);
        }
        if (body == null || body.requestType() == null || body.assignment() == null) {
            return Uni.createFrom().item(false);
        }
        AssignmentRequestBody.AssignmentRef ref = body.assignment();
        return switch (body.requestType()) {
            case adminAdd -> Ids.isGuid(ref.accessPackageId())
                    ? authority.manages(UUID.fromString(ref.accessPackageId())) : Uni.createFrom().item(false);
            case adminUpdate, adminRemove -> Ids.isGuid(ref.id())
                    ? assignments.findById(UUID.fromString(ref.id())).chain(a -> a == null ? Uni.createFrom().item(false)
                            : authority.manages(a.accessPackageId))
                    : Uni.createFrom().item(false);
            default -> Uni.createFrom().item(false);
        };
    }

    private Uni<List<AssignmentRequestJson>> expandAll(List<AssignmentRequest> requests, QueryOptions options) {
        boolean expandAssignment = options.expands("assignment").isPresent();
        boolean expandPackage = options.expands("accessPackage").isPresent();
        boolean expandRequestor = options.expands("requestor").isPresent();
        if (!expandAssignment) {
            return callouts(requests).map(callouts -> requests.stream()
                    .map(r -> toJson(r, null, expandPackage, expandRequestor, null, callouts)).toList());
        }
        List<UUID> ids = requests.stream().map(r -> r.assignmentId).filter(java.util.Objects::nonNull).toList();
        Uni<List<Assignment>> assignments = ids.isEmpty() ? Uni.createFrom().item(List.of())
                : io.quarkus.hibernate.reactive.panache.Panache.withSession(
                        () -> Assignment.<Assignment>list("id in ?1", ids));
        return assignments.chain(found -> callouts(requests).map(callouts -> {
            Map<UUID, Assignment> byId = new java.util.HashMap<>();
            found.forEach(a -> byId.put(a.id, a));
            return requests.stream().map(r -> toJson(r, byId.get(r.assignmentId), expandPackage, expandRequestor,
                    null, callouts)).toList();
        }));
    }

    /**
     * The customExtensionCalloutInstances of these requests, by request id: one query, and none when no
     * request's policy bound an extension.
     */
    private Uni<Map<UUID, List<Object>>> callouts(List<AssignmentRequest> requests) {
        List<UUID> ids = requests.stream().filter(r -> r.customExtensions != null).map(r -> r.id).toList();
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return io.quarkus.hibernate.reactive.panache.Panache.withSession(() -> CustomExtensionCallout
                .<CustomExtensionCallout>list("requestId in ?1 order by createdAt, id", ids))
                .map(rows -> {
                    Map<UUID, List<Object>> byRequest = new java.util.HashMap<>();
                    rows.forEach(c -> byRequest.computeIfAbsent(c.requestId, k -> new java.util.ArrayList<>())
                            .add(CalloutInstanceJson.of(c)));
                    return byRequest;
                });
    }

    private AssignmentRequestJson toJson(AssignmentRequest r, Assignment assignment, boolean expandPackage,
            boolean expandRequestor) {
        return toJson(r, assignment, expandPackage, expandRequestor, null, Map.of());
    }

    private AssignmentRequestJson toJson(AssignmentRequest r, Assignment assignment, boolean expandPackage,
            boolean expandRequestor, Map<String, Object> deliveryTrace, Map<UUID, List<Object>> callouts) {
        return new AssignmentRequestJson(
                r.id.toString(), r.requestType, r.state, r.status, r.createdAt, r.completedAt, r.justification,
                r.requestType.isRemoval() ? null
                        : ScheduleJson.of(r.scheduleStart, r.scheduleEnd, r.scheduleDuration, r.expirationType),
                answers(r.answers), callouts.getOrDefault(r.id, List.of()),
                expandPackage ? Map.of("id", r.accessPackageId.toString()) : null,
                assignment == null ? null : AssignmentJson.of(assignment, false, false, false),
                expandRequestor ? SubjectJson.user(r.requestorObjectId, r.requestorDisplayName, r.requestorPrincipalName,
                        r.requestorEmail) : null, deliveryTrace);
    }

    /**
     * "Why doesn't she have access yet?": when the request was made, when access was granted (after
     * approval, if any), when it completed, and per resource role when delivery started and ended,
     * with the reason of a failure.
     */
    private Map<String, Object> trace(AssignmentRequest r, Assignment assignment) {
        Map<String, Object> trace = new java.util.LinkedHashMap<>();
        trace.put("requestedDateTime", r.createdAt);
        trace.put("grantedDateTime", assignment == null || r.requestType.isRemoval() ? null : assignment.createdAt);
        trace.put("completedDateTime", r.completedAt);
        // why a request ended without access: a denial (with the approver's reason), a separation-of-duties
        // conflict found at approval, the roles whose delivery failed
        trace.put("reason", r.failure);
        List<Object> roles = new java.util.ArrayList<>();
        if (assignment != null && assignment.deliveryDetail != null) {
            try {
                mapper.readTree(assignment.deliveryDetail).forEach(roles::add);
            } catch (JsonProcessingException e) {
                // an unreadable detail shows as no roles rather than failing the read
            }
        }
        trace.put("resourceRoles", roles);
        return trace;
    }

    private List<JsonNode> answers(String stored) {
        if (stored == null) {
            return List.of();
        }
        try {
            List<JsonNode> list = new java.util.ArrayList<>();
            mapper.readTree(stored).forEach(list::add);
            return list;
        } catch (JsonProcessingException e) {
            return List.of();
        }
    }
}
