package dev.tessera.catalog.outage;

import static dev.tessera.catalog.Fixtures.EM;
import static dev.tessera.catalog.Fixtures.GENERAL;
import static dev.tessera.catalog.Fixtures.onboardRequest;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import dev.tessera.catalog.Fixtures;
import dev.tessera.testsupport.TesseraInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The directory (provisioning-service) down, its URL pointing at a closed port: adding a group to a
 * catalog answers 503 serviceNotAvailable with Retry-After and a Graph error body, while the calls are
 * refused and once the circuit breaker is open; never a 500 (issue 15, item 1).
 */
@QuarkusTest
@TestProfile(PeerDownTest.DirectoryDown.class)
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class PeerDownTest {

    public static class DirectoryDown implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.rest-client.directory.url", "http://127.0.0.1:" + closedPort());
        }
    }

    /** A port nothing listens on: bound once by the system, then released. */
    static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void addingAGroupWhileTheDirectoryIsDownIsA503WithRetryAfter() {
        for (int i = 0; i < 15; i++) {
            Fixtures.groupAdmin().body(onboardRequest(UUID.randomUUID().toString(), GENERAL))
                    .when().post(EM + "/resourceRequests").then()
                    .statusCode(503)
                    .contentType(ContentType.JSON)
                    .header("Retry-After", "5")
                    .body("error.code", equalTo("serviceNotAvailable"))
                    .body("error.innerError.request-id", notNullValue());
        }
    }
}
