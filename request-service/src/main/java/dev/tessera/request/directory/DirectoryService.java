package dev.tessera.request.directory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.request.automatic.DirectoryView;
import dev.tessera.request.automatic.KnownUser;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The directory as the request path reads it: from request-service's own {@link DirectoryView} (kept
 * from provisioning-service's directory events) for a user the view has seen from creation, so a
 * request for them needs no peer at all; a user the view knows as deleted is not found, as a 404 from
 * the directory would be. Only a user the view cannot answer for (their events not read yet) is asked
 * of provisioning-service ({@link DirectoryPeer}; a peer that is down is a 503 with Retry-After). The
 * members of an approver group are always asked of the peer: the view keeps memberships per user
 * and cannot tell an empty group from one it has not heard of.
 */
@ApplicationScoped
public class DirectoryService {

    @Inject
    DirectoryPeer peer;

    @Inject
    DirectoryView view;

    @Inject
    ObjectMapper mapper;

    /** The user as the directory shows them (id, userType, mail, userPrincipalName, …); empty if there is none. */
    public Uni<Optional<JsonNode>> user(UUID id) {
        return view.answerable(id).chain(known -> known.isEmpty() ? peer.user(id)
                : Uni.createFrom().item(known.get().deleted ? Optional.<JsonNode>empty() : Optional.of(json(known.get()))));
    }

    /** Ids (lower case) of the groups the user is a direct member of. */
    public Uni<Set<String>> groupIds(UUID userId) {
        return view.answerable(userId).chain(known -> {
            if (known.isEmpty()) {
                return peer.groupIds(userId);
            }
            if (known.get().deleted) {
                return Uni.createFrom().item(Set.<String>of());
            }
            return view.groupsInSession(userId).map(groups -> {
                Set<String> ids = new HashSet<>();
                groups.forEach(group -> ids.add(group.toString().toLowerCase(Locale.ROOT)));
                return ids;
            });
        });
    }

    /** The user's manager's object id, if the directory knows one (a deleted manager is none). */
    public Uni<Optional<UUID>> manager(UUID userId) {
        return view.answerable(userId).chain(known -> {
            if (known.isEmpty()) {
                return peer.manager(userId);
            }
            Object manager = known.get().deleted ? null : view.attributes(known.get()).get("manager");
            if (manager == null) {
                return Uni.createFrom().item(Optional.<UUID>empty());
            }
            UUID managerId = UUID.fromString(manager.toString());
            // the directory forgets a deleted manager; the view keeps the id, so it asks about the manager too
            return view.answerable(managerId).map(found -> found.isPresent() && found.get().deleted
                    ? Optional.<UUID>empty() : Optional.of(managerId));
        });
    }

    /** Object ids of the group's direct members: always from provisioning-service (see the class comment). */
    public Uni<Set<UUID>> groupMembers(UUID groupId) {
        return peer.groupMembers(groupId);
    }

    private JsonNode json(KnownUser user) {
        ObjectNode node = mapper.valueToTree(view.attributes(user));
        node.put("id", user.objectId.toString());
        return node;
    }
}
