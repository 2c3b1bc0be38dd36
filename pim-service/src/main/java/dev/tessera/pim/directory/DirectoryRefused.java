package dev.tessera.pim.directory;

import jakarta.ws.rs.WebApplicationException;

/**
 * The directory answered a lookup with a client error other than 404 (401 / 403: the caller may not
 * see it; 400). It is an answer, not an outage: not retried, and not counted by the circuit breaker
 * the lookups of every caller share — one caller's refusals must not cut off everybody's lookups.
 * It stays a WebApplicationException with the directory's response, so RemoteErrors maps it as before.
 */
final class DirectoryRefused extends WebApplicationException {

    private DirectoryRefused(WebApplicationException answer) {
        super(answer.getMessage(), answer, answer.getResponse());
    }

    /** A 4xx other than 404 (which the lookups turn into a value before this). */
    static boolean isRefusal(Throwable failure) {
        if (!(failure instanceof WebApplicationException web) || failure instanceof DirectoryRefused) {
            return false;
        }
        int status = web.getResponse().getStatus();
        return status >= 400 && status < 500 && status != 404 && status != 408 && status != 429;
    }

    static DirectoryRefused of(Throwable failure) {
        return new DirectoryRefused((WebApplicationException) failure);
    }
}
