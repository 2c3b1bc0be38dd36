package dev.tessera.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.infra.Ports;
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

/** The gateway against a real HTTP backend: routing, forwarded headers, bodies, Graph errors. */
class GatewayTest {

    static Vertx vertx;
    static HttpServer backend;
    static Gateway gateway;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        // Echoes what it received, so the test sees the request as the service would.
        backend = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> request.response()
                .setStatusCode(request.method().name().equals("POST") ? 201 : 200)
                .putHeader("Content-Type", "application/json")
                .end(new JsonObject()
                        .put("method", request.method().name())
                        .put("path", request.path())
                        .put("query", request.query())
                        .put("body", body.toString())
                        .put("authorization", request.getHeader("Authorization"))
                        .put("forwardedHost", request.getHeader("X-Forwarded-Host"))
                        .put("forwardedProto", request.getHeader("X-Forwarded-Proto"))
                        .put("forwardedFor", request.getHeader("X-Forwarded-For"))
                        .encode())))
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        int nobodyListens = Ports.free();
        gateway = Gateway.start(0, Map.of(LocalStack.PROVISIONING, backend.actualPort(),
                LocalStack.REQUEST, backend.actualPort(), LocalStack.PIM, nobodyListens));
    }

    @AfterAll
    static void stop() {
        gateway.close();
        vertx.close();
    }

    static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpRequest.Builder to(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + gateway.port() + path));
    }

    @Test
    void proxiesToTheOwningServiceWithForwardedHeaders() throws Exception {
        HttpResponse<String> response = send(to("/v1.0/users?$top=2").header("Authorization", "Bearer abc"));
        assertEquals(200, response.statusCode());
        JsonObject seen = new JsonObject(response.body());
        assertEquals("/v1.0/users", seen.getString("path"));
        assertEquals("$top=2", seen.getString("query"));
        assertEquals("Bearer abc", seen.getString("authorization"));
        assertEquals("localhost:" + gateway.port(), seen.getString("forwardedHost"));
        assertEquals("http", seen.getString("forwardedProto"));
        assertEquals("127.0.0.1", seen.getString("forwardedFor"));
    }

    @Test
    void passesRequestBodiesAndStatusCodesThrough() throws Exception {
        String json = "{\"requestType\":\"userAdd\"}";
        HttpResponse<String> response = send(to("/v1.0/identityGovernance/entitlementManagement/assignmentRequests")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
        assertEquals(201, response.statusCode());
        JsonObject seen = new JsonObject(response.body());
        assertEquals("POST", seen.getString("method"));
        assertEquals(json, seen.getString("body"));
    }

    @Test
    void unknownPathsGetAGraphNotFound() throws Exception {
        HttpResponse<String> response = send(to("/v1.0/nothing"));
        assertEquals(404, response.statusCode());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
        JsonObject error = new JsonObject(response.body()).getJsonObject("error");
        assertEquals("itemNotFound", error.getString("code"));
        assertTrue(error.getString("message").contains("/v1.0/nothing"));
    }

    @Test
    void aServiceThatIsDownGetsAGraphServiceUnavailable() throws Exception {
        HttpResponse<String> response = send(to("/v1.0/roleManagement/directory/roleDefinitions"));
        assertEquals(503, response.statusCode());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
        assertTrue(response.headers().firstValue("Retry-After").isPresent());
        assertEquals("serviceNotAvailable", new JsonObject(response.body()).getJsonObject("error").getString("code"));
    }
}
