package dev.tessera.catalog.outage;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import dev.tessera.testsupport.DatabaseProxy;
import dev.tessera.testsupport.TesseraInfraResource;
import dev.tessera.testsupport.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * catalog-service's PostgreSQL goes away (a real TCP relay in front of the test database drops every
 * connection and refuses new ones, then accepts connections and ends them at once): a read and a
 * write answer 503 serviceNotAvailable with Retry-After and a Graph error body, never a 500;
 * readiness is DOWN; when the database is back the service answers again by itself (issue 15, the
 * fault drill's PostgreSQL kill).
 */
@QuarkusTest
@TestProfile(DatabaseDownTest.ThroughProxy.class)
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class DatabaseDownTest {

    static final String READ = "/v1.0/identityGovernance/entitlementManagement/catalogs";
    static final String WRITE = "/v1.0/identityGovernance/entitlementManagement/catalogs";

    public static class ThroughProxy implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.reactive.url", DatabaseProxy.instance().reactiveUrl());
        }
    }

    final String token = Tokens.admin(UUID.randomUUID().toString(), "Identity Governance Administrator");

    @AfterEach
    void restore() {
        DatabaseProxy.instance().restore();
    }

    @Test
    void whileTheDatabaseIsDownReadsAndWritesAre503WithRetryAfterAndReadinessIsDown() {
        given().auth().oauth2(token).when().get(READ).then().statusCode(200);

        // killed: connections dropped, new ones refused; then a port that answers but ends every connection
        for (int i = 0; i < 6; i++) {
            if (i == 0) {
                DatabaseProxy.instance().cut();
            } else if (i == 3) {
                DatabaseProxy.instance().drop();
            }
            given().auth().oauth2(token).when().get(READ).then()
                    .statusCode(503).contentType(ContentType.JSON).header("Retry-After", "5")
                    .body("error.code", equalTo("serviceNotAvailable"))
                    .body("error.innerError.request-id", notNullValue());
            given().auth().oauth2(token).contentType(ContentType.JSON).body("""
                    {"displayName":"Outage","description":"Written while the database is down"}
                    """).when().post(WRITE).then()
                    .statusCode(503).contentType(ContentType.JSON).header("Retry-After", "5")
                    .body("error.code", equalTo("serviceNotAvailable"));
        }
        given().when().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"));
        DatabaseProxy.instance().cut();
        given().when().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"));

        DatabaseProxy.instance().restore();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().auth().oauth2(token).when().get(READ).then().statusCode(200));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP")));
    }
}
