package dev.tessera.request.internal;

import dev.tessera.platform.graph.GraphException;
import dev.tessera.platform.graph.Ids;
import dev.tessera.request.assignment.Assignment;
import dev.tessera.request.assignment.AssignmentState;
import dev.tessera.request.request.AssignmentRequest;
import dev.tessera.request.request.RequestState;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;

/**
 * For catalog-service's delete guards: how many live assignments and open requests (waiting for
 * approval or delivery) use an access package or a policy. Not a Graph API: the gateway does not
 * route {@code /internal}.
 */
@Path("/internal/v1/usage")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class UsageApi {

    /** What still uses the package or policy. */
    public record Usage(long assignments, long openRequests) {
    }

    static final List<RequestState> OPEN = List.of(RequestState.submitted, RequestState.pendingApproval,
            RequestState.delivering, RequestState.scheduled);

    @GET
    @WithSession
    public Uni<Usage> usage(@QueryParam("accessPackageId") String accessPackageId,
            @QueryParam("assignmentPolicyId") String assignmentPolicyId) {
        if ((accessPackageId == null) == (assignmentPolicyId == null)) {
            throw GraphException.badRequest("Give exactly one of accessPackageId and assignmentPolicyId.");
        }
        String field = accessPackageId != null ? "accessPackageId" : "assignmentPolicyId";
        UUID id = Ids.parse(accessPackageId != null ? accessPackageId : assignmentPolicyId, field);
        return Assignment.count(field + " = ?1 and state <> ?2", id, AssignmentState.expired)
                .chain(assignments -> AssignmentRequest.count(field + " = ?1 and state in ?2 and requestType in ?3", id, OPEN,
                                List.of(dev.tessera.request.request.RequestType.userAdd,
                                        dev.tessera.request.request.RequestType.adminAdd,
                                        dev.tessera.request.request.RequestType.systemAdd,
                                        dev.tessera.request.request.RequestType.onBehalfAdd))
                        .map(open -> new Usage(assignments, open)));
    }
}
