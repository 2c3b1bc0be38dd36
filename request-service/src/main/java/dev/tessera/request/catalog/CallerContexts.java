package dev.tessera.request.catalog;

import dev.tessera.platform.graph.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Each package's {@link RequestContext} with the calling user's catalog roles, asked of catalog-service
 * (with the service token, naming the user) at most once per HTTP request — the authority check
 * ({@link AssignmentAuthority}) and the validation of the same request share one answer — and kept
 * across requests for a short while by {@link RequestContextCache} (see there for how stale it may be).
 */
@RequestScoped
public class CallerContexts {

    @Inject
    Caller caller;

    @Inject
    RequestContextCache catalog;

    private final Map<UUID, Uni<Optional<RequestContext>>> contexts = new HashMap<>();

    /** The package's context with the caller's catalog roles in it; empty when there is no such package. */
    public Uni<Optional<RequestContext>> of(UUID accessPackageId) {
        return contexts.computeIfAbsent(accessPackageId,
                id -> catalog.requestContext(id, caller.objectId()).memoize().indefinitely());
    }
}
