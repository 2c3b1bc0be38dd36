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
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The gateway against a real HTTP backend: routing, forwarded headers, Graph errors. */
class GatewayTest {

    static Vertx vertx;
    static HttpServer backend;
    static Gateway gateway;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        backend = vertx.createHttpServer().requestHandler(request -> request.response()
                .putHeader("Content-Type", "application/json")
                .end(new JsonObject()
                        .put("path", request.path())
                        .put("query", request.query())
                        .put("forwardedHost", request.getHeader("X-Forwarded-Host"))
                        .put("forwardedProto", request.getHeader("X-Forwarded-Proto"))
                        .encode()))
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        int unused = LocalStack.freePort();
        gateway = Gateway.start(0, Map.of(LocalStack.PROVISIONING, backend.actualPort(), LocalStack.PIM, unused));
    }

    @AfterAll
    static void stop() {
        gateway.close();
        vertx.close();
    }

    static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + gateway.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void proxiesToTheOwningServiceWithTheForwardedHost() throws Exception {
        HttpResponse<String> response = get("/v1.0/users?$top=2");
        assertEquals(200, response.statusCode());
        JsonObject seen = new JsonObject(response.body());
        assertEquals("/v1.0/users", seen.getString("path"));
        assertEquals("$top=2", seen.getString("query"));
        assertEquals("localhost:" + gateway.port(), seen.getString("forwardedHost"));
        assertEquals("http", seen.getString("forwardedProto"));
    }

    @Test
    void unknownPathsGetAGraphNotFound() throws Exception {
        HttpResponse<String> response = get("/v1.0/nothing");
        assertEquals(404, response.statusCode());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
        assertEquals("itemNotFound", new JsonObject(response.body()).getJsonObject("error").getString("code"));
    }

    @Test
    void aServiceThatIsDownGetsAGraphServiceUnavailable() throws Exception {
        HttpResponse<String> response = get("/v1.0/roleManagement/directory/roleDefinitions");
        assertEquals(503, response.statusCode());
        assertTrue(response.headers().firstValue("Retry-After").isPresent());
        assertEquals("serviceNotAvailable", new JsonObject(response.body()).getJsonObject("error").getString("code"));
    }
}
