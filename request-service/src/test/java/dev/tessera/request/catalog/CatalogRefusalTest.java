package dev.tessera.request.catalog;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tessera.request.fake.FakeCatalogApi;
import dev.tessera.request.fake.FakeManagedPackagesApi;
import dev.tessera.testsupport.TesseraInfraResource;
import dev.tessera.testsupport.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * catalog-service refusing a token (401/403) is an answer, not an outage: asked once, not retried, and
 * not counted by the circuit breaker, so calls that catalog-service accepts keep working.
 */
@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class CatalogRefusalTest {

    static final String REQUESTS = "/v1.0/identityGovernance/entitlementManagement/assignmentRequests";

    static String adminAdd(String packageId) {
        return """
                {"requestType":"adminAdd","assignment":{"targetId":"%s","assignmentPolicyId":"%s","accessPackageId":"%s"}}
                """.formatted(UUID.randomUUID(), UUID.randomUUID(), packageId);
    }

    @Test
    void aRefusedTokenIsAskedOnceAndDoesNotTripTheCircuitBreaker() {
        String refusedPackage = UUID.randomUUID().toString();
        FakeCatalogApi.refuse(refusedPackage, 401);
        String manager = UUID.randomUUID().toString();
        FakeManagedPackagesApi.manages(manager, refusedPackage);
        for (int i = 1; i <= 12; i++) {
            given().auth().oauth2(Tokens.user(manager)).contentType(ContentType.JSON).body(adminAdd(refusedPackage))
                    .when().post(REQUESTS).then().statusCode(403).body("error.code", equalTo("accessDenied"));
            assertEquals(i, FakeCatalogApi.callsBy(manager), "asked once per request, not retried");
        }
        // more than the breaker's volume threshold, every one refused: the breaker is still closed
        String someone = UUID.randomUUID().toString();
        given().auth().oauth2(Tokens.user(someone)).contentType(ContentType.JSON).body(adminAdd(UUID.randomUUID().toString()))
                .when().post(REQUESTS).then().statusCode(403).body("error.code", equalTo("accessDenied"));
        assertEquals(1, FakeCatalogApi.callsBy(someone), "catalog-service was asked (an unknown package: 404)");
    }
}
