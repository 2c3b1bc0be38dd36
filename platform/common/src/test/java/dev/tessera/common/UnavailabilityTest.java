package dev.tessera.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.VertxException;
import io.vertx.core.impl.NoStackTraceTimeoutException;
import io.vertx.sqlclient.ClosedConnectionException;
import jakarta.ws.rs.ProcessingException;
import java.io.IOException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.util.concurrent.CompletionException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.junit.jupiter.api.Test;

/** The one classification of "the database (or a peer) is unavailable" that graph-http and messaging share. */
class UnavailabilityTest {

    private static <T extends Throwable> T fromPgClient(T failure) {
        failure.setStackTrace(new StackTraceElement[] {
                new StackTraceElement("io.vertx.pgclient.impl.PgSocketConnection", "handleClosed", "PgSocketConnection.java", 1)});
        return failure;
    }

    @Test
    void connectionsClosedRefusedResetOrTimedOutAreTheDatabaseBeingUnavailable() {
        assertTrue(Unavailability.isDatabaseUnavailable(ClosedConnectionException.INSTANCE));
        assertTrue(Unavailability.isDatabaseUnavailable(new CompletionException(
                new IllegalStateException("wrapped", ClosedConnectionException.INSTANCE))));
        assertTrue(Unavailability.isDatabaseUnavailable(
                new CompletionException(fromPgClient(new ConnectException("Connection refused")))));
        assertTrue(Unavailability.isDatabaseUnavailable(fromPgClient(new IOException("Connection reset by peer"))));
        assertTrue(Unavailability.isDatabaseUnavailable(new RuntimeException(fromPgClient(new NoStackTraceTimeoutException("Timeout")))));
        assertTrue(Unavailability.isDatabaseUnavailable(fromPgClient(new VertxException("Pool closed"))));
        // what Hibernate Reactive wraps when PostgreSQL was killed under a transaction (seen in the fault drill)
        assertTrue(Unavailability.isDatabaseUnavailable(new IllegalStateException(
                new io.vertx.core.impl.NoStackTraceThrowable("Connection is not active now, current status: CLOSED"))));
        assertFalse(Unavailability.isDatabaseUnavailable(new io.vertx.core.impl.NoStackTraceThrowable("Something else")));
        RuntimeException rollback = new RuntimeException("rollback failed");
        rollback.addSuppressed(ClosedConnectionException.INSTANCE);
        assertTrue(Unavailability.isDatabaseUnavailable(rollback));
    }

    @Test
    void postgresqlsGoAwayStatesAreUnavailableOtherStatesAreNot() {
        for (String state : new String[] {"08000", "08001", "08006", "57P01", "57P02", "57P03", "53300"}) {
            assertTrue(Unavailability.isUnavailable(new RuntimeException(new SQLException("gone", state))), state);
        }
        for (String state : new String[] {"23505", "40P01", "40001", "22001", "42P01", "57014"}) {
            assertFalse(Unavailability.isUnavailable(new RuntimeException(new SQLException("bad", state))), state);
        }
        assertEquals("57P01", Unavailability.sqlState(new SQLException("x", "57P01")));
        assertNull(Unavailability.sqlState(new IllegalStateException()));
    }

    @Test
    void aPeerCallsFailureIsNotTheDatabaseButIsUnavailable() {
        Throwable refused = new ProcessingException(new ConnectException("Connection refused"));
        assertFalse(Unavailability.isDatabaseUnavailable(refused));
        assertTrue(Unavailability.isUnavailable(refused));
        assertTrue(Unavailability.isUnavailable(new CircuitBreakerOpenException("open")));
        assertTrue(Unavailability.isUnavailable(new RuntimeException(new TimeoutException("slow"))));
    }

    @Test
    void bugsAndBadDataAreNotUnavailable() {
        assertFalse(Unavailability.isUnavailable(new IllegalStateException("a bug")));
        assertFalse(Unavailability.isUnavailable(new NullPointerException()));
        assertFalse(Unavailability.isUnavailable(new IllegalArgumentException("bad json", new RuntimeException())));
        // Jackson's parse errors are IOExceptions: bad data, which must reach the dead-letter queue, not be held
        assertFalse(Unavailability.isUnavailable(new java.io.UncheckedIOException(
                new com.fasterxml.jackson.core.JsonParseException(null, "Unexpected character"))));
    }

    @Test
    void aStopPredicateEndsTheSearch() {
        Throwable decided = new IllegalArgumentException("an answer already decided", ClosedConnectionException.INSTANCE);
        assertTrue(Unavailability.isDatabaseUnavailable(decided));
        assertFalse(Unavailability.isDatabaseUnavailable(decided, IllegalArgumentException.class::isInstance));
    }
}
