package dev.tessera.pim;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import dev.tessera.common.DirectoryRoles;
import dev.tessera.testsupport.TesseraInfraResource;
import dev.tessera.testsupport.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The directory lookups share one circuit breaker per lookup for every caller: answers (404 "no such
 * principal", 403 "not for you") are not failures, so a burst of them never opens it and cuts off
 * the other callers' lookups with a 503.
 */
@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class DirectoryCircuitBreakerTest {

    static final String REQUESTS = "/v1.0/roleManagement/directory/roleEligibilityScheduleRequests";

    final String pra = Tokens.admin(UUID.randomUUID().toString(), "Privileged Role Administrator");

    ValidatableResponse assign(String principal) {
        return given().auth().oauth2(pra).contentType(ContentType.JSON).body("""
                {"action":"adminAssign","justification":"rota","roleDefinitionId":"%s","directoryScopeId":"/",
                 "principalId":"%s","scheduleInfo":{"expiration":{"type":"noExpiration"}}}
                """.formatted(DirectoryRoles.HELPDESK_ADMINISTRATOR, principal)).when().post(REQUESTS).then();
    }

    @Test
    void aBurstOfUnknownPrincipalsDoesNotOpenTheBreaker() {
        for (int i = 0; i < 25; i++) {
            assign(UUID.randomUUID().toString()).statusCode(400).body("error.code", equalTo("SubjectNotFound"));
        }
        assign(FakeDirectory.newUser()).statusCode(201);
    }

    @Test
    void lookupsTheDirectoryRefusesDoNotOpenTheBreaker() {
        for (int i = 0; i < 25; i++) {
            assign(FakeDirectory.FORBIDDEN_USER).statusCode(403).body("error.code", equalTo("accessDenied"));
        }
        assign(FakeDirectory.newUser()).statusCode(201);
    }
}
