package dev.tessera.devstack;

import io.vertx.core.Future;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The replicas of one service behind the gateway (or a peer balancer): each request goes to the next
 * replica in turn (round robin); when a replica refuses the connection, the request goes to the next
 * one. A refused connection means nothing of the request was sent, so this is safe for any method, a
 * POST included. Only when no replica accepts the connection does the request fail (the gateway then
 * answers 503 with {@code Retry-After}).
 *
 * <p>A replica that refused a connection, or failed a request it had been sent (it died while holding it),
 * is <em>suspect</em> for {@link #SUSPECT}: new requests go to the others first. A replica killed with
 * SIGKILL leaves idle keep-alive connections in the pool that the client has not yet seen close; without
 * this, each of them could take one more request before the pool noticed — a write among them would be a
 * 503 whose outcome is unknown, a read one more failed try.
 */
final class Replicas {

    /** How long a replica that failed is tried last. */
    static final Duration SUSPECT = Duration.ofSeconds(2);

    private final List<Integer> ports;
    private final AtomicInteger next = new AtomicInteger();
    /** Port → System.nanoTime() until which it is tried last. */
    private final Map<Integer, Long> suspectUntil = new ConcurrentHashMap<>();
    /** Incoming request → the port its origin request went to, until it is answered or failed. */
    private final Map<HttpServerRequest, Integer> chosen = new ConcurrentHashMap<>();

    Replicas(List<Integer> ports) {
        if (ports.isEmpty()) {
            throw new IllegalArgumentException("A service needs at least one replica");
        }
        this.ports = List.copyOf(ports);
    }

    List<Integer> ports() {
        return ports;
    }

    /** A request to the first replica, from the next in turn on (suspect ones last), that accepts a connection. */
    Future<HttpClientRequest> open(HttpClient client) {
        return open(null, client);
    }

    /**
     * As {@link #open(HttpClient)}, remembering which replica took {@code incoming}'s origin request so that
     * {@link #failed(HttpServerRequest)} can mark it suspect.
     */
    Future<HttpClientRequest> open(HttpServerRequest incoming, HttpClient client) {
        int first = Math.floorMod(next.getAndIncrement(), ports.size());
        List<Integer> order = new ArrayList<>(ports.size());
        List<Integer> suspects = new ArrayList<>();
        long now = System.nanoTime();
        for (int i = 0; i < ports.size(); i++) {
            int port = ports.get((first + i) % ports.size());
            Long until = suspectUntil.get(port);
            if (until != null && until - now > 0) {
                suspects.add(port);
            } else {
                order.add(port);
            }
        }
        order.addAll(suspects);
        return attempt(incoming, client, order, 0);
    }

    /** The origin request of {@code incoming} failed without an answer: its replica is suspect. */
    void failed(HttpServerRequest incoming) {
        Integer port = chosen.remove(incoming);
        if (port != null) {
            suspect(port);
        }
    }

    /** The origin request of {@code incoming} was answered. */
    void answered(HttpServerRequest incoming) {
        chosen.remove(incoming);
    }

    boolean isSuspect(int port) {
        Long until = suspectUntil.get(port);
        return until != null && until - System.nanoTime() > 0;
    }

    private void suspect(int port) {
        suspectUntil.put(port, System.nanoTime() + SUSPECT.toNanos());
    }

    private Future<HttpClientRequest> attempt(HttpServerRequest incoming, HttpClient client, List<Integer> order, int tried) {
        int port = order.get(tried);
        return client.request(new RequestOptions().setServer(SocketAddress.inetSocketAddress(port, "127.0.0.1")))
                .onSuccess(request -> {
                    if (incoming != null) {
                        chosen.put(incoming, port);
                    }
                })
                .recover(failure -> {
                    suspect(port);
                    return tried + 1 < order.size()
                            ? attempt(incoming, client, order, tried + 1)
                            : Future.failedFuture(failure);
                });
    }
}
