package dev.tessera.provisioning;

import dev.tessera.provisioning.group.DirectoryGroup;
import dev.tessera.provisioning.group.GroupRepository;
import dev.tessera.provisioning.user.DirectoryUser;
import dev.tessera.provisioning.user.UserRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Finds users and groups by object id without the caller knowing which of the two an id is. */
@ApplicationScoped
public class Principals {

    @Inject
    UserRepository users;

    @Inject
    GroupRepository groups;

    /** The user or group with this id; null when the directory has neither. */
    public Uni<Principal> find(UUID id) {
        return users.findById(id).chain(user -> {
            if (user != null) {
                return Uni.createFrom().item(new Principal(user.id, Principal.Type.User, user.displayName));
            }
            return groups.findById(id).map(group -> group == null ? null
                    : new Principal(group.id, Principal.Type.Group, group.displayName));
        });
    }

    /** Display names of these users and groups, by id; ids of neither are left out. */
    public Uni<Map<UUID, String>> displayNames(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        List<UUID> wanted = List.copyOf(ids);
        return users.list("id in ?1", wanted).chain(found -> {
            Map<UUID, String> names = new HashMap<>();
            for (DirectoryUser user : found) {
                names.put(user.id, user.displayName);
            }
            return groups.list("id in ?1", wanted).map(more -> {
                for (DirectoryGroup group : more) {
                    names.put(group.id, group.displayName);
                }
                return names;
            });
        });
    }
}
