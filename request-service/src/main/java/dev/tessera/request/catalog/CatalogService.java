package dev.tessera.request.catalog;

import dev.tessera.platform.graph.RemoteErrors;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** catalog-service as request-service sees it: timeout, retry and circuit breaker; 404 is a value. */
@ApplicationScoped
public class CatalogService {

    @Inject
    @RestClient
    CatalogClient client;

    @Timeout(3000)
    @Retry(maxRetries = 2, delay = 100, abortOn = CatalogRefused.class)
    @ExponentialBackoff
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000, skipOn = CatalogRefused.class)
    /**
     * The package's context; with {@code user}, the catalog roles that user holds in its catalog (the
     * caller flags), without (null) the package alone.
     */
    public Uni<Optional<RequestContext>> requestContext(UUID accessPackageId, UUID user) {
        return client.requestContext(accessPackageId.toString(), user == null ? null : user.toString())
                .map(Optional::of)
                .onFailure(RemoteErrors::isNotFound).recoverWithItem(Optional.empty());
    }

    /** The packages whose assignments the user may manage and read through catalog roles; see {@link AssignmentAuthority}. */
    @Timeout(3000)
    @Retry(maxRetries = 2, delay = 100, abortOn = CatalogRefused.class)
    @ExponentialBackoff
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000, skipOn = CatalogRefused.class)
    public Uni<ManagedAccessPackages> managedAccessPackages(UUID user) {
        return client.managedAccessPackages(user.toString());
    }
}
