package dev.tessera.request.assignment;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.platform.messaging.events.EventTypes;
import dev.tessera.platform.messaging.events.Topics;
import dev.tessera.platform.messaging.timer.DurableTimers;
import dev.tessera.request.fake.FakeCatalogApi;
import dev.tessera.request.fake.FakeDirectoryApi;
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
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An add whose schedule starts later waits {@code scheduled} and delivers nothing until its start timer fires;
 * the clock is moved instead of waiting.
 */
@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class ScheduledStartTest {

    static final String REQUESTS = "/v1.0/identityGovernance/entitlementManagement/assignmentRequests";
    static final String ASSIGNMENTS = "/v1.0/identityGovernance/entitlementManagement/assignments";
    static final String APPROVALS = "/v1.0/identityGovernance/entitlementManagement/accessPackageAssignmentApprovals";
    static final String MINE = APPROVALS + "/filterByCurrentUser(on='approver')";
    static final ObjectMapper MAPPER = new ObjectMapper();

    @Inject
    MutableClock clock;

    @Inject
    DurableTimers timers;

    String alice;
    String bob;
    String adminToken;
    String packageId;
    String policyId;
    ObjectNode context;

    @BeforeEach
    void thirtyDayPackage() {
        alice = UUID.randomUUID().toString();
        bob = UUID.randomUUID().toString();
        adminToken = Tokens.admin(UUID.randomUUID().toString(), "Identity Governance Administrator");
        packageId = UUID.randomUUID().toString();
        policyId = UUID.randomUUID().toString();
        String groupId = UUID.randomUUID().toString();
        FakeDirectoryApi.user(alice, "Member");
        FakeDirectoryApi.user(bob, "Member");
        context = MAPPER.createObjectNode();
        context.putObject("accessPackage").put("id", packageId).put("displayName", "Quarter close")
                .put("isHidden", false).put("catalogId", UUID.randomUUID().toString());
        ObjectNode policy = context.putArray("policies").addObject();
        policy.put("id", policyId).put("displayName", "30 days").put("allowedTargetScope", "allMemberUsers");
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
    void aFutureAdminAddWaitsScheduledAndIsGrantedAtItsStartWithItsEndCountedFromThere() throws Throwable {
        Instant start = clock.instant().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.SECONDS);
        String requestId = given().auth().oauth2(adminToken).contentType(ContentType.JSON)
                .body(adminAddBody(alice, start, "\"expiration\":{\"type\":\"afterDuration\",\"duration\":\"P7D\"}"))
                .when().post(REQUESTS).then().statusCode(201).body("state", equalTo("scheduled"))
                .extract().path("id");
        String assignmentId = given().auth().oauth2(adminToken).queryParam("$expand", "assignment")
                .when().get(REQUESTS + "/" + requestId).then().statusCode(200)
                .body("state", equalTo("scheduled")).body("status", equalTo("Scheduled"))
                .body("assignment.id", notNullValue()).extract().path("assignment.id");
        given().auth().oauth2(adminToken).when().get(ASSIGNMENTS + "/" + assignmentId).then().statusCode(200)
                .body("state", equalTo("unknownFutureValue")).body("status", equalTo("Scheduled"))
                .body("schedule.startDateTime", equalTo(start.toString()))
                .body("schedule.expiration.endDateTime", equalTo(start.plus(Duration.ofDays(7)).toString()));
        given().auth().oauth2(adminToken).queryParam("$filter", "state eq 'scheduled'").when().get(ASSIGNMENTS)
                .then().statusCode(200).body("value.findAll { it.id == '" + assignmentId + "' }.size()", equalTo(1));
        assertEquals(start, VertxContextSupport.subscribeAndAwait(() -> timers.dueAt(AssignmentStart.KIND, assignmentId)));
        assertNull(VertxContextSupport.subscribeAndAwait(() -> timers.dueAt(AssignmentExpiry.KIND, assignmentId)),
                "no expiry before it starts");

        // A second add for the same person and package while it waits is the existing assignment.
        given().auth().oauth2(adminToken).contentType(ContentType.JSON).body(adminAddBody(alice, null, null))
                .when().post(REQUESTS).then().statusCode(409).body("error.code", equalTo("ExistingAssignment"));

        clock.set(start.minusSeconds(60));
        given().auth().oauth2(adminToken).when().get(REQUESTS + "/" + requestId).then().body("state", equalTo("scheduled"));
        assertEquals(0, TestEvents.eventsNow(Topics.ASSIGNMENT_EVENTS, EventTypes.ASSIGNMENT_GRANTED, assignmentId).size(),
                "granted before its start");

        clock.set(start.plusMillis(1));
        JsonNode granted = MAPPER.readTree(TestEvents.awaitEvent(Topics.ASSIGNMENT_EVENTS,
                EventTypes.ASSIGNMENT_GRANTED, assignmentId).value());
        assertEquals(requestId, granted.path("requestId").asText());
        assertEquals(alice, granted.path("targetObjectId").asText());
        assertEquals(1, granted.path("resourceRoles").size());
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().auth().oauth2(adminToken)
                .when().get(REQUESTS + "/" + requestId).then().body("state", equalTo("delivering")));
        given().auth().oauth2(adminToken).when().get(ASSIGNMENTS + "/" + assignmentId).then()
                .body("state", equalTo("delivering")).body("status", equalTo("Delivering"));
        assertEquals(start.plus(Duration.ofDays(7)),
                VertxContextSupport.subscribeAndAwait(() -> timers.dueAt(AssignmentExpiry.KIND, assignmentId)),
                "the expiry counts from the start");

        // Delivery then proceeds as for any add.
        TestEvents.publish(Topics.DELIVERY_EVENTS, EventTypes.DELIVERY_REPORTED, assignmentId, """
                {"assignmentId":"%s","requestId":"%s","operation":"grant","outcome":"delivered",
                 "completedDateTime":"2026-11-22T10:00:00Z","roles":[]}""".formatted(assignmentId, requestId));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().auth().oauth2(adminToken)
                .when().get(REQUESTS + "/" + requestId).then().body("state", equalTo("delivered")));
        assertEquals(1, TestEvents.eventsNow(Topics.ASSIGNMENT_EVENTS, EventTypes.ASSIGNMENT_GRANTED, assignmentId).size());
    }

    @Test
    void anAdminRemoveBeforeTheStartEndsItWithoutAnyGrantOrRemovalEvent() throws Throwable {
        Instant start = clock.instant().plus(Duration.ofDays(2));
        String alicesRequest = adminAdd(alice, start, null);
        String alices = assignmentOf(alicesRequest);
        String bobsRequest = adminAdd(bob, start, null);
        String bobs = assignmentOf(bobsRequest);

        String removal = given().auth().oauth2(adminToken).contentType(ContentType.JSON)
                .body("{\"requestType\":\"adminRemove\",\"assignment\":{\"id\":\"" + alices + "\"}}")
                .when().post(REQUESTS).then().statusCode(201).extract().path("id");
        given().auth().oauth2(adminToken).when().get(REQUESTS + "/" + removal).then()
                .body("state", equalTo("delivered")).body("completedDateTime", notNullValue());
        given().auth().oauth2(adminToken).when().get(REQUESTS + "/" + alicesRequest).then()
                .body("state", equalTo("canceled")).body("status", equalTo("Canceled"));
        given().auth().oauth2(adminToken).when().get(ASSIGNMENTS + "/" + alices).then()
                .body("state", equalTo("expired")).body("expiredDateTime", notNullValue());
        assertNull(VertxContextSupport.subscribeAndAwait(() -> timers.dueAt(AssignmentStart.KIND, alices)),
                "the removal cancels the start timer");

        // Bob's, starting at the same time, proves the poller did run past the start.
        clock.set(start.plusSeconds(1));
        TestEvents.awaitEvent(Topics.ASSIGNMENT_EVENTS, EventTypes.ASSIGNMENT_GRANTED, bobs);
        assertEquals(0, TestEvents.eventsNow(Topics.ASSIGNMENT_EVENTS, EventTypes.ASSIGNMENT_GRANTED, alices).size(),
                "never granted");
        assertEquals(0, TestEvents.eventsNow(Topics.ASSIGNMENT_EVENTS, EventTypes.ASSIGNMENT_REMOVED, alices).size(),
                "nothing to take away");

        // Having ended, it can be asked for again.
        given().auth().oauth2(adminToken).contentType(ContentType.JSON).body(adminAddBody(alice, null, null))
                .when().post(REQUESTS).then().statusCode(201);
    }

    @Test
    void cancelingAScheduledRequestEndsItsAssignmentBeforeTheStart() throws Throwable {
        Instant start = clock.instant().plus(Duration.ofDays(1));
        String requestId = adminAdd(alice, start, null);
        String assignmentId = assignmentOf(requestId);

        given().auth().oauth2(Tokens.user(bob)).when().post(REQUESTS + "/" + requestId + "/cancel").then().statusCode(404);
        given().auth().oauth2(Tokens.user(alice)).when().post(REQUESTS + "/" + requestId + "/cancel").then().statusCode(204);
        given().auth().oauth2(adminToken).when().get(REQUESTS + "/" + requestId).then()
                .body("state", equalTo("canceled")).body("completedDateTime", notNullValue());
        given().auth().oauth2(adminToken).when().get(ASSIGNMENTS + "/" + assignmentId).then().body("state", equalTo("expired"));
        assertNull(VertxContextSupport.subscribeAndAwait(() -> timers.dueAt(AssignmentStart.KIND, assignmentId)));
        given().auth().oauth2(adminToken).when().post(REQUESTS + "/" + requestId + "/cancel").then().statusCode(409)
                .body("error.code", equalTo("RequestNotCancelable"));
    }

    @Test
    void aStartInThePastIsNowAndGrantsAtOnce() throws Throwable {
        Instant submitted = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        String requestId = adminAdd(alice, submitted.minus(Duration.ofHours(5)), null);
        String assignmentId = assignmentOf(requestId);
        TestEvents.awaitEvent(Topics.ASSIGNMENT_EVENTS, EventTypes.ASSIGNMENT_GRANTED, assignmentId);
        given().auth().oauth2(adminToken).when().get(REQUESTS + "/" + requestId).then().body("state", equalTo("submitted"));
        Instant start = Instant.parse(given().auth().oauth2(adminToken).when().get(ASSIGNMENTS + "/" + assignmentId).then()
                .body("state", equalTo("delivering")).extract().path("schedule.startDateTime"));
        assertFalse(start.isBefore(submitted), "started when asked (" + start + "), not five hours before");
        assertNull(VertxContextSupport.subscribeAndAwait(() -> timers.dueAt(AssignmentStart.KIND, assignmentId)));
    }

    @Test
    void aUserAddWithACustomScheduleApprovedBeforeItsStartWaitsScheduledUntilThen() throws Throwable {
        String approver = UUID.randomUUID().toString();
        FakeDirectoryApi.user(approver, "Member");
        ObjectNode policy = (ObjectNode) context.path("policies").get(0);
        ((ObjectNode) policy.path("requestorSettings")).put("allowCustomAssignmentSchedule", true);
        ObjectNode stage = policy.putObject("requestApprovalSettings").put("isApprovalRequiredForAdd", true)
                .putArray("stages").addObject().put("durationBeforeAutomaticDenial", "P14D");
        stage.putArray("primaryApprovers").addObject().put("@odata.type", "#microsoft.graph.singleUser")
                .put("userId", approver);
        FakeCatalogApi.register(packageId, context);

        Instant start = clock.instant().plus(Duration.ofDays(5)).truncatedTo(ChronoUnit.SECONDS);
        String requestId = given().auth().oauth2(Tokens.user(alice)).contentType(ContentType.JSON).body("""
                {"requestType":"userAdd","justification":"from next week",
                 "assignment":{"targetId":"%s","assignmentPolicyId":"%s","accessPackageId":"%s"},
                 "schedule":{"startDateTime":"%s","expiration":{"type":"afterDuration","duration":"P10D"}}}
                """.formatted(alice, policyId, packageId, start))
                .when().post(REQUESTS).then().statusCode(201).body("state", equalTo("pendingApproval"))
                .extract().path("id");
        String stageId = given().auth().oauth2(Tokens.user(approver)).when().get(MINE).then().statusCode(200)
                .extract().path("value.find { it.id == '" + requestId + "' }.stages.find { it.status == 'InProgress' }.id");
        given().auth().oauth2(Tokens.user(approver)).contentType(ContentType.JSON).body("{\"reviewResult\":\"Approve\"}")
                .when().patch(APPROVALS + "/" + requestId + "/stages/" + stageId).then().statusCode(204);

        String assignmentId = given().auth().oauth2(adminToken).queryParam("$expand", "assignment")
                .when().get(REQUESTS + "/" + requestId).then().statusCode(200)
                .body("state", equalTo("scheduled")).extract().path("assignment.id");
        assertEquals(start, VertxContextSupport.subscribeAndAwait(() -> timers.dueAt(AssignmentStart.KIND, assignmentId)));
        assertEquals(0, TestEvents.eventsNow(Topics.ASSIGNMENT_EVENTS, EventTypes.ASSIGNMENT_GRANTED, assignmentId).size(),
                "granted at approval, before its start");

        clock.set(start.plusSeconds(1));
        TestEvents.awaitEvent(Topics.ASSIGNMENT_EVENTS, EventTypes.ASSIGNMENT_GRANTED, assignmentId);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().auth().oauth2(adminToken)
                .when().get(REQUESTS + "/" + requestId).then().body("state", equalTo("delivering")));
        assertEquals(start.plus(Duration.ofDays(10)),
                VertxContextSupport.subscribeAndAwait(() -> timers.dueAt(AssignmentExpiry.KIND, assignmentId)));
    }

    @Test
    void anAdminUpdateBeforeTheStartCountsTheNewDurationFromTheStart() throws Throwable {
        Instant start = clock.instant().plus(Duration.ofDays(4)).truncatedTo(ChronoUnit.SECONDS);
        String assignmentId = assignmentOf(adminAdd(alice, start, null));
        given().auth().oauth2(adminToken).contentType(ContentType.JSON).body("""
                {"requestType":"adminUpdate","assignment":{"id":"%s"},
                 "schedule":{"expiration":{"type":"afterDuration","duration":"P3D"}}}""".formatted(assignmentId))
                .when().post(REQUESTS).then().statusCode(201);
        given().auth().oauth2(adminToken).when().get(ASSIGNMENTS + "/" + assignmentId).then()
                .body("status", equalTo("Scheduled"))
                .body("schedule.expiration.endDateTime", equalTo(start.plus(Duration.ofDays(3)).toString()));
        assertNull(VertxContextSupport.subscribeAndAwait(() -> timers.dueAt(AssignmentExpiry.KIND, assignmentId)),
                "no expiry before it starts");

        clock.set(start.plusSeconds(1));
        TestEvents.awaitEvent(Topics.ASSIGNMENT_EVENTS, EventTypes.ASSIGNMENT_GRANTED, assignmentId);
        assertEquals(start.plus(Duration.ofDays(3)),
                VertxContextSupport.subscribeAndAwait(() -> timers.dueAt(AssignmentExpiry.KIND, assignmentId)));
    }

    @Test
    void aUserAddStartsLaterOnlyWhenThePolicyAllowsACustomSchedule() {
        Instant start = clock.instant().plus(Duration.ofDays(1));
        String body = """
                {"requestType":"userAdd","assignment":{"targetId":"%s","assignmentPolicyId":"%s","accessPackageId":"%s"},
                 "schedule":{"startDateTime":"%s"}}""".formatted(alice, policyId, packageId, start);
        given().auth().oauth2(Tokens.user(alice)).contentType(ContentType.JSON).body(body)
                .when().post(REQUESTS).then().statusCode(400).body("error.code", equalTo("invalidRequest"));
        given().auth().oauth2(adminToken).queryParam("$filter", "target/objectId eq '" + alice + "'").when().get(ASSIGNMENTS)
                .then().statusCode(200).body("value.size()", equalTo(0));
    }

    private String adminAdd(String target, Instant start, String expiration) {
        return given().auth().oauth2(adminToken).contentType(ContentType.JSON).body(adminAddBody(target, start, expiration))
                .when().post(REQUESTS).then().statusCode(201)
                .body("completedDateTime", nullValue()).extract().path("id");
    }

    private String assignmentOf(String requestId) {
        return given().auth().oauth2(adminToken).queryParam("$expand", "assignment")
                .when().get(REQUESTS + "/" + requestId).then().statusCode(200)
                .body("assignment.id", notNullValue()).extract().path("assignment.id");
    }

    private String adminAddBody(String target, Instant start, String expiration) {
        String schedule = start == null ? "" : ",\"schedule\":{\"startDateTime\":\"" + start + "\""
                + (expiration == null ? "" : "," + expiration) + "}";
        return """
                {"requestType":"adminAdd","assignment":{"targetId":"%s","assignmentPolicyId":"%s","accessPackageId":"%s"}%s}
                """.formatted(target, policyId, packageId, schedule);
    }
}
