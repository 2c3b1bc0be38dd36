package dev.tessera.request.fake;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stands in for catalog-service's request-context endpoint over real HTTP (the REST client in tests
 * points at the test application itself); tests register the packages they need.
 */
@Path("/internal/v1/accessPackages")
@Produces(MediaType.APPLICATION_JSON)
public class FakeCatalogApi {

    static final Map<String, ObjectNode> CONTEXTS = new ConcurrentHashMap<>();

    public static void register(String accessPackageId, ObjectNode context) {
        CONTEXTS.put(accessPackageId, context);
    }

    @GET
    @Path("{id}/requestContext")
    public ObjectNode context(@PathParam("id") String id) {
        ObjectNode context = CONTEXTS.get(id);
        if (context == null) {
            throw new NotFoundException();
        }
        return context;
    }
}
