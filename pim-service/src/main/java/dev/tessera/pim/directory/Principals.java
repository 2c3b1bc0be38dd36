package dev.tessera.pim.directory;

import dev.tessera.platform.graph.RemoteErrors;
import io.smallrye.mutiny.Uni;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/** Whose schedules and role assignments are a user's own: theirs and their groups'. */
public final class Principals {

    private Principals() {
    }

    /**
     * The user and the groups they are a member of (the directory, asked with the service token); a Graph
     * error (503 when the directory cannot be reached) otherwise.
     */
    public static Uni<Set<UUID>> selfAndGroups(Directory directory, UUID user) {
        return directory.groupIds(user)
                .onFailure().transform(e -> RemoteErrors.asGraphError(e, "directory", "the groups of '" + user + "'"))
                .map(groups -> {
                    Set<UUID> principals = new HashSet<>(groups);
                    principals.add(user);
                    return Set.copyOf(principals);
                });
    }
}
