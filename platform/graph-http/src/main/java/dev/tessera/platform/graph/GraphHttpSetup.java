package dev.tessera.platform.graph;

import dev.tessera.common.HttpLimits;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.MDC;

/**
 * Vert.x-level conventions that must hold for every response, including ones JAX-RS never sees:
 * correlation-id headers (also put in the logging MDC), a Graph 404 for paths under /v1.0 that no API serves,
 * and the HTTP limits of {@link HttpLimits} (URI length, header size, body size, a well-formed URI and Accept
 * header) answered with Graph errors before anything is routed.
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

    /** Runs before every other route, Quarkus' own body-size check included. */
    static final int LIMITS_ORDER = Integer.MIN_VALUE + 100;

    /**
     * Reads a chunked body (no {@code Content-Length}) in full before the REST layer, up to the body
     * limit: over it, a failure with status 413 that the failure handler below answers with a Graph error.
     * RESTEasy Reactive would otherwise count the bytes itself and end the response with an empty 413.
     * It reads the body this handler collected instead of the connection.
     */
    private static final BodyHandler CHUNKED_BODIES = BodyHandler.create(false).setBodyLimit(HttpLimits.MAX_BODY_SIZE);

    void limits(@Observes Router router) {
        router.route().order(LIMITS_ORDER).handler(ctx -> {
            HttpServerRequest request = ctx.request();
            var refusal = HttpLimits.refusal(request.uri(), request.headers())
                    .or(() -> HttpLimits.bodyRefusal(request.method().name(), request.headers()));
            if (refusal.isPresent()) {
                // The client may still be sending a body we will not read: close once answered.
                ctx.response().putHeader("Connection", "close");
                GraphErrors.end(ctx, refusal.get().status(), refusal.get().code(), refusal.get().message());
            } else if (request.headers().contains("Transfer-Encoding") && !request.headers().contains("Content-Length")) {
                CHUNKED_BODIES.handle(ctx);
            } else {
                ctx.next();
            }
        });
        // A failure with a status and no exception (the router's own 400 for a path it cannot decode,
        // a body over the limit while it streams in) would otherwise end with an empty body.
        router.route().order(LIMITS_ORDER).failureHandler(ctx -> {
            if (ctx.failure() != null || ctx.response().headWritten()) {
                ctx.next();
                return;
            }
            int status = ctx.statusCode() < 400 ? 500 : ctx.statusCode();
            if (status == 413) {
                // the rest of the body is not read
                ctx.response().putHeader("Connection", "close");
            }
            GraphErrors.end(ctx, status, statusCode(status), statusMessage(status));
        });
    }

    static String statusCode(int status) {
        return switch (status) {
            case 413 -> "RequestEntityTooLarge";
            case 414 -> "RequestUriTooLong";
            case 431 -> "RequestHeaderFieldsTooLarge";
            case 404 -> "itemNotFound";
            case 405 -> "notAllowed";
            case 503 -> "serviceNotAvailable";
            default -> status >= 500 ? "generalException" : "BadRequest";
        };
    }

    static String statusMessage(int status) {
        return switch (status) {
            case 413 -> "The request body is larger than " + HttpLimits.MAX_BODY_SIZE + " bytes.";
            case 414 -> "The request URI is longer than " + HttpLimits.MAX_URI_LENGTH + " characters.";
            case 431 -> "The request headers are larger than " + HttpLimits.MAX_HEADER_SIZE + " bytes together.";
            case 404 -> "Resource not found for the segment.";
            case 405 -> "The HTTP method is not allowed on this resource.";
            case 503 -> "The service is temporarily unavailable; try again later.";
            default -> status >= 500 ? "An error occurred while processing the request." : "The request is invalid.";
        };
    }

    void unknownPaths(@Observes Router router) {
        router.route("/v1.0/*").order(Integer.MAX_VALUE - 10).handler(ctx ->
                GraphErrors.end(ctx, 404, "itemNotFound", "Resource not found for the segment '"
                        + ctx.normalizedPath() + "'."));
    }
}
