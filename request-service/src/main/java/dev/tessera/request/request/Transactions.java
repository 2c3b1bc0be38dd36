package dev.tessera.request.request;

import dev.tessera.platform.graph.DatabaseErrors;
import dev.tessera.platform.graph.GraphException;
import io.smallrye.mutiny.Uni;
import java.util.function.Supplier;

/**
 * Runs a transactional decision again when PostgreSQL rolled it back as a deadlock victim or a
 * serialization failure; if it keeps failing that way, the caller gets a 409 Graph error, never a 500.
 */
public final class Transactions {

    static final int ATTEMPTS = 4;

    private Transactions() {
    }

    /** {@code transaction} must open its own transaction on each subscription (a {@code @WithTransaction} method). */
    public static <T> Uni<T> retryingConflicts(Supplier<Uni<? extends T>> transaction) {
        return Uni.createFrom().<T>deferred(transaction)
                // no back-off: that would resubscribe off the Vert.x context the session needs; the
                // winner's locks make the retry wait as long as needed anyway
                .onFailure(DatabaseErrors::isTransientConflict).retry().atMost(ATTEMPTS - 1)
                .onFailure(DatabaseErrors::isTransientConflict).transform(e -> GraphException.conflict("ConcurrentUpdate",
                        "The request was changed at the same moment by another call; read it again and retry."));
    }
}
