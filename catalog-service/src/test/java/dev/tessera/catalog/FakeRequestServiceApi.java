package dev.tessera.catalog;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Stands in, over real HTTP, for request-service's {@code /internal/v1/usage}: what still uses a
 * package or policy. Unknown ids are unused; a broken id answers 500 as an outage would.
 */
@Path("/internal/v1/usage")
@Produces(MediaType.APPLICATION_JSON)
public class FakeRequestServiceApi {

    private static final Map<String, long[]> USAGE = new ConcurrentHashMap<>();
    private static final java.util.Set<String> BROKEN = ConcurrentHashMap.newKeySet();

    /** Asking about this id fails (or, with false, works again). */
    public static void broken(String id, boolean broken) {
        if (broken) {
            BROKEN.add(id);
        } else {
            BROKEN.remove(id);
        }
    }

    /** Live assignments and open requests of a package or policy id. */
    public static void uses(String id, long assignments, long openRequests) {
        USAGE.put(id, new long[] {assignments, openRequests});
    }

    @GET
    public RestResponse<Map<String, Object>> usage(@QueryParam("accessPackageId") String packageId,
            @QueryParam("assignmentPolicyId") String policyId) {
        String id = packageId != null ? packageId : policyId;
        if (BROKEN.contains(id)) {
            return RestResponse.serverError();
        }
        long[] counts = USAGE.getOrDefault(id, new long[2]);
        return RestResponse.ok(Map.of("assignments", counts[0], "openRequests", counts[1]));
    }
}
