package dev.tessera.platform.messaging.roles;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness is DOWN until this service's roles view has read {@code tessera.pim.roles} up to where it
 * ended at start: before that, a caller's directory roles from Tessera's role state are not known.
 * Once ready it stays UP while Kafka is away (the view keeps what it has and catches up on return).
 */
@Readiness
@ApplicationScoped
public class EffectiveRolesReadiness implements HealthCheck {

    @Inject
    EffectiveRolesView view;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("tessera-roles-view").status(view.isReady())
                .withData("principals", view.size()).build();
    }
}
