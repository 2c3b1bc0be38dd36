package dev.tessera.request.catalog;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.platform.messaging.events.EventTypes;
import dev.tessera.platform.messaging.events.Topics;
import dev.tessera.request.fake.FakeCatalogApi;
import dev.tessera.request.fake.FakeDirectoryApi;
import dev.tessera.request.fake.FakeManagedPackagesApi;
import dev.tessera.testsupport.MutableClock;
import dev.tessera.testsupport.TesseraInfraResource;
import dev.tessera.testsupport.TestEvents;
import dev.tessera.testsupport.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The package contexts request-service keeps ({@link RequestContextCache}, on here with its default
 * TTL): a burst for one package asks catalog-service once; a catalog event about the package drops it,
 * so the next request sees the catalog as it is (a changed policy, a deleted package refused); and a
 * catalog role removed from a caller stops working once the documented bound (2 s, docs/security.md)
 * has passed — time is moved with the service clock, nothing waits.
 */
@QuarkusTest
@TestProfile(RequestContextCacheTest.Cached.class)
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class RequestContextCacheTest {

    static final String REQUESTS = "/v1.0/identityGovernance/entitlementManagement/assignmentRequests";

    /** The bound written in docs/security.md: a removed catalog role stops working after at most this. */
    static final Duration DOCUMENTED_BOUND = Duration.ofSeconds(2);

    /** The cache as it runs outside tests: the default TTL (the test configuration turns it off for other tests). */
    public static class Cached implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("%test.tessera.catalog.context-cache", "PT2S", "tessera.catalog.context-cache", "PT2S");
        }
    }

    @Inject
    MutableClock clock;

    String admin;
    String packageId;
    String policyId;
    ObjectNode context;

    @BeforeEach
    void aPackage() {
        admin = UUID.randomUUID().toString();
        packageId = UUID.randomUUID().toString();
        policyId = UUID.randomUUID().toString();
        FakeCatalogApi.registerDirectPackage(packageId, policyId, "Cached");
        context = FakeCatalogApi.registered(packageId);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    static String user() {
        String id = UUID.randomUUID().toString();
        FakeDirectoryApi.user(id, "Member");
        return id;
    }

    ValidatableResponse adminAdd(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body("""
                {"requestType":"adminAdd","assignment":{"targetId":"%s","assignmentPolicyId":"%s","accessPackageId":"%s"}}
                """.formatted(user(), policyId, packageId)).when().post(REQUESTS).then();
    }

    String adminToken() {
        return Tokens.admin(admin, "Identity Governance Administrator");
    }

    void catalogEvent(String type, String payload) {
        String eventId = UUID.randomUUID().toString();
        TestEvents.publish(Topics.CATALOG_EVENTS, type, packageId, payload, eventId);
        TestEvents.awaitProcessed(CatalogEventConsumer.CONSUMER, eventId);
    }

    @Test
    void aBurstForOnePackageAsksCatalogServiceOnce() {
        for (int i = 0; i < 5; i++) {
            adminAdd(adminToken()).statusCode(201);
        }
        assertEquals(1, FakeCatalogApi.callsBy(admin));
    }

    @Test
    void aCatalogEventAboutThePackageMakesTheNextRequestSeeTheCatalogAsItIs() {
        adminAdd(adminToken()).statusCode(201);
        // the policy now wants a justification; catalog-service says nothing about it (no event for edits)...
        ((ObjectNode) context.get("policies").get(0).get("requestApprovalSettings"))
                .put("isRequestorJustificationRequired", true);
        // ...until an event about the package comes (a resource role added, here)
        catalogEvent(EventTypes.RESOURCE_ROLE_SCOPE_ADDED, """
                {"accessPackageId":"%s","resourceRole":null}""".formatted(packageId));
        adminAdd(adminToken()).statusCode(400).body("error.message", containsString("requires a justification"));
        assertEquals(2, FakeCatalogApi.callsBy(admin));
    }

    @Test
    void aPolicyChangedWithoutAnEventIsSeenOnceTheTtlHasPassed() {
        adminAdd(adminToken()).statusCode(201);
        ((ObjectNode) context.get("policies").get(0).get("requestApprovalSettings"))
                .put("isRequestorJustificationRequired", true);
        clock.advance(DOCUMENTED_BOUND);
        adminAdd(adminToken()).statusCode(400).body("error.message", containsString("requires a justification"));
    }

    @Test
    void aDeletedPackageIsRefusedAfterItsEvent() {
        adminAdd(adminToken()).statusCode(201);
        FakeCatalogApi.unregister(packageId);
        catalogEvent(EventTypes.ACCESS_PACKAGE_DELETED, """
                {"accessPackageId":"%s","assignmentPolicyId":null,"displayName":"Cached"}""".formatted(packageId));
        adminAdd(adminToken()).statusCode(400).body("error.code", equalTo("invalidRequest"))
                .body("error.message", containsString("was not found"));
    }

    @Test
    void aDeletedPolicyIsRefusedWhateverTheContextStillSays() {
        adminAdd(adminToken()).statusCode(201);
        // the context (catalog-service's answer, or an entry another replica still holds) still lists the
        // policy: the database remembers the deletion and refuses the write
        catalogEvent(EventTypes.ASSIGNMENT_POLICY_DELETED, """
                {"accessPackageId":"%s","assignmentPolicyId":"%s","displayName":"Direct"}""".formatted(packageId, policyId));
        adminAdd(adminToken()).statusCode(400).body("error.message", containsString("has been deleted"));
    }

    @Test
    void aRemovedCatalogRoleStopsWorkingWithinTheDocumentedBound() {
        String manager = UUID.randomUUID().toString();
        FakeManagedPackagesApi.manages(manager, packageId);
        adminAdd(Tokens.user(manager)).statusCode(201);
        FakeManagedPackagesApi.manages(manager);
        clock.advance(DOCUMENTED_BOUND);
        adminAdd(Tokens.user(manager)).statusCode(403).body("error.code", equalTo("accessDenied"));
    }
}
