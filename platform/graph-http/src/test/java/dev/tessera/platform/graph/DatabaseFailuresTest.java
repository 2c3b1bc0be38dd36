package dev.tessera.platform.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.VertxException;
import io.vertx.core.impl.NoStackTraceTimeoutException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.io.IOException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class DatabaseFailuresTest {

    /** As the reactive PostgreSQL client raises it: thrown from its own code. */
    private static <T extends Throwable> T fromPgClient(T failure) {
        failure.setStackTrace(new StackTraceElement[] {
                new StackTraceElement("io.vertx.pgclient.impl.PgSocketConnection", "handleClosed", "PgSocketConnection.java", 1)});
        return failure;
    }

    @Test
    void aConnectionClosedUnderARequestIsUnavailableHoweverWrapped() {
        assertTrue(DatabaseFailures.isDatabaseUnavailable(ClosedConnectionException.INSTANCE));
        assertTrue(DatabaseFailures.isDatabaseUnavailable(new CompletionException(
                new IllegalStateException("Hibernate Reactive wrapped it", ClosedConnectionException.INSTANCE))));
        RuntimeException rollback = new RuntimeException("rollback failed");
        rollback.addSuppressed(ClosedConnectionException.INSTANCE);
        assertTrue(DatabaseFailures.isDatabaseUnavailable(rollback));
    }

    @Test
    void refusedResetOrTimedOutConnectionsOfTheSqlClientAreUnavailable() {
        assertTrue(DatabaseFailures.isDatabaseUnavailable(
                new CompletionException(fromPgClient(new ConnectException("Connection refused: /127.0.0.1:5432")))));
        assertTrue(DatabaseFailures.isDatabaseUnavailable(fromPgClient(new IOException("Connection reset by peer"))));
        assertTrue(DatabaseFailures.isDatabaseUnavailable(
                new RuntimeException(fromPgClient(new NoStackTraceTimeoutException("Timeout")))));
        assertTrue(DatabaseFailures.isDatabaseUnavailable(fromPgClient(new VertxException("Pool closed"))));
        // a pooled connection reset under a request: the driver passes netty's own exception through
        assertTrue(DatabaseFailures.isDatabaseUnavailable(new java.net.SocketException("Connection reset")));
        assertTrue(DatabaseFailures.isDatabaseUnavailable(new CompletionException(
                new io.vertx.core.impl.NoStackTraceThrowable("Timeout"))));
    }

    @Test
    void postgresqlsGoAwayStatesAreUnavailable() {
        for (String state : new String[] {"08006", "08001", "57P01", "57P02", "57P03", "53300"}) {
            assertTrue(DatabaseFailures.isDatabaseUnavailable(new RuntimeException(new SQLException("gone", state))), state);
        }
    }

    @Test
    void otherFailuresAreNot() {
        // a refused or reset connection of a peer call is the peer's (PeerFailures), not the database's
        assertFalse(DatabaseFailures.isDatabaseUnavailable(
                new jakarta.ws.rs.ProcessingException(new ConnectException("Connection refused"))));
        assertFalse(DatabaseFailures.isDatabaseUnavailable(new org.eclipse.microprofile.faulttolerance.exceptions
                .CircuitBreakerOpenException(new java.net.SocketException("Connection reset"))));
        assertFalse(DatabaseFailures.isDatabaseUnavailable(new RuntimeException(new SQLException("dup", "23505"))));
        assertFalse(DatabaseFailures.isDatabaseUnavailable(new RuntimeException(new SQLException("deadlock", "40P01"))));
        assertFalse(DatabaseFailures.isDatabaseUnavailable(new IllegalStateException("a bug")));
        assertFalse(DatabaseFailures.isDatabaseUnavailable(GraphException.badRequest("no")));
    }

    @Test
    void theAnswerIsA503ServiceNotAvailable() {
        GraphException unavailable = DatabaseFailures.unavailable();
        assertEquals(503, unavailable.status());
        assertEquals("serviceNotAvailable", unavailable.code());
    }
}
