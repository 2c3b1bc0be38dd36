package dev.tessera.common;

import com.fasterxml.jackson.core.JacksonException;
import io.vertx.sqlclient.ClosedConnectionException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import java.io.IOException;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;

/**
 * Recognises a failure that means "the database (or a peer) is unavailable" rather than "this input or
 * this code is wrong": the service's own PostgreSQL is down, restarting or full, as the reactive client
 * reports it, possibly wrapped by Hibernate Reactive — a connection closed under it
 * ({@link ClosedConnectionException}, a reset), a refused connection or a pool that gave up waiting for
 * one (the driver passes the network's own exceptions through, often with netty's frames only, so such
 * an I/O failure counts unless the REST client or fault tolerance wrapped it: that is a peer call), or
 * PostgreSQL's own "go away" states (connection exceptions 08xxx, 57P01 admin shutdown, 57P02 crash
 * shutdown, 57P03 cannot connect now, 53300 too many connections).
 * <p>
 * graph-http answers such a request 503 with Retry-After (DatabaseFailures); the messaging core holds
 * such an event and retries it until the database is back instead of dead-lettering it
 * (IdempotentConsumer). Here, in common, so both use one classification without depending on each other.
 */
public final class Unavailability {

    private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03", "53300");

    private Unavailability() {
    }

    /** Whether {@code failure}, one of its causes or suppressed exceptions, says the database is unreachable. */
    public static boolean isDatabaseUnavailable(Throwable failure) {
        return isDatabaseUnavailable(failure, t -> false);
    }

    /**
     * As {@link #isDatabaseUnavailable(Throwable)}, not looking below a throwable that {@code stop} accepts
     * (graph-http stops at its own GraphException: an answer already decided).
     */
    public static boolean isDatabaseUnavailable(Throwable failure, Predicate<Throwable> stop) {
        // a bare I/O failure (a reset, a refused connect) is the database's unless a peer call raised it
        boolean database = involves(failure, 0, Unavailability::fromDatabaseClient)
                || !involves(failure, 0, Unavailability::fromPeerCall);
        return search(failure, 0, database, stop);
    }

    /**
     * The database is unavailable, or a call to a peer failed the way a peer that is down, slow or
     * overloaded makes it fail (an open circuit breaker, a fault-tolerance timeout or full bulkhead, a
     * refused or dropped connection under the REST client): worth waiting for, not a bug to dead-letter.
     */
    public static boolean isUnavailable(Throwable failure) {
        return isDatabaseUnavailable(failure) || involves(failure, 0, t -> t instanceof FaultToleranceException
                || (t instanceof ProcessingException && !(t instanceof WebApplicationException)));
    }

    /** The SQLSTATE of this one throwable (JDBC's or the reactive driver's), or null. */
    public static String sqlState(Throwable t) {
        return t instanceof SQLException sql ? sql.getSQLState() : driverState(t);
    }

    private static boolean search(Throwable t, int depth, boolean database, Predicate<Throwable> stop) {
        if (t == null || depth > 20 || stop.test(t)) {
            return false;
        }
        if (t instanceof ClosedConnectionException || unavailableState(sqlState(t))) {
            return true;
        }
        // a JSON parser's IOException is bad data, never an outage (a consumer would hold it for ever)
        if (database && ((t instanceof IOException && !(t instanceof JacksonException)) || t instanceof TimeoutException
                || "Pool closed".equals(t.getMessage())
                || (t.getClass().getName().equals("io.vertx.core.impl.NoStackTraceThrowable")
                        && t.getMessage() != null && (t.getMessage().equals("Timeout")
                                // the SQL client's connection the server closed under a transaction (a crash)
                                || t.getMessage().startsWith("Connection is not active now"))))) {
            return true;
        }
        for (Throwable suppressed : t.getSuppressed()) {
            if (search(suppressed, depth + 1, database, stop)) {
                return true;
            }
        }
        return t.getCause() != t && search(t.getCause(), depth + 1, database, stop);
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

    /** What the REST client and fault tolerance wrap a peer call's failure in. */
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

    /** The reactive driver's own exception (Vert.x PgException) carries the SQLSTATE as getSqlState(). */
    private static String driverState(Throwable t) {
        try {
            Object state = t.getClass().getMethod("getSqlState").invoke(t);
            return state instanceof String text ? text : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
