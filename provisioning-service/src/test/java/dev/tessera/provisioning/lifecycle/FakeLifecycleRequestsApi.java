package dev.tessera.provisioning.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for request-service's {@code POST /internal/lifecycle/assignmentRequests} over real HTTP:
 * answers request ids, refuses a package in {@link #REFUSED} with a Graph 400, and answers 503 while
 * {@link #OUTAGES} of a package still has failures to give (request-service down).
 */
@Path("/internal/lifecycle/assignmentRequests")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class FakeLifecycleRequestsApi {

    static final List<JsonNode> CALLS = new CopyOnWriteArrayList<>();
    static final Map<String, String> REFUSED = new ConcurrentHashMap<>();
    static final Map<String, AtomicInteger> OUTAGES = new ConcurrentHashMap<>();

    @POST
    public Response create(JsonNode body) {
        String packageId = body.path("accessPackageId").asText("all");
        AtomicInteger outage = OUTAGES.get(body.path("targetId").asText());
        if (outage != null && outage.getAndDecrement() > 0) {
            return Response.status(503).entity(Map.of("error", Map.of("code", "serviceNotAvailable",
                    "message", "down"))).build();
        }
        CALLS.add(body);
        String refusal = REFUSED.get(packageId);
        if (refusal != null) {
            return Response.status(400).entity(Map.of("error", Map.of("code", "BadRequest", "message", refusal))).build();
        }
        return Response.ok(Map.of("requestIds", List.of(UUID.randomUUID().toString()))).build();
    }
}
