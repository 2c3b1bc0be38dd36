package dev.tessera.request.external;

import dev.tessera.platform.messaging.timer.DueTimer;
import dev.tessera.platform.messaging.timer.TimerHandler;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * {@code blockSignInAndDelete}: the durable timer set when the user was blocked fires at
 * {@code blockedAt + durationUntilExternalUserDeletedAfterBlocked}, and provisioning-service deletes the
 * guest, unless a new assignment unblocked them meanwhile (which cancels this timer; should the two
 * cross, the user's assignments are looked at again here).
 */
@ApplicationScoped
public class ExternalUserDeletion implements TimerHandler {

    public static final String KIND = "request.externalUserDeletion";

    private static final Logger LOG = Logger.getLogger(ExternalUserDeletion.class);

    @Inject
    InstantSource clock;

    @Inject
    @RestClient
    ExternalUsersClient users;

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Uni<Void> fire(DueTimer timer) {
        UUID user = UUID.fromString(timer.key());
        return ExternalUserState.<ExternalUserState>findById(user).chain(state -> {
            if (state == null || !ExternalUserState.BLOCKED.equals(state.state)) {
                return Uni.createFrom().voidItem();
            }
            return ExternalUserLifecycle.remaining(user).chain(remaining -> {
                if (remaining > 0) {
                    return Uni.createFrom().voidItem(); // the lifecycle timer of the new grant unblocks them
                }
                return ExternalUserLifecycle.held(users.delete(user.toString()))
                        .onFailure(ExternalUserLifecycle::notActionable).recoverWithNull()
                        .invoke(() -> {
                            state.state = ExternalUserState.DELETED;
                            state.deletedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
                            state.updatedAt = state.deletedAt;
                            LOG.infof("External user %s deleted, %s after their sign-in was blocked", user,
                                    java.time.Duration.between(state.blockedAt, state.deletedAt));
                        })
                        .replaceWithVoid();
            });
        });
    }
}
