package dev.tessera.platform.graph;

import jakarta.ws.rs.WebApplicationException;

/** Outbound REST: a 404 from another service is an answer ("it does not exist"), not a failure. */
public final class RemoteErrors {

    private RemoteErrors() {
    }

    public static boolean isNotFound(Throwable failure) {
        return failure instanceof WebApplicationException web && web.getResponse().getStatus() == 404;
    }
}
