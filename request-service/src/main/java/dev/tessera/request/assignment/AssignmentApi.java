package dev.tessera.request.assignment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.platform.graph.Caller;
import dev.tessera.platform.graph.Expandable;
import dev.tessera.platform.graph.GraphException;
import dev.tessera.platform.graph.GraphJson;
import dev.tessera.platform.graph.Ids;
import dev.tessera.platform.graph.PageToken;
import dev.tessera.platform.graph.query.Page;
import dev.tessera.platform.graph.query.Keyset;
import dev.tessera.platform.graph.query.QueryOptions;
import dev.tessera.request.catalog.AssignmentAuthority;
import dev.tessera.request.request.AssignmentRequestApi;
import dev.tessera.request.request.AssignmentRequestService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
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
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import org.jboss.resteasy.reactive.ResponseHeader;

/** {@code /identityGovernance/entitlementManagement/assignments}: read-only, changed through requests. */
@Path("/v1.0/identityGovernance/entitlementManagement/assignments")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class AssignmentApi {

    static final String ENTITY_SET = "identityGovernance/entitlementManagement/assignments";

    @Inject
    AssignmentRepository repository;

    @Inject
    Caller caller;

    @Inject
    GraphJson json;

    @Inject
    AssignmentRequestService requests;

    @Inject
    AssignmentCsv csv;

    @Inject
    AssignmentAuthority authority;

    @Inject
    dev.tessera.request.subject.SubjectStore subjects;

    /**
     * The same list as {@code GET assignments} (same {@code $filter}, same visibility) as CSV, every
     * matching row, streamed — the portal's "Download"; a Tessera extension, not a Graph API.
     */
    @GET
    @Path("export")
    @Produces("text/csv")
    @ResponseHeader(name = "Content-Disposition", value = "attachment; filename=\"assignments.csv\"")
    public Multi<String> export(@Context UriInfo uri) {
        QueryOptions options = QueryOptions.parse(uri.getQueryParameters());
        // A bad $filter is a 400 now, before the 200 and the header are on their way.
        Keyset.where(options.filter(), AssignmentRepository.FIELDS);
        return authority.visibility().onItem().transformToMulti(visible -> csv.export(options.filter(), visible));
    }

    @GET
    @Expandable(type = "accessPackageAssignment", value = {"target", "accessPackage", "assignmentPolicy"})
    public Uni<ObjectNode> list(@Context UriInfo uri) {
        QueryOptions options = QueryOptions.parse(uri.getQueryParameters());
        UUID after = options.skipToken().map(PageToken::decode).map(t -> Ids.parse(t, "$skiptoken")).orElse(null);
        return authority.visibility().chain(visible -> repository.page(options.filter(), visible, after, options.top()))
                .map(rows -> collection(uri, rows, options));
    }

    /** {@code filterByCurrentUser(on='target'|'createdBy')}, reached through {@link #get}. */
    private Uni<ObjectNode> mine(String on, UriInfo uri) {
        String option = on.replace("'", "").trim();
        QueryOptions options = QueryOptions.parse(uri.getQueryParameters());
        Uni<List<Assignment>> rows;
        if (option.equalsIgnoreCase("target")) {
            UUID me = caller.objectId();
            // an external requestor is the target of the subjects they asked for themselves as
            rows = subjects.idsOfRequestor(me)
                    .chain(asked -> repository.pageTarget(options.filter(), me, asked, options.afterId(), options.top()));
        } else if (option.equalsIgnoreCase("createdBy")) {
            rows = repository.pageCreatedBy(options.filter(), caller.objectId(), options.afterId(), options.top());
        } else {
            throw GraphException.badRequest("filterByCurrentUser on '" + option + "' is not supported for assignments; "
                    + "use target or createdBy.");
        }
        return rows.map(found -> collection(uri, found, options));
    }

    /** A page of assignments from a query that fetched {@code top + 1} rows. */
    private ObjectNode collection(UriInfo uri, List<Assignment> rows, QueryOptions options) {
        Page<Assignment> page = Page.of(rows, options.top(), a -> a.id.toString());
        return json.collection(uri, ENTITY_SET, page.map(a -> toJson(a, options)).items(), page.nextSkipToken(),
                options.select(), null);
    }

    /**
     * Delivers a failed or partly delivered assignment again (202): the request that created it is
     * reprocessed, see {@link AssignmentRequestService#reprocess}.
     */
    @POST
    @Path("{id}/reprocess")
    public Uni<Response> reprocess(@PathParam("id") String id) {
        UUID assignmentId = Ids.pathId(id, "an assignment");
        return repository.findById(assignmentId)
                .chain(a -> a == null ? Uni.createFrom().item(false) : authority.manages(a.accessPackageId))
                .chain(manages -> requests.reprocessAssignment(assignmentId, caller.objectId(), manages))
                .map(v -> Response.accepted().build());
    }

    @GET
    @Path("{id}")
    @Expandable(type = "accessPackageAssignment", value = {"target", "accessPackage", "assignmentPolicy"})
    public Uni<ObjectNode> get(@PathParam("id") String id, @Context UriInfo uri) {
        Matcher function = AssignmentRequestApi.FILTER_BY_CURRENT_USER.matcher(id);
        if (function.matches()) {
            return mine(function.group(1), uri);
        }
        QueryOptions options = QueryOptions.parse(uri.getQueryParameters());
        UUID assignmentId = Ids.pathId(id, "an assignment");
        return repository.findById(assignmentId).chain(assignment -> {
            if (assignment == null) {
                throw GraphException.notFound("Assignment '" + id + "' was not found.");
            }
            Uni<Boolean> visible = assignment.isFor(caller.objectId()) ? Uni.createFrom().item(true)
                    : authority.sees(assignment.accessPackageId);
            return visible.map(yes -> {
                if (!yes) {
                    throw GraphException.notFound("Assignment '" + id + "' was not found.");
                }
                return json.entity(uri, ENTITY_SET, toJson(assignment, options), options.select());
            });
        });
    }

    private static AssignmentJson toJson(Assignment assignment, QueryOptions options) {
        return AssignmentJson.of(assignment, options.expands("target").isPresent(),
                options.expands("accessPackage").isPresent(), options.expands("assignmentPolicy").isPresent());
    }
}
