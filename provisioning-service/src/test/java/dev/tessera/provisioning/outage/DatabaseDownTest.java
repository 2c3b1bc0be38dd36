package dev.tessera.provisioning.outage;

import static io.restassured.RestAssured.given;

import dev.tessera.testsupport.DatabaseOutage;
import dev.tessera.testsupport.TesseraInfraResource;
import dev.tessera.testsupport.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * provisioning-service's PostgreSQL goes away (a real TCP relay in front of the test database drops every
 * connection and refuses new ones, then accepts connections and ends them at once): a read and a
 * write answer 503 serviceNotAvailable with Retry-After and a Graph error body, never a 500;
 * readiness is DOWN; when the database is back the service answers again by itself (issue 15, the
 * fault drill's PostgreSQL kill).
 */
@QuarkusTest
@TestProfile(DatabaseOutage.ThroughProxy.class)
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class DatabaseDownTest {

    static final String READ = "/v1.0/groups";
    static final String WRITE = "/v1.0/groups";

    final String token = Tokens.admin(UUID.randomUUID().toString(), "User Administrator", "Groups Administrator");

    @Test
    void whileTheDatabaseIsDownReadsAndWritesAre503WithRetryAfterAndReadinessIsDown() {
        DatabaseOutage.drill(() -> given().auth().oauth2(token).when().get(READ),
                () -> given().auth().oauth2(token).contentType(ContentType.JSON).body("""
                    {"displayName":"Outage","mailNickname":"outage","mailEnabled":false,"securityEnabled":true}
                    """)
                        .when().post(WRITE));
    }
}
