package dev.tessera.pim.schedule;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.pim.approval.ApprovalService;
import dev.tessera.platform.graph.Caller;
import dev.tessera.platform.graph.GraphException;
import dev.tessera.platform.graph.GraphJson;
import dev.tessera.platform.graph.Ids;
import dev.tessera.platform.graph.PageToken;
import dev.tessera.platform.graph.query.FilterExpr;
import dev.tessera.platform.graph.query.QueryOptions;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code roleAssignmentScheduleRequests} and {@code roleEligibilityScheduleRequests}: the same
 * operations on the two kinds of schedule.
 */
@Authenticated
public abstract class ScheduleRequestResource {

    static final Pattern FILTER_BY_CURRENT_USER = Pattern.compile("filterByCurrentUser\\(on=(.*)\\)",
            Pattern.CASE_INSENSITIVE);

    @Inject
    ScheduleService service;

    @Inject
    ScheduleQueries queries;

    @Inject
    ApprovalService approvals;

    @Inject
    Caller caller;

    @Inject
    GraphJson json;

    protected abstract String kind();

    protected abstract String entitySet();

    ScheduleService.Caller who() {
        return new ScheduleService.Caller(caller.objectId(), caller.isPrivilegedRoleAdmin(), caller.hasMfa());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> create(ScheduleRequestBody body, @Context UriInfo uri) {
        return service.submit(kind(), body, who()).map(request -> Response.status(201)
                .entity(json.entity(uri, entitySet(), PimJson.Request.of(request))).build());
    }

    @GET
    public Uni<ObjectNode> list(@Context UriInfo uri) {
        return page(uri, caller.isPrivilegedRoleAdmin() ? Optional.empty() : Optional.of(caller.objectId()), null);
    }

    @GET
    @Path("{id}")
    @WithSession
    public Uni<ObjectNode> get(@PathParam("id") String id, @Context UriInfo uri) {
        Matcher function = FILTER_BY_CURRENT_USER.matcher(id);
        if (function.matches()) {
            String on = function.group(1).replace("'", "").trim();
            if (on.equalsIgnoreCase("approver") && ScheduleKind.ASSIGNMENT.equals(kind())) {
                // requests waiting for the caller's approval (few; one page)
                return approvals.waitingFor(new ApprovalService.Reader(caller.objectId(), caller.isPrivilegedRoleAdmin())).map(views -> json.collection(uri, entitySet(),
                        views.stream().map(v -> PimJson.Request.of(v.request())).toList(), null));
            }
            if (!on.equalsIgnoreCase("principal") && !on.equalsIgnoreCase("createdBy")) {
                throw GraphException.badRequest("filterByCurrentUser on '" + on + "' is not supported; use "
                        + "on='principal', on='createdBy'"
                        + (ScheduleKind.ASSIGNMENT.equals(kind()) ? " or on='approver'." : "."));
            }
            return page(uri, Optional.of(caller.objectId()), on);
        }
        UUID requestId = Ids.pathId(id, "a schedule request");
        return RoleScheduleRequest.<RoleScheduleRequest>findById(requestId).map(request -> {
            if (request == null || !request.kind.equals(kind()) || !(caller.isPrivilegedRoleAdmin()
                    || request.principalId.equals(caller.objectId()) || request.createdBy.equals(caller.objectId()))) {
                throw GraphException.notFound("Schedule request '" + id + "' was not found.");
            }
            return json.entity(uri, entitySet(), PimJson.Request.of(request));
        });
    }

    @POST
    @Path("{id}/cancel")
    public Uni<Response> cancel(@PathParam("id") String id) {
        return service.cancel(kind(), Ids.pathId(id, "a schedule request"), who())
                .map(v -> Response.noContent().build());
    }

    private Uni<ObjectNode> page(UriInfo uri, Optional<UUID> onlyFor, String on) {
        QueryOptions options = QueryOptions.parse(uri.getQueryParameters());
        Optional<FilterExpr> filter = options.filter();
        UUID after = options.skipToken().map(PageToken::decode).map(t -> Ids.parse(t, "$skiptoken")).orElse(null);
        return queries.requests(kind(), filter, onlyFor, on, after, options.top()).map(rows -> {
            boolean more = rows.size() > options.top();
            List<RoleScheduleRequest> page = more ? rows.subList(0, options.top()) : rows;
            String next = more ? PageToken.encode(page.get(page.size() - 1).id.toString()) : null;
            return json.collection(uri, entitySet(), page.stream().map(PimJson.Request::of).toList(), next,
                    options.select(), null);
        });
    }
}
