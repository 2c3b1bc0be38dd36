package dev.tessera.pim;

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
 * Stands in for provisioning-service's {@code GET /v1.0/directory/administrativeUnits/{id}} over
 * real HTTP: the test application serves it and the directory REST client points at it.
 */
@Path("/v1.0/directory/administrativeUnits")
@Produces(MediaType.APPLICATION_JSON)
public class FakeDirectoryApi {

    /** A unit whose lookup fails with a 500, as a directory outage would. */
    public static final String BROKEN = "00000000-0000-4000-8000-0000000005a5";

    private static final Map<String, String> UNITS = new ConcurrentHashMap<>();
    private static final Map<String, String> AUTHORIZATION = new ConcurrentHashMap<>();

    public static String newAdministrativeUnit(String displayName) {
        String id = UUID.randomUUID().toString();
        UNITS.put(id, displayName);
        return id;
    }

    public static String authorizationSeenFor(String id) {
        return AUTHORIZATION.get(id);
    }

    @GET
    @Path("{id}")
    public RestResponse<Map<String, Object>> get(@PathParam("id") String id, @HeaderParam("Authorization") String authorization) {
        if (authorization != null) {
            AUTHORIZATION.put(id, authorization);
        }
        if (BROKEN.equals(id)) {
            return RestResponse.serverError();
        }
        String name = UNITS.get(id);
        return name == null ? RestResponse.notFound()
                : RestResponse.ok(Map.of("@odata.type", "#microsoft.graph.administrativeUnit", "id", id, "displayName", name));
    }
}
