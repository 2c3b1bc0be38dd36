package dev.tessera.catalog;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Stands in for provisioning-service's {@code GET /v1.0/groups/{id}} over real HTTP: the test
 * application serves it and the directory REST client points at the test application. Remembers
 * the Authorization header each group was read with.
 */
@Path("/v1.0/groups")
@Produces(MediaType.APPLICATION_JSON)
public class FakeDirectoryApi {

    /** A group id whose lookup fails with a 500, as a directory outage would. */
    public static final String BROKEN = "00000000-0000-4000-8000-0000000005a5";

    private static final Map<String, String> GROUPS = new ConcurrentHashMap<>();
    private static final Map<String, String> AUTHORIZATION = new ConcurrentHashMap<>();

    /** A new group in the fake directory; returns its id. */
    public static String newGroup(String displayName) {
        String id = UUID.randomUUID().toString();
        GROUPS.put(id, displayName);
        return id;
    }

    /** The Authorization header the group was last read with. */
    public static String authorizationSeenFor(String groupId) {
        return AUTHORIZATION.get(groupId);
    }

    @GET
    @Path("{id}")
    public RestResponse<Map<String, Object>> get(@PathParam("id") String id,
            @HeaderParam("Authorization") String authorization) {
        if (authorization != null) {
            AUTHORIZATION.put(id, authorization);
        }
        if (BROKEN.equals(id)) {
            return RestResponse.serverError();
        }
        String name = GROUPS.get(id);
        if (name == null) {
            return RestResponse.notFound();
        }
        return RestResponse.ok(Map.of("@odata.type", "#microsoft.graph.group", "id", id, "displayName", name,
                "description", "Group " + name, "securityEnabled", true, "mailEnabled", false));
    }
}
