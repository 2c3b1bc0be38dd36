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
 * Each package's {@link RequestContext} as the calling user sees it, asked of catalog-service once per
 * HTTP request: the authority check ({@link AssignmentAuthority}) and the validation of the same
 * request share one call. Only for work an HTTP caller asked for (its token is the one passed on).
 */
@RequestScoped
public class CallerContexts {

    @Inject
    Caller caller;

    @Inject
    CatalogService catalog;

    private final Map<UUID, Uni<Optional<RequestContext>>> contexts = new HashMap<>();

    /** The package's context with the caller's catalog roles in it; empty when there is no such package. */
    public Uni<Optional<RequestContext>> of(UUID accessPackageId) {
        return contexts.computeIfAbsent(accessPackageId,
                id -> catalog.requestContext(id, caller.rawToken()).memoize().indefinitely());
    }
}
