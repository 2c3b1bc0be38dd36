package dev.tessera.catalog.resource;

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

/**
 * Groups of the directory (provisioning-service), read with the caller's own token so the directory
 * applies its permissions. A group that does not exist is an empty answer, not a failure.
 */
@ApplicationScoped
public class DirectoryGroups {

    @Inject
    @RestClient
    DirectoryClient client;

    @Timeout(3000)
    @Retry(maxRetries = 2, delay = 100)
    @ExponentialBackoff
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000)
    public Uni<Optional<DirectoryGroup>> find(UUID groupId, String bearerToken) {
        return client.group(groupId.toString(), "Bearer " + bearerToken)
                .map(Optional::of)
                .onFailure(RemoteErrors::isNotFound).recoverWithItem(Optional.empty());
    }
}
