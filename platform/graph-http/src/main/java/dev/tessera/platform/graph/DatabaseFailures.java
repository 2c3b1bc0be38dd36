package dev.tessera.platform.graph;

import dev.tessera.common.Unavailability;

/**
 * Recognises a request that failed because the service's own PostgreSQL is down, restarting or full
 * (the classification is {@link Unavailability#isDatabaseUnavailable}, in platform/common, which the
 * messaging core shares to hold events during an outage): a connection closed under it, a refused
 * connection or a pool that gave up waiting for one (unless the REST client or fault tolerance wrapped
 * it: that is a peer call, {@link PeerFailures}' case), or PostgreSQL's own "go away" states (08xxx,
 * 57P01, 57P02, 57P03, 53300). Never the caller's fault nor a bug: 503 {@code serviceNotAvailable} with
 * {@code Retry-After}, like a peer that is down. A {@link GraphException} is an answer already decided
 * and is not looked into.
 */
public final class DatabaseFailures {

    private DatabaseFailures() {
    }

    /** Whether {@code failure}, one of its causes or suppressed exceptions, says the database is unreachable. */
    public static boolean isDatabaseUnavailable(Throwable failure) {
        return Unavailability.isDatabaseUnavailable(failure, GraphException.class::isInstance);
    }

    /** The 503 a client sees while the service's database is unavailable. */
    public static GraphException unavailable() {
        return new GraphException(503, "serviceNotAvailable",
                "The service's database is temporarily unavailable; try again later.");
    }
}
