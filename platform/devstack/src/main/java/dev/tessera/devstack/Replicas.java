package dev.tessera.devstack;

import io.vertx.core.Future;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The replicas of one service behind the gateway (or a peer balancer): each request goes to the next
 * replica in turn (round robin); when a replica refuses the connection, the request goes to the next
 * one. A refused connection means nothing of the request was sent, so this is safe for any method, a
 * POST included. Only when no replica accepts the connection does the request fail (the gateway then
 * answers 503 with {@code Retry-After}).
 */
final class Replicas {

    private final List<Integer> ports;
    private final AtomicInteger next = new AtomicInteger();

    Replicas(List<Integer> ports) {
        if (ports.isEmpty()) {
            throw new IllegalArgumentException("A service needs at least one replica");
        }
        this.ports = List.copyOf(ports);
    }

    List<Integer> ports() {
        return ports;
    }

    /** A request to the first replica, from the next in turn on, that accepts a connection. */
    Future<HttpClientRequest> open(HttpClient client) {
        int first = Math.floorMod(next.getAndIncrement(), ports.size());
        return attempt(client, first, 0);
    }

    private Future<HttpClientRequest> attempt(HttpClient client, int first, int tried) {
        int port = ports.get((first + tried) % ports.size());
        return client.request(new RequestOptions().setServer(SocketAddress.inetSocketAddress(port, "127.0.0.1")))
                .recover(failure -> tried + 1 < ports.size()
                        ? attempt(client, first, tried + 1)
                        : Future.failedFuture(failure));
    }
}
