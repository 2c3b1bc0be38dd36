package dev.tessera.platform.graph;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.MDC;

/**
 * Vert.x-level conventions that must hold for every response, including ones JAX-RS never sees:
 * correlation-id headers (also put in the logging MDC), and a Graph 404 for paths under /v1.0 that no API serves.
 */
@ApplicationScoped
public class GraphHttpSetup {

    void correlationIds(@Observes Filters filters) {
        filters.register(ctx -> {
            String requestId = RequestIds.requestId(ctx);
            // Every log line of this request carries both ids (JSON logs: as fields).
            MDC.put(RequestIds.REQUEST_ID, requestId);
            MDC.put(RequestIds.CLIENT_REQUEST_ID, RequestIds.clientRequestId(ctx));
            // addHeadersEndHandler, not response().headersEndHandler: the latter keeps only the
            // last handler set, and the REST layer sets its own.
            ctx.addHeadersEndHandler(v -> {
                ctx.response().headers().set(RequestIds.REQUEST_ID, requestId);
                ctx.response().headers().set(RequestIds.CLIENT_REQUEST_ID, RequestIds.clientRequestId(ctx));
            });
            ctx.next();
        }, 1000);
    }

    void unknownPaths(@Observes Router router) {
        router.route("/v1.0/*").order(Integer.MAX_VALUE - 10).handler(ctx ->
                GraphErrors.end(ctx, 404, "itemNotFound", "Resource not found for the segment '"
                        + ctx.normalizedPath() + "'."));
    }
}
