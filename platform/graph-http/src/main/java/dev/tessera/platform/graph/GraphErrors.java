package dev.tessera.platform.graph;

import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Builds Graph error responses for JAX-RS and for plain Vert.x routes. */
public final class GraphErrors {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE_TIME;

    private GraphErrors() {
    }

    public static GraphErrorBody body(RoutingContext ctx, String code, String message, String target) {
        String date = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).format(DATE);
        return new GraphErrorBody(new GraphErrorBody.Error(code, message, target, List.of(),
                new GraphErrorBody.InnerError(date, RequestIds.requestId(ctx), RequestIds.clientRequestId(ctx))));
    }

    public static Response response(RoutingContext ctx, int status, String code, String message, String target) {
        return response(ctx, status, code, message, target, PeerFailures.RETRY_AFTER_SECONDS);
    }

    /** A Graph error; a 429 or 503 also says in {@code Retry-After} how many seconds to wait. */
    public static Response response(RoutingContext ctx, int status, String code, String message, String target,
            long retryAfterSeconds) {
        Response.ResponseBuilder builder = Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(body(ctx, code, message, target));
        if (status == 429 || status == 503) {
            builder.header("Retry-After", String.valueOf(retryAfterSeconds));
        }
        return builder.build();
    }

    /** Ends a Vert.x request with a Graph error (used outside JAX-RS: unknown paths, auth failures). */
    public static void end(RoutingContext ctx, int status, String code, String message) {
        if (status == 429 || status == 503) {
            ctx.response().putHeader("Retry-After", String.valueOf(PeerFailures.RETRY_AFTER_SECONDS));
        }
        ctx.response()
                .setStatusCode(status)
                .putHeader("Content-Type", MediaType.APPLICATION_JSON)
                .putHeader(RequestIds.REQUEST_ID, RequestIds.requestId(ctx))
                .putHeader(RequestIds.CLIENT_REQUEST_ID, RequestIds.clientRequestId(ctx))
                .end(Json.encode(body(ctx, code, message, null)));
    }
}
