package dev.tessera.request.automatic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.platform.messaging.events.DirectoryChanged;
import dev.tessera.platform.messaging.events.EventTypes;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.InstantSource;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * request-service's own view of users and group memberships, kept from the directory events (all
 * methods run inside the caller's transaction). A user created before request-service first read
 * the topic is known once the topic's retained history has been read, or from their next change.
 */
@ApplicationScoped
public class DirectoryView {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    @Inject
    ObjectMapper mapper;

    @Inject
    InstantSource clock;

    /** Applies one event; answers the user it concerns. */
    public Uni<UUID> apply(String type, DirectoryChanged change) {
        UUID subject = change.objectId();
        return switch (type) {
            case EventTypes.USER_CREATED -> upsert(subject, change.attributes(), false, true);
            case EventTypes.USER_UPDATED -> upsert(subject, change.attributes(), false, false);
            case EventTypes.USER_DELETED -> upsert(subject, Map.of(), true, false)
                    .chain(id -> native_("delete from directory_membership where member_id = ?1", subject).replaceWith(id));
            case EventTypes.GROUP_MEMBER_ADDED -> isMembership(change)
                    ? native_("insert into directory_membership (group_id, member_id) values (?1, ?2) on conflict do nothing",
                            change.groupId(), subject).replaceWith(subject)
                    : Uni.createFrom().item(subject);
            case EventTypes.GROUP_MEMBER_REMOVED -> isMembership(change)
                    ? native_("delete from directory_membership where group_id = ?1 and member_id = ?2",
                            change.groupId(), subject).replaceWith(subject)
                    : Uni.createFrom().item(subject);
            default -> Uni.createFrom().item(subject);
        };
    }

    public Uni<KnownUser> user(UUID objectId) {
        return KnownUser.findById(objectId);
    }

    /**
     * The user if the view can answer for them: seen from their creation (see
     * {@link KnownUser#fromCreation}) or deleted; empty when only provisioning-service can tell.
     * Opens a session if the caller has none.
     */
    public Uni<Optional<KnownUser>> answerable(UUID objectId) {
        return Panache.withSession(() -> KnownUser.<KnownUser>findById(objectId))
                .map(user -> user != null && (user.fromCreation || user.deleted) ? Optional.of(user) : Optional.empty());
    }

    /** The id of a live user seen from creation whose mail is {@code mail} (case-insensitive), if the view has one. */
    public Uni<Optional<UUID>> userByMail(String mail) {
        return Panache.withSession(() -> Panache.getSession().chain(session -> session.createNativeQuery(
                        "select object_id from directory_user where from_creation and not deleted"
                                + " and lower(cast(attributes as jsonb) ->> 'mail') = ?1 order by object_id limit 1",
                        UUID.class)
                .setParameter(1, mail.toLowerCase(java.util.Locale.ROOT)).getResultList()))
                .map(ids -> ids.stream().findFirst());
    }

    /** Group memberships (direct, as the events report them) inside a session of its own if the caller has none. */
    public Uni<Set<UUID>> groupsInSession(UUID memberId) {
        return Panache.withSession(() -> groups(memberId));
    }

    public Map<String, Object> attributes(KnownUser user) {
        try {
            return user == null ? Map.of() : mapper.readValue(user.attributes, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored attributes of " + user.objectId + " are unreadable", e);
        }
    }

    /** Known, not deleted and not disabled: only such a user can match a policy. */
    public boolean active(KnownUser user) {
        if (user == null || user.deleted) {
            return false;
        }
        Object enabled = attributes(user).get("accountEnabled");
        return enabled == null || !"false".equalsIgnoreCase(enabled.toString());
    }

    public Uni<Set<UUID>> groups(UUID memberId) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("select group_id from directory_membership where member_id = ?1", UUID.class)
                .setParameter(1, memberId).getResultList()).map(HashSet::new);
    }

    private Uni<UUID> upsert(UUID objectId, Map<String, Object> changed, boolean deleted, boolean created) {
        return KnownUser.<KnownUser>findById(objectId).chain(found -> {
            KnownUser user = found;
            Map<String, Object> attributes = new LinkedHashMap<>(attributes(user));
            if (changed != null) {
                attributes.putAll(changed);
            }
            boolean isNew = user == null;
            if (isNew) {
                user = new KnownUser();
                user.objectId = objectId;
            }
            user.attributes = json(attributes);
            user.displayName = text(attributes.get("displayName"));
            user.principalName = text(attributes.get("userPrincipalName"));
            user.mail = text(attributes.get("mail"));
            user.deleted = deleted;
            user.fromCreation = user.fromCreation || created;
            user.updatedAt = clock.instant();
            return (isNew ? user.persist() : Uni.createFrom().item(user)).replaceWith(objectId);
        });
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    /** Only members count; a group's owners are not its members. */
    private static boolean isMembership(DirectoryChanged change) {
        if (change.groupId() == null) {
            return false;
        }
        Object relationship = change.attributes() == null ? null : change.attributes().get("relationship");
        return relationship == null || "members".equalsIgnoreCase(relationship.toString())
                || "member".equalsIgnoreCase(relationship.toString());
    }

    private static Uni<Integer> native_(String sql, Object... params) {
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql);
            for (int i = 0; i < params.length; i++) {
                query.setParameter(i + 1, params[i]);
            }
            return query.executeUpdate();
        });
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
