package dev.tessera.request.assignment;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.platform.messaging.events.EventTypes;
import dev.tessera.platform.messaging.events.Topics;
import dev.tessera.request.fake.FakeCatalogApi;
import dev.tessera.request.fake.FakeDirectoryApi;
import dev.tessera.platform.messaging.timer.DurableTimers;
import dev.tessera.testsupport.MutableClock;
import dev.tessera.testsupport.TesseraInfraResource;
import dev.tessera.testsupport.TestEvents;
import dev.tessera.testsupport.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Assignments end at the end of their schedule by a durable timer: the clock is moved 30 days
 * instead of waiting, and the removal flows to provisioning-service as an event.
 */
@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class AssignmentExpiryTest {

    static final String REQUESTS = "/v1.0/identityGovernance/entitlementManagement/assignmentRequests";
    static final String ASSIGNMENTS = "/v1.0/identityGovernance/entitlementManagement/assignments";
    static final ObjectMapper MAPPER = new ObjectMapper();

    @Inject
    MutableClock clock;

    @Inject
    DurableTimers timers;

    String alice;
    /** Also in the policy's scope, so an administrator may assign them directly. */
    String bob;
    String adminToken;
    String packageId;
    String policyId;

    @BeforeEach
    void thirtyDayPackage() {
        alice = UUID.randomUUID().toString();
        bob = UUID.randomUUID().toString();
        adminToken = Tokens.admin(UUID.randomUUID().toString(), "Identity Governance Administrator");
        packageId = UUID.randomUUID().toString();
        policyId = UUID.randomUUID().toString();
        String groupId = UUID.randomUUID().toString();
        FakeDirectoryApi.user(alice, "Member");
        ObjectNode context = MAPPER.createObjectNode();
        context.putObject("accessPackage").put("id", packageId).put("displayName", "Marketing Campaign")
                .put("isHidden", false).put("catalogId", UUID.randomUUID().toString());
        ObjectNode policy = context.putArray("policies").addObject();
        policy.put("id", policyId).put("displayName", "30 days").put("allowedTargetScope", "specificDirectoryUsers");
        var targets = policy.putArray("specificAllowedTargets");
        targets.addObject().put("@odata.type", "#microsoft.graph.singleUser").put("userId", alice);
        targets.addObject().put("@odata.type", "#microsoft.graph.singleUser").put("userId", bob);
        policy.putObject("expiration").put("type", "afterDuration").put("duration", "P30D");
        policy.putObject("requestorSettings").put("enableTargetsToSelfAddAccess", true);
        policy.putObject("requestApprovalSettings").put("isApprovalRequiredForAdd", false);
        FakeCatalogApi.groupMemberRole(context, groupId);
        FakeCatalogApi.register(packageId, context);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void anAssignmentExpiresAtTheEndOfItsThirtyDaysAndItsAccessIsRemoved() throws Exception {
        String assignmentId = grant();
        Instant end = Instant.parse(given().auth().oauth2(adminToken).when().get(ASSIGNMENTS + "/" + assignmentId)
                .then().statusCode(200).body("state", equalTo("delivering"))
                .extract().path("schedule.expiration.endDateTime"));

        clock.set(end.minusSeconds(60));
        given().auth().oauth2(adminToken).when().get(ASSIGNMENTS + "/" + assignmentId)
                .then().body("state", equalTo("delivering"));
        assertEquals(0, TestEvents.eventsNow(Topics.ASSIGNMENT_EVENTS, EventTypes.ASSIGNMENT_REMOVED, assignmentId).size(),
                "removed a minute early");

        clock.set(end.plusMillis(1));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().auth().oauth2(adminToken)
                .when().get(ASSIGNMENTS + "/" + assignmentId)
                .then().statusCode(200).body("state", equalTo("expired")).body("expiredDateTime", notNullValue()));

        JsonNode removed = MAPPER.readTree(TestEvents.awaitEvent(Topics.ASSIGNMENT_EVENTS,
                EventTypes.ASSIGNMENT_REMOVED, assignmentId).value());
        assertEquals("systemRemove", removed.path("reason").asText());
        assertEquals(alice, removed.path("targetObjectId").asText());
        assertEquals(1, removed.path("resourceRoles").size());

        String removalId = removed.path("requestId").asText();
        given().auth().oauth2(adminToken).when().get(REQUESTS + "/" + removalId)
                .then().statusCode(200).body("requestType", equalTo("systemRemove")).body("state", equalTo("submitted"));
        TestEvents.publish(Topics.DELIVERY_EVENTS, EventTypes.DELIVERY_REPORTED, assignmentId, """
                {"assignmentId":"%s","requestId":"%s","operation":"remove","outcome":"removed",
                 "completedDateTime":"2026-11-22T10:00:00Z","roles":[]}""".formatted(assignmentId, removalId));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().auth().oauth2(adminToken)
                .when().get(REQUESTS + "/" + removalId).then().body("state", equalTo("delivered")));

        // The same person may ask again once it has expired.
        given().auth().oauth2(Tokens.user(alice)).contentType(ContentType.JSON).body(userAdd())
                .when().post(REQUESTS).then().statusCode(201);
    }

    @Test
    void anAssignmentRemovedBeforeItsEndDoesNotExpireLater() throws Throwable {
        String removedEarly = grant();
        given().auth().oauth2(adminToken).contentType(ContentType.JSON)
                .body("{\"requestType\":\"adminRemove\",\"assignment\":{\"id\":\"" + removedEarly + "\"}}")
                .when().post(REQUESTS).then().statusCode(201);
        TestEvents.awaitEvent(Topics.ASSIGNMENT_EVENTS, EventTypes.ASSIGNMENT_REMOVED, removedEarly);
        assertNull(VertxContextSupport.subscribeAndAwait(() -> timers.dueAt(AssignmentExpiry.KIND, removedEarly)),
                "the removal cancels the expiry timer");

        // Bob's assignment, granted at the same time, proves the poller did run past the end.
        FakeDirectoryApi.user(bob, "Member");
        String bobsRequest = given().auth().oauth2(adminToken).contentType(ContentType.JSON).body("""
                {"requestType":"adminAdd","assignment":{"targetId":"%s","assignmentPolicyId":"%s","accessPackageId":"%s"}}
                """.formatted(bob, policyId, packageId))
                .when().post(REQUESTS).then().statusCode(201).extract().path("id");
        String bobs = given().auth().oauth2(adminToken).queryParam("$expand", "assignment")
                .when().get(REQUESTS + "/" + bobsRequest).then().extract().path("assignment.id");

        clock.set(clock.instant().plus(Duration.ofDays(31)));
        TestEvents.awaitEvent(Topics.ASSIGNMENT_EVENTS, EventTypes.ASSIGNMENT_REMOVED, bobs);
        assertEquals(1, TestEvents.eventsNow(Topics.ASSIGNMENT_EVENTS, EventTypes.ASSIGNMENT_REMOVED, removedEarly).size(),
                "only the adminRemove's removal, no second one from expiry");
    }

    private String grant() {
        String requestId = given().auth().oauth2(Tokens.user(alice)).contentType(ContentType.JSON).body(userAdd())
                .when().post(REQUESTS).then().statusCode(201).extract().path("id");
        String assignmentId = given().auth().oauth2(Tokens.user(alice)).queryParam("$expand", "assignment")
                .when().get(REQUESTS + "/" + requestId)
                .then().statusCode(200).body("assignment.id", notNullValue()).extract().path("assignment.id");
        TestEvents.awaitEvent(Topics.ASSIGNMENT_EVENTS, EventTypes.ASSIGNMENT_GRANTED, assignmentId);
        return assignmentId;
    }

    private String userAdd() {
        return """
                {"requestType":"userAdd","assignment":{"targetId":"%s","assignmentPolicyId":"%s","accessPackageId":"%s"}}
                """.formatted(alice, policyId, packageId);
    }
}
