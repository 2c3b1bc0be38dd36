package dev.tessera.request.outage;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import dev.tessera.request.fake.FakeCatalogApi;
import dev.tessera.testsupport.TesseraInfraResource;
import dev.tessera.testsupport.Tokens;
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
 * provisioning-service down (its URL points at a closed port): adminAdd answers 503
 * serviceNotAvailable with Retry-After and a Graph error body, first while the calls are refused and
 * then while the circuit breaker is open; never a 500 generalException (issue 15, item 1).
 */
@QuarkusTest
@TestProfile(PeerDownTest.DirectoryDown.class)
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class PeerDownTest {

    static final String EM = "/v1.0/identityGovernance/entitlementManagement";

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

    final String adminToken = Tokens.admin(UUID.randomUUID().toString(), "Identity Governance Administrator");
    final String packageId = UUID.randomUUID().toString();
    final String policyId = UUID.randomUUID().toString();

    PeerDownTest() {
        FakeCatalogApi.registerDirectPackage(packageId, policyId, "Outage");
    }

    @Test
    void adminAddWhileTheDirectoryIsDownIsA503WithRetryAfter() {
        // more requests than the breaker's volume threshold: refused connections, then an open circuit
        for (int i = 0; i < 15; i++) {
            given().auth().oauth2(adminToken).contentType(ContentType.JSON).body("""
                    {"requestType":"adminAdd","assignment":{"targetId":"%s","assignmentPolicyId":"%s","accessPackageId":"%s"}}
                    """.formatted(UUID.randomUUID(), policyId, packageId))
                    .when().post(EM + "/assignmentRequests").then()
                    .statusCode(503)
                    .contentType(ContentType.JSON)
                    .header("Retry-After", "5")
                    .body("error.code", equalTo("serviceNotAvailable"))
                    .body("error.message", containsString("try again later"))
                    .body("error.innerError.request-id", notNullValue());
        }
    }

    /** onBehalfAdd reads the target and their manager chain from provisioning-service: down, it is a 503. */
    @Test
    void onBehalfAddWhileTheDirectoryIsDownIsA503() {
        String onBehalfPackage = UUID.randomUUID().toString();
        String onBehalfPolicy = UUID.randomUUID().toString();
        FakeCatalogApi.registerDirectPackage(onBehalfPackage, onBehalfPolicy, "On behalf");
        com.fasterxml.jackson.databind.node.ObjectNode policy = (com.fasterxml.jackson.databind.node.ObjectNode)
                FakeCatalogApi.registered(onBehalfPackage).path("policies").get(0);
        policy.put("allowedTargetScope", "allMemberUsers").putObject("requestorSettings")
                .put("enableOnBehalfRequestorsToAddAccess", true).putArray("onBehalfRequestors").addObject()
                .put("@odata.type", "#microsoft.graph.targetManager").put("managerLevel", 1);
        given().auth().oauth2(Tokens.user(UUID.randomUUID().toString())).contentType(ContentType.JSON).body("""
                {"requestType":"onBehalfAdd","assignment":{"targetId":"%s","assignmentPolicyId":"%s","accessPackageId":"%s"}}
                """.formatted(UUID.randomUUID(), onBehalfPolicy, onBehalfPackage))
                .when().post(EM + "/assignmentRequests").then()
                .statusCode(503).header("Retry-After", "5").body("error.code", equalTo("serviceNotAvailable"));
    }
}
