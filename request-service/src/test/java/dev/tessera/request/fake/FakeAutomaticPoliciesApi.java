package dev.tessera.request.fake;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.platform.graph.Caller;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Stands in for catalog-service's internal list of auto-assignment policies; tests add theirs. It
 * refuses callers as the real one does (no token 401, no entitlement-management read permission 403),
 * so request-service's lifecycle rules work here only if they send the service token.
 */
@Path("/internal/v1/automaticPolicies")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class FakeAutomaticPoliciesApi {

    static final List<ObjectNode> POLICIES = new CopyOnWriteArrayList<>();

    static final AtomicReference<UUID> LAST_CALLER = new AtomicReference<>();

    @Inject
    Caller caller;

    public static void add(ObjectNode entry) {
        POLICIES.add(entry);
    }

    /** The {@code oid} of the last caller the list was shown to. */
    public static UUID lastCaller() {
        return LAST_CALLER.get();
    }

    @GET
    public List<ObjectNode> list() {
        caller.requireEntitlementReader();
        LAST_CALLER.set(caller.objectId());
        return POLICIES;
    }
}
