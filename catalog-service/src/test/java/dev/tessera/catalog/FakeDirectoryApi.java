package dev.tessera.catalog;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Stands in for provisioning-service's group reads over real HTTP (the test app serves it). */
@Path("/v1.0/groups")
@Produces(MediaType.APPLICATION_JSON)
public class FakeDirectoryApi {

    static final Set<String> GROUPS = ConcurrentHashMap.newKeySet();

    public static void group(String id) {
        GROUPS.add(id);
    }

    @GET
    @Path("{id}")
    public Map<String, Object> get(@PathParam("id") String id) {
        if (!GROUPS.contains(id)) {
            throw new NotFoundException();
        }
        return Map.of("id", id, "displayName", "Group " + id.substring(0, 8), "description", "A test group");
    }
}
