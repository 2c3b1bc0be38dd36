package dev.tessera.catalog.usage;

import dev.tessera.platform.graph.GraphException;
import dev.tessera.platform.graph.RemoteErrors;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Delete guards: an access package or a policy that live assignments or open requests still use
 * (request-service knows) cannot be deleted. If request-service cannot be asked, nothing is deleted.
 */
@ApplicationScoped
public class Usage {

    /** Live assignments and open requests (waiting for approval or delivery). */
    public record Counts(long assignments, long openRequests) {
    }

    @Inject
    @RestClient
    RequestServiceClient client;

    @Timeout(3000)
    @Retry(maxRetries = 2, delay = 100)
    @ExponentialBackoff
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000)
    Uni<Counts> counts(String packageId, String policyId) {
        return client.usage(packageId, policyId);
    }

    /** Fails with a 409 naming what uses the package. */
    public Uni<Void> requireUnusedPackage(UUID packageId) {
        return check(counts(packageId.toString(), null), "Access package '" + packageId + "'",
                "AccessPackageInUse");
    }

    /** Fails with a 409 naming what uses the policy. */
    public Uni<Void> requireUnusedPolicy(UUID policyId) {
        return check(counts(null, policyId.toString()), "Policy '" + policyId + "'", "PolicyInUse");
    }

    private static Uni<Void> check(Uni<Counts> counts, String what, String code) {
        return counts.onFailure().transform(e -> RemoteErrors.asGraphError(e, "request service", "the assignments of "
                        + what.toLowerCase(java.util.Locale.ROOT).replace("'", "")))
                .invoke(c -> {
                    if (c.assignments() > 0 || c.openRequests() > 0) {
                        throw GraphException.conflict(code, what + " is still used by " + c.assignments()
                                + " assignment(s) and " + c.openRequests() + " open request(s); remove them first.");
                    }
                }).replaceWithVoid();
    }
}
