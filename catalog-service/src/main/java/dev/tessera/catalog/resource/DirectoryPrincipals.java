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
 * Whether an object id is a user or a group of provisioning-service's directory, asked with the
 * service token: {@code user}, {@code group}, or empty when it is neither.
 */
@ApplicationScoped
public class DirectoryPrincipals {

    public static final String USER = "user";
    public static final String GROUP = "group";

    @Inject
    @RestClient
    DirectoryClient directory;

    @Timeout(3000)
    @Retry(maxRetries = 2, delay = 100)
    @ExponentialBackoff
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000)
    public Uni<Optional<String>> typeOf(UUID id) {
        return directory.user(id.toString()).map(user -> Optional.of(USER))
                .onFailure(RemoteErrors::isNotFound).recoverWithUni(() -> directory.group(id.toString())
                        .map(group -> Optional.of(GROUP))
                        .onFailure(RemoteErrors::isNotFound).recoverWithItem(Optional.empty()));
    }
}
