package dev.tessera.platform.graph;

import jakarta.ws.rs.WebApplicationException;
import org.jboss.logging.Logger;

/** Outbound REST: a 404 from another service is an answer ("it does not exist"), not a failure. */
public final class RemoteErrors {

    private static final Logger LOG = Logger.getLogger(RemoteErrors.class);

    private RemoteErrors() {
    }

    public static boolean isNotFound(Throwable failure) {
        return failure instanceof WebApplicationException web && web.getResponse().getStatus() == 404;
    }

    /**
     * The Graph error for a failed call to another service about {@code what} (e.g. "group 'x'"):
     * a GraphException passes through, the other service refusing the caller is a 403, anything
     * else (outage, timeout, open circuit, see {@link PeerFailures}) a 503 with Retry-After the client may retry.
     */
    public static GraphException asGraphError(Throwable failure, String service, String what) {
        if (failure instanceof GraphException graph) {
            return graph;
        }
        if (failure instanceof WebApplicationException web
                && (web.getResponse().getStatus() == 401 || web.getResponse().getStatus() == 403)) {
            return GraphException.forbidden("The " + service + " refused to show " + what + " to the caller.");
        }
        LOG.warnf("Call to the %s about %s failed: %s", service, what, failure.toString());
        return new GraphException(503, "serviceNotAvailable",
                "The " + service + " could not be reached to check " + what + "; try again later.");
    }
}
