package dev.tessera.request.fake;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Stands in for provisioning-service's group member reads over real HTTP. */
@Path("/v1.0/groups")
@Produces(MediaType.APPLICATION_JSON)
public class FakeGroupsApi {

    static final Map<String, Set<String>> MEMBERS = new ConcurrentHashMap<>();

    public static void group(String id, String... members) {
        MEMBERS.put(id, Set.of(members));
    }

    @GET
    @Path("{id}/members")
    public Map<String, Object> members(@PathParam("id") String id) {
        Set<String> members = MEMBERS.get(id);
        if (members == null) {
            throw new NotFoundException();
        }
        return Map.of("value", members.stream().map(m -> Map.of("@odata.type", "#microsoft.graph.user", "id", m)).toList());
    }
}
