package dev.tessera.platform.graph;

import io.vertx.core.http.HttpClosedException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;
import org.jboss.resteasy.reactive.ClientWebApplicationException;

/**
 * Recognises a call to another service that failed because the peer is down, slow or overloaded:
 * an open circuit breaker, a fault-tolerance timeout or full bulkhead, a refused or dropped
 * connection, or a 5xx (or 408/429) answer. Such a failure is never the caller's fault nor a bug
 * here: it is answered 503 {@code serviceNotAvailable} with {@code Retry-After}, which Graph
 * clients retry by themselves.
 */
public final class PeerFailures {

    /** Seconds a client should wait: the circuit breakers' delay (5 s). */
    public static final int RETRY_AFTER_SECONDS = 5;

    private PeerFailures() {
    }

    /** Whether {@code failure}, or one of its causes, says a peer is unavailable. */
    public static boolean isPeerUnavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof GraphException) {
                return false;
            }
            if (t instanceof FaultToleranceException
                    || t instanceof ProcessingException
                    || t instanceof ConnectException
                    || t instanceof NoRouteToHostException
                    || t instanceof UnknownHostException
                    || t instanceof SocketTimeoutException
                    || t instanceof TimeoutException
                    || t instanceof HttpClosedException) {
                return true;
            }
            if (t instanceof ClientWebApplicationException client) {
                int status = client.getResponse().getStatus();
                return status >= 500 || status == 408 || status == 429;
            }
            if (t instanceof WebApplicationException) {
                return false;
            }
        }
        return false;
    }

    /** The 503 a client sees when a peer is unavailable (the service's name is not disclosed). */
    public static GraphException unavailable() {
        return new GraphException(503, "serviceNotAvailable",
                "A service this request depends on is temporarily unavailable; try again later.");
    }
}
