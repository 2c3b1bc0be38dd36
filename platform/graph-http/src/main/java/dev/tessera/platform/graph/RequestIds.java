package dev.tessera.platform.graph;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;

/**
 * Graph correlation ids. Every response carries {@code request-id} (new per request) and
 * {@code client-request-id} (the caller's, echoed; clients reuse it, so it is never treated as unique).
 * The ids live on the Vert.x routing context so both JAX-RS and plain Vert.x handlers see them.
 */
public final class RequestIds {

    public static final String REQUEST_ID = "request-id";
    public static final String CLIENT_REQUEST_ID = "client-request-id";

    private RequestIds() {
    }

    public static String requestId(RoutingContext ctx) {
        if (ctx == null) {
            return UUID.randomUUID().toString();
        }
        String id = ctx.get(REQUEST_ID);
        if (id == null) {
            id = UUID.randomUUID().toString();
            ctx.put(REQUEST_ID, id);
        }
        return id;
    }

    public static String clientRequestId(RoutingContext ctx) {
        if (ctx == null) {
            return null;
        }
        HttpServerRequest request = ctx.request();
        String given = request.getHeader(CLIENT_REQUEST_ID);
        return given != null && !given.isBlank() ? given : requestId(ctx);
    }
}
