package dev.tessera.pim.directory;

import dev.tessera.platform.graph.RemoteErrors;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Administrative units of the directory (provisioning-service), asked with the service token:
 * a restricted scope {@code /administrativeUnits/{id}} must name one that exists.
 */
@ApplicationScoped
public class AdministrativeUnits {

    @Inject
    @RestClient
    DirectoryClient client;

    /** Whether the unit exists; a directory outage is a failure (retried, then a 503 to the caller). */
    @Timeout(3000)
    @Retry(maxRetries = 2, delay = 100, abortOn = DirectoryRefused.class)
    @ExponentialBackoff
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000, skipOn = DirectoryRefused.class)
    public Uni<Boolean> exists(String id) {
        return client.administrativeUnit(id)
                .map(unit -> true)
                .onFailure(RemoteErrors::isNotFound).recoverWithItem(false)
                .onFailure(DirectoryRefused::isRefusal).transform(DirectoryRefused::of);
    }
}
