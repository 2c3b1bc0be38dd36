package dev.tessera.request.automatic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.common.ServiceIdentity;
import dev.tessera.platform.graph.ServiceToken;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import dev.tessera.request.catalog.CatalogRefused;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * The auto-assignment policies as catalog-service lists them, kept for {@code tessera.lifecycle.policy-cache}
 * (default 10 s) so a burst of directory events costs one call. A policy that changed is seen after at
 * most that long; {@link AutomaticPolicySync} then reconciles it. If catalog-service cannot be asked,
 * the event fails and is retried (then dead-lettered), never applied against a guess.
 *
 * <p>Events and the reconciliation timer carry no user, so the call is made as request-service itself,
 * with its {@link ServiceToken} (as every call to another service is); without one configured, the call fails.
 */
@ApplicationScoped
public class AutomaticPolicies {

    private static final Logger LOG = Logger.getLogger(AutomaticPolicies.class);

    private record Cached(List<AutomaticPolicy> policies, long fetchedAtNanos) {
    }

    @Inject
    @RestClient
    AutomaticPolicyClient client;

    @Inject
    ServiceToken serviceToken;

    @ConfigProperty(name = "tessera.lifecycle.policy-cache", defaultValue = "PT10S")
    Duration cacheFor;

    private volatile Cached cached;

    void warnWithoutServiceToken(@Observes StartupEvent started) {
        if (!serviceToken.isConfigured()) {
            LOG.warnf("No service token (%s, env %s): automatic assignment cannot read the policies from "
                    + "catalog-service, and directory events will be dead-lettered", ServiceIdentity.TOKEN_PROPERTY,
                    ServiceIdentity.TOKEN_ENV);
        }
    }

    public Uni<List<AutomaticPolicy>> current() {
        Cached now = cached;
        if (now != null && System.nanoTime() - now.fetchedAtNanos() < cacheFor.toNanos()) {
            return Uni.createFrom().item(now.policies());
        }
        return fresh();
    }

    public Uni<List<AutomaticPolicy>> fresh() {
        return fetch().map(entries -> {
            List<AutomaticPolicy> policies = entries.stream().map(AutomaticPolicy::of).filter(Objects::nonNull).toList();
            cached = new Cached(policies, System.nanoTime());
            return policies;
        });
    }

    @Timeout(3000)
    @Retry(maxRetries = 2, delay = 100, abortOn = CatalogRefused.class)
    @ExponentialBackoff
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000, skipOn = CatalogRefused.class)
    Uni<List<JsonNode>> fetch() {
        return client.list();
    }
}
