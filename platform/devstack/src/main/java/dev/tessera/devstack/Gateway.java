package dev.tessera.devstack;

import dev.tessera.common.HttpLimits;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.Http2Settings;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.SocketAddress;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyRequest;
import io.vertx.httpproxy.ProxyResponse;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The local stack's single Graph base URL: a Vert.x reverse proxy that routes by path prefix to the
 * owning service and tells it the public host through X-Forwarded-* headers. It routes only the Graph
 * roots of {@link GatewayRoutes} ({@code /q/*} and {@code /internal/*} never), refuses dot segments
 * ({@link GatewayPaths}) and forwards the path exactly as it checked it. Forwarded headers a client
 * sends are replaced or dropped, never passed on.
 */
public final class Gateway implements AutoCloseable {

    private final Vertx vertx;
    private final HttpServer server;

    private Gateway(Vertx vertx, HttpServer server) {
        this.vertx = vertx;
        this.server = server;
    }

    /** Starts on 127.0.0.1:port (0 = a free port); {@code backends} maps service name to port. */
    public static Gateway start(int port, Map<String, Integer> backends) {
        Map<String, List<Integer>> replicas = new LinkedHashMap<>();
        backends.forEach((service, p) -> replicas.put(service, List.of(p)));
        return startReplicated(port, replicas);
    }

    /**
     * Starts on 127.0.0.1:port (0 = a free port); {@code backends} maps service name to the ports of
     * its replicas, which take the requests in turn ({@link Replicas}).
     */
    public static Gateway startReplicated(int port, Map<String, List<Integer>> backends) {
        Vertx vertx = Vertx.vertx();
        Map<String, Replicas> replicas = new LinkedHashMap<>();
        backends.forEach((service, ports) -> replicas.put(service, new Replicas(ports)));
        HttpProxy proxy = HttpProxy.reverseProxy(vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout(2000).setKeepAlive(true).setMaxPoolSize(64)));
        proxy.originRequestProvider((request, client) -> GatewayRoutes.serviceFor(request.path())
                .map(replicas::get)
                .map(service -> service.open(request, client))
                .orElseGet(() -> Future.failedFuture("no route")));
        proxy.addInterceptor(new ForwardedHeaders(replicas));
        // The same limits as the services (HttpLimits; quarkus.http.limits.* in graph-http), each refusal
        // a Graph error: what the decoder cannot read too (the invalid-request handler), not an empty answer.
        HttpServer server = vertx.createHttpServer(new HttpServerOptions()
                .setMaxInitialLineLength(HttpLimits.DECODER_MAX_INITIAL_LINE_LENGTH)
                .setMaxHeaderSize(HttpLimits.DECODER_MAX_HEADER_SIZE)
                // an h2c upgrade (java.net.http asks for one) had HTTP/2's default 8 KB header list
                .setInitialSettings(new Http2Settings().setMaxHeaderListSize(HttpLimits.DECODER_MAX_HEADER_SIZE)))
                .invalidRequestHandler(request -> refuse(request,
                        HttpLimits.decoderRefusal(request.decoderResult().cause())))
                .requestHandler(request -> {
            Optional<HttpLimits.Refusal> limit = HttpLimits.refusal(request.uri(), request.headers())
                    .or(() -> HttpLimits.bodyRefusal(request.method().name(), request.headers()));
            Optional<String> refused = GatewayPaths.refusal(request.path());
            if (limit.isPresent()) {
                refuse(request, limit.get());
            } else if (refused.isPresent()) {
                error(request, 400, "invalidRequest", refused.get());
            } else if (GatewayRoutes.serviceFor(request.path()).isEmpty()) {
                error(request, 404, "itemNotFound", "Resource not found for the segment '" + request.path() + "'.");
            } else if (request.headers().contains("Transfer-Encoding") && !request.headers().contains("Content-Length")) {
                readChunked(request, proxy);
            } else {
                proxy.handle(request);
            }
        });
        try {
            server.listen(port, "127.0.0.1").toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            vertx.close();
            throw new IllegalStateException("The gateway could not listen on port " + port, e);
        }
        return new Gateway(vertx, server);
    }

    /**
     * A balancer for the calls between services: every path (including {@code /internal/*}) to the
     * replicas of one service in turn, the next replica when one refuses the connection, a Graph 503
     * with {@code Retry-After} when none answers. The local stack starts one per service when it runs
     * more than one replica, and points the services' REST clients at it. Loopback only.
     */
    public static Gateway balancer(int port, List<Integer> replicaPorts) {
        Vertx vertx = Vertx.vertx();
        Replicas replicas = new Replicas(replicaPorts);
        HttpProxy proxy = HttpProxy.reverseProxy(vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout(2000).setKeepAlive(true).setMaxPoolSize(64)));
        proxy.originRequestProvider((request, client) -> replicas.open(request, client));
        proxy.addInterceptor(new Unavailable(replicas));
        HttpServer server = vertx.createHttpServer(new HttpServerOptions()
                .setMaxInitialLineLength(HttpLimits.DECODER_MAX_INITIAL_LINE_LENGTH)
                .setMaxHeaderSize(HttpLimits.DECODER_MAX_HEADER_SIZE))
                .requestHandler(proxy);
        try {
            server.listen(port, "127.0.0.1").toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            vertx.close();
            throw new IllegalStateException("The balancer could not listen on port " + port, e);
        }
        return new Gateway(vertx, server);
    }

    public int port() {
        return server.actualPort();
    }

    @Override
    public void close() {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // closing anyway
        }
    }

    static String errorBody(String code, String message) {
        String date = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).toString();
        return new JsonObject().put("error", new JsonObject()
                .put("code", code).put("message", message).putNull("target").put("details", new io.vertx.core.json.JsonArray())
                .put("innerError", new JsonObject().put("date", date).put("request-id", UUID.randomUUID().toString())))
                .encode();
    }

    /** Bodies of chunked requests, read in full by {@link #readChunked}, for the proxy to send on. */
    private static final Map<HttpServerRequest, Buffer> READ_BODIES = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * A chunked body (no Content-Length) is read here, up to {@link HttpLimits#MAX_BODY_SIZE}, before it is
     * proxied: over the limit the gateway answers the services' 413 Graph error itself. Streamed on, the
     * service's 413 and closed connection would reach the client as a 503.
     */
    private static void readChunked(HttpServerRequest request, HttpProxy proxy) {
        Buffer body = Buffer.buffer();
        boolean[] refused = {false};
        request.handler(chunk -> {
            if (refused[0]) {
                return;
            }
            if (body.length() + chunk.length() > HttpLimits.MAX_BODY_SIZE) {
                refused[0] = true;
                refuse(request, new HttpLimits.Refusal(413, "RequestEntityTooLarge",
                        "The request body is larger than " + HttpLimits.MAX_BODY_SIZE + " bytes."));
            } else {
                body.appendBuffer(chunk);
            }
        });
        request.endHandler(end -> {
            if (!refused[0]) {
                READ_BODIES.put(request, body);
                request.response().endHandler(done -> READ_BODIES.remove(request));
                request.response().closeHandler(closed -> READ_BODIES.remove(request));
                proxy.handle(request);
            }
        });
    }

    /** A request refused before it is proxied: the body is not read, so the connection closes after the answer. */
    private static void refuse(HttpServerRequest request, HttpLimits.Refusal refusal) {
        request.response().setStatusCode(refusal.status()).putHeader("Content-Type", "application/json")
                .putHeader("Connection", "close")
                .end(errorBody(refusal.code(), refusal.message()))
                .onComplete(done -> request.connection().close());
    }

    private static void error(HttpServerRequest request, int status, String code, String message) {
        request.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(errorBody(code, message));
    }

    /** Forwarded headers only the gateway sets: a client's are dropped, not passed on to a service. */
    static final List<String> CLIENT_FORWARDED_HEADERS = List.of("Forwarded", "X-Forwarded-Host", "X-Forwarded-Proto",
            "X-Forwarded-For", "X-Forwarded-Prefix", "X-Forwarded-Port", "X-Forwarded-Server", "X-Forwarded-Ssl");

    /**
     * Forwards the path as checked (origin form, even when the client sent an absolute URI), sets
     * X-Forwarded-*, and answers a Graph 503 when the owning service is down.
     */
    private static final class ForwardedHeaders implements ProxyInterceptor {

        private final Map<String, Replicas> replicas;

        ForwardedHeaders(Map<String, Replicas> replicas) {
            this.replicas = replicas;
        }

        @Override
        public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
            HttpServerRequest original = context.request().proxiedRequest();
            String query = original.query();
            context.request().setURI(original.path() + (query == null ? "" : "?" + query));
            Buffer read = READ_BODIES.remove(original);
            if (read != null) {
                context.request().setBody(Body.body(read));
            }
            CLIENT_FORWARDED_HEADERS.forEach(context.request().headers()::remove);
            HostAndPort authority = original.authority();
            String host = authority == null ? "localhost"
                    : authority.port() > 0 ? authority.host() + ":" + authority.port() : authority.host();
            context.request().headers()
                    .set("X-Forwarded-Host", host)
                    .set("X-Forwarded-Proto", original.scheme() == null ? "http" : original.scheme())
                    .set("X-Forwarded-For", original.remoteAddress() == null ? "127.0.0.1"
                            : original.remoteAddress().hostAddress());
            Replicas service = GatewayRoutes.serviceFor(original.path()).map(replicas::get).orElse(null);
            return context.sendRequest()
                    .onSuccess(answer -> {
                        if (service != null) {
                            service.answered(original);
                        }
                    })
                    .recover(failure -> {
                        if (service == null) {
                            return Future.failedFuture(failure);
                        }
                        service.failed(original);
                        return retryElsewhere(context, service);
                    })
                    .recover(failure -> unavailable(context, original.path()));
        }
    }

    /** The balancer's: a Graph 503 when no replica of the service answers. */
    private static final class Unavailable implements ProxyInterceptor {

        private final Replicas replicas;

        Unavailable(Replicas replicas) {
            this.replicas = replicas;
        }

        @Override
        public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
            HttpServerRequest incoming = context.request().proxiedRequest();
            return context.sendRequest()
                    .onSuccess(answer -> replicas.answered(incoming))
                    .recover(failure -> {
                        replicas.failed(incoming);
                        return retryElsewhere(context, replicas);
                    })
                    .recover(failure -> unavailable(context, context.request().proxiedRequest().path()));
        }
    }

    /** Methods that change nothing, so a request sent to a replica that died before answering may go again. */
    static final Set<HttpMethod> RETRIED_AFTER_SENDING = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "transfer-encoding", "content-length",
            "host", "upgrade", "te", "trailer", "proxy-connection");

    /**
     * A request that failed after it was sent (the replica died while it held it): a GET, HEAD or OPTIONS
     * goes once more, to the next replica that accepts a connection; any other method fails (the gateway
     * answers 503 + Retry-After: whether it took effect is not known, and the client's retry finds out).
     */
    private static Future<ProxyResponse> retryElsewhere(ProxyContext context, Replicas replicas) {
        ProxyRequest proxied = context.request();
        if (!RETRIED_AFTER_SENDING.contains(proxied.getMethod()) || replicas.ports().size() < 2) {
            return Future.failedFuture("not retried");
        }
        return replicas.open(context.client()).compose(request -> {
            request.setMethod(proxied.getMethod()).setURI(proxied.getURI());
            proxied.headers().forEach(header -> {
                if (!HOP_BY_HOP.contains(header.getKey().toLowerCase(java.util.Locale.ROOT))) {
                    request.headers().add(header.getKey(), header.getValue());
                }
            });
            return request.send();
        }).compose(response -> response.body().map(body -> {
            ProxyResponse answer = proxied.response().setStatusCode(response.statusCode())
                    .setStatusMessage(response.statusMessage()).setBody(Body.body(body));
            answer.headers().clear();
            response.headers().forEach(header -> {
                if (!HOP_BY_HOP.contains(header.getKey().toLowerCase(java.util.Locale.ROOT))) {
                    answer.headers().add(header.getKey(), header.getValue());
                }
            });
            return answer;
        }));
    }

    /** What a Graph client retries by itself: 503 with {@code Retry-After} and a Graph error body. */
    private static Future<ProxyResponse> unavailable(ProxyContext context, String path) {
        ProxyResponse response = context.request().response()
                .setStatusCode(503)
                .setStatusMessage("Service Unavailable")
                .setBody(Body.body(Buffer.buffer(errorBody("serviceNotAvailable",
                        "The service for '" + path + "' is not available. Try again shortly."))));
        response.headers().set("Content-Type", "application/json").set("Retry-After", "5");
        return Future.succeededFuture(response);
    }
}
