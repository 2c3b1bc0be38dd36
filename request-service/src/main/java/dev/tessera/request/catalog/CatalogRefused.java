package dev.tessera.request.catalog;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

/**
 * catalog-service answered a 4xx: the caller's or the service token is refused (401/403), or what was
 * asked for is not there (404). An answer, not an outage: it is neither retried nor counted by the circuit
 * breaker, so a bad or expired token is reported at once with its reason. Still a
 * {@link WebApplicationException} with the response's status, as {@code RemoteErrors} expects.
 */
public class CatalogRefused extends WebApplicationException {

    public CatalogRefused(Response response) {
        super("catalog-service answered " + response.getStatus(), response);
    }

    /** For the REST clients' {@code @ClientExceptionMapper}: 4xx become this, anything else stays as it was. */
    public static RuntimeException of(Response response) {
        int status = response.getStatus();
        return status >= 400 && status < 500 ? new CatalogRefused(response) : null;
    }
}
