package dev.tessera.request.fake;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Stands in for catalog-service's internal list of auto-assignment policies; tests add theirs. */
@Path("/internal/v1/automaticPolicies")
@Produces(MediaType.APPLICATION_JSON)
public class FakeAutomaticPoliciesApi {

    static final List<ObjectNode> POLICIES = new CopyOnWriteArrayList<>();

    public static void add(ObjectNode entry) {
        POLICIES.add(entry);
    }

    @GET
    public List<ObjectNode> list() {
        return POLICIES;
    }
}
