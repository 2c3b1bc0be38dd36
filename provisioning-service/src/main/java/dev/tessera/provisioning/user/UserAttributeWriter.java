package dev.tessera.provisioning.user;

import dev.tessera.platform.messaging.Outbox;
import dev.tessera.platform.messaging.events.AttributeValue;
import dev.tessera.platform.messaging.events.DirectoryChanged;
import dev.tessera.platform.messaging.events.EventTypes;
import dev.tessera.platform.messaging.events.Topics;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Writes the answers to catalog resources' attributes ({@link AttributeValue}) into a user's directory
 * properties when an assignment is delivered, and clears those that do not persist when it is removed.
 * Inside the delivery's transaction; a change is published as every user change is
 * ({@code userUpdated} with the changed properties). catalog-service admits only the properties
 * handled here (platform {@code UserDirectoryAttributes}); any other name is skipped, never guessed.
 */
@ApplicationScoped
public class UserAttributeWriter {

    private static final Logger LOG = Logger.getLogger(UserAttributeWriter.class);

    @Inject
    UserRepository users;

    @Inject
    Outbox outbox;

    public Uni<Void> write(UUID userId, List<AttributeValue> values) {
        return change(userId, values, false);
    }

    /** Clears what the removed assignment wrote, except attributes kept on removal. */
    public Uni<Void> clear(UUID userId, List<AttributeValue> values) {
        return change(userId, values.stream().filter(v -> !v.persistedOnRemoval()).toList(), true);
    }

    private Uni<Void> change(UUID userId, List<AttributeValue> values, boolean clear) {
        if (userId == null || values == null || values.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return users.findById(userId).chain(user -> {
            if (user == null) {
                return Uni.createFrom().voidItem(); // gone: nothing to write or clear
            }
            Set<String> changed = new LinkedHashSet<>();
            for (AttributeValue v : values) {
                if (v == null || v.name() == null) {
                    continue;
                }
                String value = clear ? null : v.value();
                if (set(user, v.name(), value)) {
                    changed.add(v.name());
                }
            }
            if (changed.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            return users.flush().chain(() -> outbox.publish(Topics.DIRECTORY_EVENTS, EventTypes.USER_UPDATED,
                    user.id.toString(), new DirectoryChanged(user.id, null, UserRules.attributes(user,
                            new ArrayList<>(changed)))));
        });
    }

    /** Sets one property; true when its value changed. */
    private static boolean set(DirectoryUser user, String name, String value) {
        String before;
        switch (name) {
            case "department" -> {
                before = user.department;
                user.department = value;
            }
            case "jobTitle" -> {
                before = user.jobTitle;
                user.jobTitle = value;
            }
            case "officeLocation" -> {
                before = user.officeLocation;
                user.officeLocation = value;
            }
            case "employeeId" -> {
                before = user.employeeId;
                user.employeeId = value;
            }
            case "mobilePhone" -> {
                before = user.mobilePhone;
                user.mobilePhone = value;
            }
            case "givenName" -> {
                before = user.givenName;
                user.givenName = value;
            }
            case "surname" -> {
                before = user.surname;
                user.surname = value;
            }
            default -> {
                LOG.warnf("Attribute '%s' is not a user property Tessera writes; skipped for user %s", name, user.id);
                return false;
            }
        }
        return !Objects.equals(before, value);
    }
}
