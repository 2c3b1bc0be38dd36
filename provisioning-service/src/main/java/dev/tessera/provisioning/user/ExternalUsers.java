package dev.tessera.provisioning.user;

import dev.tessera.platform.graph.Deletes;
import dev.tessera.platform.graph.GraphException;
import dev.tessera.platform.messaging.Outbox;
import dev.tessera.platform.messaging.events.DirectoryChanged;
import dev.tessera.platform.messaging.events.EventTypes;
import dev.tessera.platform.messaging.events.Topics;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;

/**
 * What the external-user lifecycle does to a guest, for the service identity only
 * ({@link ExternalUserLifecycleApi}): the same change and the same event (userUpdated with
 * {@code accountEnabled}, userDeleted) as an administrator's PATCH or DELETE, in one transaction.
 */
@ApplicationScoped
public class ExternalUsers {

    @Inject
    UserRepository users;

    @Inject
    Outbox outbox;

    @WithTransaction
    public Uni<Void> setSignInBlocked(String id, boolean blocked) {
        return guest(id).chain(user -> {
            boolean enabled = !blocked;
            if (user.accountEnabled != null && user.accountEnabled == enabled) {
                return Uni.createFrom().voidItem(); // already so: nothing changes, nothing is announced
            }
            user.accountEnabled = enabled;
            return users.flush().chain(() -> publish(EventTypes.USER_UPDATED, user,
                    Map.of("accountEnabled", enabled)));
        });
    }

    /** Deleting a guest ends all its group memberships (the database cascades them), as any user's deletion. */
    @WithTransaction
    public Uni<Void> delete(String id) {
        return guest(id).chain(user -> Deletes.one(users.delete("id", user.id), () -> notFound(id))
                .chain(() -> publish(EventTypes.USER_DELETED, user,
                        Map.of("userPrincipalName", user.userPrincipalName))));
    }

    private Uni<DirectoryUser> guest(String id) {
        UUID objectId;
        try {
            objectId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw notFound(id);
        }
        return users.findById(objectId).map(user -> {
            if (user == null) {
                throw notFound(id);
            }
            if (user.userType != UserType.Guest) {
                throw GraphException.conflict("NotAnExternalUser", "User '" + id + "' is not a guest (userType "
                        + user.userType + "): the external-user lifecycle never blocks or deletes a member.");
            }
            return user;
        });
    }

    private static GraphException notFound(String id) {
        return GraphException.notFound("Resource '" + id + "' does not exist or one of its queried reference-property "
                + "objects are not present.");
    }

    private Uni<Void> publish(String type, DirectoryUser user, Map<String, Object> attributes) {
        return outbox.publish(Topics.DIRECTORY_EVENTS, type, user.id.toString(),
                new DirectoryChanged(user.id, null, attributes));
    }
}
