package dev.tessera.testsupport;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The database outage every service's {@code DatabaseDownTest} goes through, on the service's own
 * PostgreSQL behind {@link DatabaseProxy}: first every connection dropped and new ones refused (a
 * killed server), then a port that accepts connections and ends them at once (a server starting or
 * stopping). A read and a write must answer 503 {@code serviceNotAvailable} with {@code Retry-After}
 * and a Graph error body, never a 500; readiness is DOWN; when the database is back the service answers
 * again by itself.
 */
public final class DatabaseOutage {

    /** Points the service's reactive datasource at the relay. */
    public static class ThroughProxy implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.reactive.url", DatabaseProxy.instance().reactiveUrl());
        }
    }

    private DatabaseOutage() {
    }

    /** Runs the outage and back; {@code read} and {@code write} send one request each time they are called. */
    public static void drill(Supplier<Response> read, Supplier<Response> write) {
        read.get().then().statusCode(200);
        try {
            for (int i = 0; i < 6; i++) {
                if (i == 0) {
                    DatabaseProxy.instance().cut();
                } else if (i == 3) {
                    DatabaseProxy.instance().drop();
                }
                unavailable(read.get()).body("error.innerError.request-id", notNullValue());
                unavailable(write.get());
            }
            given().when().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"));
            DatabaseProxy.instance().cut();
            given().when().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"));
        } finally {
            DatabaseProxy.instance().restore();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> read.get().then().statusCode(200));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP")));
    }

    /** The answer of a service that cannot reach what it needs: 503, Retry-After, a Graph error. */
    public static ValidatableResponse unavailable(Response response) {
        return response.then().statusCode(503).contentType(ContentType.JSON).header("Retry-After", "5")
                .body("error.code", equalTo("serviceNotAvailable"));
    }
}
