package dev.tessera.pim.schedule;

import dev.tessera.common.DirectoryRoles;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The first administrator of a fresh installation (docs/operations.md, "The first administrator"): at
 * start, when pim-service holds no live Global Administrator assignment (direct or through a group),
 * each user of {@code tessera.authorization.bootstrap-administrators} gets a permanent active Global
 * Administrator assignment, made by Tessera itself through the normal creation path (its
 * scheduleChanged and effectiveRolesChanged events, reason {@code bootstrap}, go out). Once any Global
 * Administrator assignment exists the setting does nothing — removing the bootstrap administrator later
 * holds. Replicas starting together are kept apart by an advisory lock: one creates, the others find it.
 */
@ApplicationScoped
public class BootstrapAdministrators {

    private static final Logger LOG = Logger.getLogger(BootstrapAdministrators.class);

    static final String LOCK = "select 1 from pg_advisory_xact_lock(hashtextextended('tessera.pim.bootstrap-administrators', 0))";

    @ConfigProperty(name = "tessera.authorization.bootstrap-administrators")
    Optional<List<String>> administrators;

    @Inject
    ScheduleService schedules;

    void onStart(@Observes StartupEvent event) {
        try {
            VertxContextSupport.subscribeAndAwait(this::bootstrap);
        } catch (Throwable e) {
            // pim-service still starts: an administrator can be assigned by any other means
            LOG.errorf(e, "The bootstrap administrators could not be assigned: %s", e.getMessage());
        }
    }

    /** Assigns the configured users Global Administrator unless one exists; returns how many were assigned. */
    public Uni<Integer> bootstrap() {
        return bootstrap(users());
    }

    /** {@link #bootstrap()} for the given users (tests call it as a second replica would). */
    public Uni<Integer> bootstrap(List<UUID> users) {
        if (users.isEmpty()) {
            LOG.debug("No bootstrap administrators are set (tessera.authorization.bootstrap-administrators)");
            return Uni.createFrom().item(0);
        }
        return Panache.withTransaction(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery(LOCK).getSingleResult())
                .chain(() -> RoleSchedule.count("kind = ?1 and roleDefinitionId = ?2 and endedAt is null",
                        ScheduleKind.ASSIGNMENT, DirectoryRoles.GLOBAL_ADMINISTRATOR))
                .chain(existing -> {
                    if (existing > 0) {
                        LOG.infof("A Global Administrator assignment exists: tessera.authorization.bootstrap-"
                                + "administrators (%s) assigns nothing", users);
                        return Uni.createFrom().item(0);
                    }
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (UUID user : users) {
                        chain = chain.chain(() -> schedules.bootstrapAdministrator(user)
                                .invoke(request -> LOG.infof("No Global Administrator existed: %s is assigned Global "
                                        + "Administrator (permanent, request %s) from tessera.authorization.bootstrap-"
                                        + "administrators", user, request.id))
                                .replaceWithVoid());
                    }
                    return chain.replaceWith(users.size());
                }));
    }

    private List<UUID> users() {
        List<UUID> users = new ArrayList<>();
        for (String id : administrators.orElse(List.of())) {
            if (!id.isBlank()) {
                try {
                    users.add(UUID.fromString(id.trim()));
                } catch (IllegalArgumentException e) {
                    LOG.errorf("tessera.authorization.bootstrap-administrators: '%s' is not a user object id; ignored", id);
                }
            }
        }
        return users.stream().distinct().toList();
    }
}
