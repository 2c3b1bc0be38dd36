package dev.tessera.catalog.directory;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.platform.graph.RemoteErrors;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** provisioning-service's directory as catalog-service sees it; 404 is a value, not a failure. */
@ApplicationScoped
public class DirectoryService {

    @Inject
    @RestClient
    DirectoryClient client;

    @Timeout(3000)
    @Retry(maxRetries = 2, delay = 100)
    @ExponentialBackoff
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000)
    public Uni<Optional<JsonNode>> group(String groupId, String bearerToken) {
        return client.group(groupId, "Bearer " + bearerToken)
                .map(Optional::of)
                .onFailure(RemoteErrors::isNotFound).recoverWithItem(Optional.empty());
    }
}
