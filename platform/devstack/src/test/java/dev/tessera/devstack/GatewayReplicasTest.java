package dev.tessera.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two replicas of a service behind the gateway and behind a peer balancer: requests take turns, a
 * replica that is down is skipped for every method (a refused connection sent nothing), and only
 * when none answers is the answer a Graph 503 with Retry-After.
 */
class GatewayReplicasTest {

    static final String USERS = "/v1.0/users";
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    Vertx vertx;
    final List<HttpServer> replicas = new ArrayList<>();
    final List<Gateway> gateways = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        for (int i = 0; i < 2; i++) {
            String name = "replica-" + i;
            replicas.add(vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body ->
                    request.response().setStatusCode(request.method().name().equals("POST") ? 201 : 200)
                            .putHeader("Content-Type", "application/json")
                            .end(new JsonObject().put("replica", name).put("path", request.path()).encode())))
                    .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));
        }
    }

    @AfterEach
    void stop() {
        gateways.forEach(Gateway::close);
        vertx.close();
    }

    Gateway gateway() {
        Gateway gateway = Gateway.startReplicated(0, Map.of(LocalStack.PROVISIONING,
                replicas.stream().map(HttpServer::actualPort).toList()));
        gateways.add(gateway);
        return gateway;
    }

    static HttpResponse<String> send(int port, String method, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(method.equals("GET") ? "" : "{}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static String replica(HttpResponse<String> response) {
        return new JsonObject(response.body()).getString("replica");
    }

    @Test
    void requestsTakeTurnsBetweenTheReplicas() throws Exception {
        Gateway gateway = gateway();
        Map<String, Integer> served = new HashMap<>();
        for (int i = 0; i < 10; i++) {
            HttpResponse<String> response = send(gateway.port(), "GET", USERS);
            assertEquals(200, response.statusCode());
            served.merge(replica(response), 1, Integer::sum);
        }
        assertEquals(Map.of("replica-0", 5, "replica-1", 5), served);
    }

    @Test
    void aReplicaThatIsDownIsSkippedForGetsAndPostsAlike() throws Exception {
        Gateway gateway = gateway();
        replicas.get(0).close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        for (int i = 0; i < 10; i++) {
            HttpResponse<String> get = send(gateway.port(), "GET", USERS);
            assertEquals(200, get.statusCode(), get.body());
            assertEquals("replica-1", replica(get));
            HttpResponse<String> post = send(gateway.port(), "POST", USERS);
            assertEquals(201, post.statusCode(), post.body());
            assertEquals("replica-1", replica(post));
        }
    }

    /** Replica 0 takes every request it is given and dies before it answers (the connection closes). */
    void replicaZeroDiesHoldingWhatItTakes() throws Exception {
        replicas.get(0).close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        replicas.set(0, vertx.createHttpServer().requestHandler(request -> request.connection().close())
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));
    }

    @Test
    void aGetToAReplicaThatDiesHoldingItGoesToTheOtherReplica() throws Exception {
        replicaZeroDiesHoldingWhatItTakes();
        Gateway gateway = gateway();
        // the first request in turn goes to replica 0
        HttpResponse<String> get = send(gateway.port(), "GET", USERS + "?$top=1");
        assertEquals(200, get.statusCode(), get.body());
        assertEquals("replica-1", replica(get));
    }

    @Test
    void aPostAReplicaDiedHoldingIsA503AndTheNextRequestsGoToTheOtherReplica() throws Exception {
        replicaZeroDiesHoldingWhatItTakes();
        Gateway gateway = gateway();
        // the first request in turn goes to replica 0: a POST it held is not sent again (it may have taken effect)
        HttpResponse<String> first = send(gateway.port(), "POST", USERS);
        assertEquals(503, first.statusCode(), first.body());
        assertEquals("5", first.headers().firstValue("Retry-After").orElseThrow());
        // replica 0 is suspect now: what follows goes to replica 1 — no second write of unknown outcome (a
        // replica killed with SIGKILL leaves idle pooled connections that would each take one more request)
        for (int i = 0; i < 6; i++) {
            HttpResponse<String> post = send(gateway.port(), "POST", USERS);
            assertEquals(201, post.statusCode(), post.body());
            assertEquals("replica-1", replica(post));
            HttpResponse<String> get = send(gateway.port(), "GET", USERS + "?$top=1");
            assertEquals(200, get.statusCode(), get.body());
            assertEquals("replica-1", replica(get));
        }
    }

    @Test
    void thePeerBalancerSendsNothingMoreToAReplicaThatDiedHoldingARequest() throws Exception {
        replicaZeroDiesHoldingWhatItTakes();
        Gateway balancer = Gateway.balancer(0, replicas.stream().map(HttpServer::actualPort).toList());
        gateways.add(balancer);
        HttpResponse<String> first = send(balancer.port(), "POST", "/internal/users/lookup");
        assertEquals(503, first.statusCode(), first.body());
        for (int i = 0; i < 4; i++) {
            HttpResponse<String> response = send(balancer.port(), "POST", "/internal/users/lookup");
            assertEquals(201, response.statusCode(), response.body());
            assertEquals("replica-1", replica(response));
        }
    }

    @Test
    void whenNoReplicaAnswersTheGatewaySaysServiceUnavailableWithRetryAfter() throws Exception {
        Gateway gateway = gateway();
        for (HttpServer replica : replicas) {
            replica.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        HttpResponse<String> response = send(gateway.port(), "POST", USERS);
        assertEquals(503, response.statusCode());
        assertEquals("5", response.headers().firstValue("Retry-After").orElseThrow());
        assertEquals("serviceNotAvailable", new JsonObject(response.body()).getJsonObject("error").getString("code"));
    }

    @Test
    void thePeerBalancerPassesEveryPathOnAndSkipsAReplicaThatIsDown() throws Exception {
        Gateway balancer = Gateway.balancer(0, replicas.stream().map(HttpServer::actualPort).toList());
        gateways.add(balancer);
        Map<String, Integer> served = new HashMap<>();
        for (int i = 0; i < 4; i++) {
            HttpResponse<String> response = send(balancer.port(), "POST", "/internal/users/lookup");
            assertEquals(201, response.statusCode());
            assertEquals("/internal/users/lookup", new JsonObject(response.body()).getString("path"));
            served.merge(replica(response), 1, Integer::sum);
        }
        assertEquals(Map.of("replica-0", 2, "replica-1", 2), served);
        replicas.get(1).close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        for (int i = 0; i < 4; i++) {
            HttpResponse<String> response = send(balancer.port(), "POST", "/internal/users/lookup");
            assertEquals(201, response.statusCode());
            assertEquals("replica-0", replica(response));
        }
        replicas.get(0).close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        HttpResponse<String> none = send(balancer.port(), "GET", "/internal/users/x");
        assertEquals(503, none.statusCode());
        assertTrue(none.headers().firstValue("Retry-After").isPresent());
    }
}
