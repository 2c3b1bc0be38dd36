package dev.tessera.platform.graph;

import io.vertx.sqlclient.ClosedConnectionException;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;

/**
 * Recognises a request that failed because the service's own PostgreSQL is down, restarting or full,
 * as the reactive client reports it, possibly wrapped by Hibernate Reactive: a connection closed under
 * it ({@link ClosedConnectionException}, a reset), a refused connection or a pool that gave up waiting
 * for one (the driver passes the network's own exceptions through, often with netty's frames only, so
 * such an I/O failure counts unless the REST client or fault tolerance wrapped it: that is a peer call,
 * {@link PeerFailures}' case), or PostgreSQL's own "go away" states (connection exceptions 08xxx,
 * 57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now, 53300 too many connections).
 * Never the caller's fault nor a bug: 503 {@code serviceNotAvailable} with {@code Retry-After}, like a
 * peer that is down.
 */
public final class DatabaseFailures {

    private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03", "53300");

    private DatabaseFailures() {
    }

    /** Whether {@code failure}, one of its causes or suppressed exceptions, says the database is unreachable. */
    public static boolean isDatabaseUnavailable(Throwable failure) {
        // a bare I/O failure (a reset, a refused connect) is the database's unless a peer call raised it
        boolean database = involves(failure, 0, DatabaseFailures::fromDatabaseClient)
                || !involves(failure, 0, DatabaseFailures::fromPeerCall);
        return search(failure, 0, database);
    }

    private static boolean search(Throwable t, int depth, boolean database) {
        if (t == null || depth > 20 || t instanceof GraphException) {
            return false;
        }
        if (t instanceof ClosedConnectionException || unavailableState(DatabaseErrors.sqlState(t))) {
            return true;
        }
        if (database && (t instanceof IOException || t instanceof TimeoutException
                || "Pool closed".equals(t.getMessage())
                || (t.getClass().getName().equals("io.vertx.core.impl.NoStackTraceThrowable")
                        && "Timeout".equals(t.getMessage())))) {
            return true;
        }
        for (Throwable suppressed : t.getSuppressed()) {
            if (search(suppressed, depth + 1, database)) {
                return true;
            }
        }
        return t.getCause() != t && search(t.getCause(), depth + 1, database);
    }

    private static boolean involves(Throwable t, int depth, Predicate<Throwable> test) {
        if (t == null || depth > 20) {
            return false;
        }
        if (test.test(t)) {
            return true;
        }
        for (Throwable suppressed : t.getSuppressed()) {
            if (involves(suppressed, depth + 1, test)) {
                return true;
            }
        }
        return t.getCause() != t && involves(t.getCause(), depth + 1, test);
    }

    /** What the REST client and fault tolerance wrap a peer call's failure in ({@link PeerFailures}' case). */
    private static boolean fromPeerCall(Throwable t) {
        return t instanceof ProcessingException || t instanceof WebApplicationException
                || t instanceof FaultToleranceException;
    }

    /** A throwable thrown by the SQL client or Hibernate (their wrappers name the database as the cause). */
    private static boolean fromDatabaseClient(Throwable t) {
        String name = t.getClass().getName();
        if (name.startsWith("io.vertx.sqlclient.") || name.startsWith("io.vertx.pgclient.") || name.startsWith("org.hibernate.")
                || name.startsWith("jakarta.persistence.")) {
            return true;
        }
        for (StackTraceElement frame : t.getStackTrace()) {
            String where = frame.getClassName();
            if (where.startsWith("io.vertx.sqlclient.") || where.startsWith("io.vertx.pgclient.")) {
                return true;
            }
        }
        return false;
    }

    private static boolean unavailableState(String state) {
        return state != null && (state.startsWith("08") || UNAVAILABLE_STATES.contains(state));
    }

    /** The 503 a client sees while the service's database is unavailable. */
    public static GraphException unavailable() {
        return new GraphException(503, "serviceNotAvailable",
                "The service's database is temporarily unavailable; try again later.");
    }
}
