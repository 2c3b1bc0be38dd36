package dev.tessera.request.subject;

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

/** The connected organization of a domain, if any; 404 is a value, not a failure. */
@ApplicationScoped
public class ConnectedOrganizations {

    @Inject
    @RestClient
    ConnectedOrganizationClient client;

    @Timeout(3000)
    @Retry(maxRetries = 2, delay = 100)
    @ExponentialBackoff
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000)
    public Uni<Optional<ConnectedOrganization>> byDomain(String domain) {
        return client.byDomain(domain)
                .map(Optional::of)
                .onFailure(RemoteErrors::isNotFound).recoverWithItem(Optional.empty());
    }

    /**
     * The organization of a domain, a new {@code proposed} one when none has it (catalog-service decides
     * concurrent proposals: both callers get the same organization, so a retry is safe).
     */
    @Timeout(3000)
    @Retry(maxRetries = 2, delay = 100)
    @ExponentialBackoff
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000)
    public Uni<ConnectedOrganization> propose(String domain) {
        return client.propose(domain);
    }

    /** The sponsors of a connected organization; empty when catalog-service no longer knows it. */
    @Timeout(3000)
    @Retry(maxRetries = 2, delay = 100)
    @ExponentialBackoff
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000)
    public Uni<Optional<Sponsors>> sponsors(UUID organizationId) {
        return client.sponsors(organizationId.toString())
                .map(Optional::of)
                .onFailure(RemoteErrors::isNotFound).recoverWithItem(Optional.empty());
    }
}
