package dev.tessera.pim.roles;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/** At start: the roles of those who held some before pim-service published roles ({@link EffectiveRoles#backfill}). */
@ApplicationScoped
public class EffectiveRolesStartup {

    private static final Logger LOG = Logger.getLogger(EffectiveRolesStartup.class);

    @Inject
    EffectiveRoles roles;

    void onStart(@Observes @Priority(10) StartupEvent event) {
        try {
            int published = VertxContextSupport.subscribeAndAwait(() -> roles.backfill(200));
            if (published > 0) {
                LOG.infof("Published the directory roles of %d principals who held roles before tessera.pim.roles "
                        + "existed", published);
            }
        } catch (Throwable e) {
            // the next start tries again; nothing is half-published (each batch is one transaction)
            LOG.errorf(e, "The directory roles held before tessera.pim.roles existed could not be published: %s",
                    e.getMessage());
        }
    }
}
