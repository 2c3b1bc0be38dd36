package dev.tessera.provisioning;

import dev.tessera.platform.graph.Caller;
import dev.tessera.platform.graph.GraphException;

/** Who may write the directory, and Graph's answer for an object that is not there. */
public final class DirectoryAccess {

    private DirectoryAccess() {
    }

    public static void requireAdmin(Caller caller) {
        if (!caller.isDirectoryAdmin()) {
            throw GraphException.forbidden("Insufficient privileges to complete the operation.");
        }
    }

    public static GraphException notFound(Object id) {
        return GraphException.notFound("Resource '" + id
                + "' does not exist or one of its queried reference-property objects are not present.");
    }
}
