package dev.tessera.request.bulk;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.platform.graph.Caller;
import dev.tessera.platform.graph.GraphException;
import dev.tessera.platform.graph.GraphJson;
import dev.tessera.platform.graph.Ids;
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
import java.util.List;
import java.util.UUID;

/** Tessera extension: {@code GET …/assignments/tessera.bulkAssignmentJobs/{id}}, a bulk job's progress. */
@Path("/v1.0/identityGovernance/entitlementManagement/assignments/tessera.bulkAssignmentJobs")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class BulkAssignmentJobApi {

    static final String ENTITY_SET = "identityGovernance/entitlementManagement/assignments/tessera.bulkAssignmentJobs";

    /** How many failed members a job shows. */
    static final int FAILURES_SHOWN = 100;

    @Inject
    BulkAssignmentService service;

    @Inject
    Caller caller;

    @Inject
    GraphJson json;

    @GET
    @Path("{id}")
    public Uni<ObjectNode> get(@PathParam("id") String id, @Context UriInfo uri) {
        UUID jobId = Ids.pathId(id, "a bulk assignment job");
        return service.find(jobId, caller.objectId(), caller.isEntitlementReader()).chain(found -> {
            BulkAssignmentJob job = found.orElseThrow(() -> GraphException.notFound(
                    "Bulk assignment job '" + id + "' was not found."));
            return service.failures(job.id, FAILURES_SHOWN).map(failures -> json.entity(uri, ENTITY_SET, toJson(job,
                    failures)));
        });
    }

    static BulkAssignmentJobJson toJson(BulkAssignmentJob job, List<BulkAssignmentMember> failures) {
        return new BulkAssignmentJobJson(job.id.toString(), job.status, job.accessPackageId.toString(),
                job.assignmentPolicyId.toString(), job.groupId.toString(), job.total, job.done, job.created,
                job.skipped, job.failed, job.createdAt, job.completedAt, failures.stream()
                        .map(m -> new BulkAssignmentJobJson.Failure(m.memberId.toString(), m.reason)).toList());
    }
}
