package dev.tessera.request.automatic;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.platform.messaging.events.EventTypes;
import dev.tessera.platform.messaging.events.Topics;
import dev.tessera.request.fake.FakeCatalogApi;
import dev.tessera.request.fake.FakeDirectoryApi;
import dev.tessera.testsupport.MutableClock;
import dev.tessera.testsupport.TesseraInfraResource;
import dev.tessera.testsupport.TestEvents;
import dev.tessera.testsupport.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A user deleted from the directory (provisioning-service's userDeleted on tessera.directory.events, with
 * the real broker) loses their assignments by the removal path an adminRemove takes, and their open
 * requests end denied with the reason; a redelivery changes nothing and another user keeps theirs.
 */
@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class DeletedUserTest {

    static final String EM = "/v1.0/identityGovernance/entitlementManagement";
    static final String REQUESTS = EM + "/assignmentRequests";
    static final ObjectMapper MAPPER = new ObjectMapper();

    @Inject
    MutableClock clock;

    String approver;
    String directPolicy;
    String approvalPolicy;

    @BeforeEach
    void names() {
        approver = user();
        directPolicy = UUID.randomUUID().toString();
        approvalPolicy = UUID.randomUUID().toString();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aDeletedUserLosesTheirAssignmentsAndOpenRequestsOnceAndOthersKeepTheirs() throws Exception {
        String alice = user();
        String bob = user();
        String tools = accessPackage("Tools");
        String finance = accessPackage("Finance");
        String later = accessPackage("Later");

        // Alice: a delivered assignment, a request waiting for approval, one waiting for its start; Bob: delivered.
        String alicesAdd = adminAdd(alice, tools, directPolicy, null);
        String alicesAssignment = assignmentOf(alicesAdd);
        deliver(alicesAssignment, alicesAdd);
        String bobsAdd = adminAdd(bob, tools, directPolicy, null);
        String bobsAssignment = assignmentOf(bobsAdd);
        deliver(bobsAssignment, bobsAdd);
        String waiting = adminAdd(alice, finance, approvalPolicy, null);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                request(waiting).body("state", equalTo("pendingApproval")));
        Instant start = clock.instant().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.SECONDS);
        String scheduled = adminAdd(alice, later, directPolicy, start);
        String scheduledAssignment = request(scheduled).body("state", equalTo("scheduled")).extract().path("assignment.id");

        String deleted = userDeleted(alice);
        TestEvents.awaitProcessed(DirectoryEventConsumer.CONSUMER, deleted);

        JsonNode removed = MAPPER.readTree(TestEvents.awaitEvent(Topics.ASSIGNMENT_EVENTS,
                EventTypes.ASSIGNMENT_REMOVED, alicesAssignment).value());
        assertEquals("systemRemove", removed.path("reason").asText());
        assertEquals(alice, removed.path("targetObjectId").asText());
        assertEquals(1, removed.path("resourceRoles").size(), "provisioning-service is told which access to take away");
        String removalId = removed.path("requestId").asText();
        request(removalId).body("requestType", equalTo("systemRemove")).body("state", equalTo("submitted"))
                .body("justification", containsString("was deleted from the directory"));
        String completed = request(waiting).body("state", equalTo("denied")).body("status", equalTo("Denied"))
                .body("completedDateTime", notNullValue())
                .body("'@tessera.deliveryTrace'.reason", containsString("was deleted from the directory"))
                .extract().path("completedDateTime");
        request(scheduled).body("state", equalTo("denied")).body("assignment.state", equalTo("expired"));

        // provisioning-service reports the removal: the assignment is expired, as after an adminRemove
        TestEvents.publish(Topics.DELIVERY_EVENTS, EventTypes.DELIVERY_REPORTED, alicesAssignment, """
                {"assignmentId":"%s","requestId":"%s","operation":"remove","outcome":"removed",
                 "completedDateTime":"2026-11-22T10:00:00Z","roles":[]}""".formatted(alicesAssignment, removalId));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> asAdmin().when()
                .get(EM + "/assignments/" + alicesAssignment).then().statusCode(200).body("state", equalTo("expired")));

        // the same event again (same id), then another userDeleted for her: nothing changes
        TestEvents.publish(Topics.DIRECTORY_EVENTS, EventTypes.USER_DELETED, alice, deletedPayload(alice), deleted);
        TestEvents.awaitProcessed(DirectoryEventConsumer.CONSUMER, userDeleted(alice));
        assertEquals(1, TestEvents.eventsNow(Topics.ASSIGNMENT_EVENTS, EventTypes.ASSIGNMENT_REMOVED, alicesAssignment).size());
        request(waiting).body("state", equalTo("denied")).body("completedDateTime", equalTo(completed));
        request(removalId).body("state", equalTo("delivered"));
        assertEquals(0, TestEvents.eventsNow(Topics.ASSIGNMENT_EVENTS, EventTypes.ASSIGNMENT_GRANTED,
                scheduledAssignment).size(), "the scheduled assignment never starts");

        // Bob keeps his
        asAdmin().when().get(EM + "/assignments/" + bobsAssignment).then().statusCode(200).body("state", equalTo("delivered"));
        assertEquals(0, TestEvents.eventsNow(Topics.ASSIGNMENT_EVENTS, EventTypes.ASSIGNMENT_REMOVED, bobsAssignment).size());
    }

    private String accessPackage(String name) {
        String packageId = UUID.randomUUID().toString();
        ObjectNode context = MAPPER.createObjectNode();
        context.putObject("accessPackage").put("id", packageId).put("displayName", name)
                .put("isHidden", false).put("catalogId", UUID.randomUUID().toString());
        ArrayNode policies = context.putArray("policies");
        ObjectNode direct = policies.addObject().put("id", directPolicy).put("displayName", "Direct")
                .put("allowedTargetScope", "notSpecified");
        direct.putObject("expiration").put("type", "noExpiration");
        direct.putObject("requestApprovalSettings").put("isApprovalRequiredForAdd", false);
        ObjectNode approved = policies.addObject().put("id", approvalPolicy).put("displayName", "Approved")
                .put("allowedTargetScope", "notSpecified");
        approved.putObject("expiration").put("type", "noExpiration");
        approved.putObject("requestApprovalSettings").put("isApprovalRequiredForAdd", true).putArray("stages")
                .addObject().put("durationBeforeAutomaticDenial", "P2D").putArray("primaryApprovers").addObject()
                .put("@odata.type", "#microsoft.graph.singleUser").put("userId", approver);
        FakeCatalogApi.groupMemberRole(context, UUID.randomUUID().toString());
        FakeCatalogApi.register(packageId, context);
        return packageId;
    }

    static String user() {
        String id = UUID.randomUUID().toString();
        FakeDirectoryApi.user(id, "Member");
        return id;
    }

    static RequestSpecification asAdmin() {
        return given().auth().oauth2(Tokens.admin(UUID.randomUUID().toString(), "Identity Governance Administrator"))
                .contentType(ContentType.JSON);
    }

    static String adminAdd(String target, String packageId, String policy, Instant start) {
        String schedule = start == null ? "" : ",\"schedule\":{\"startDateTime\":\"" + start + "\"}";
        return asAdmin().body("""
                {"requestType":"adminAdd","assignment":{"targetId":"%s","assignmentPolicyId":"%s","accessPackageId":"%s"}%s}
                """.formatted(target, policy, packageId, schedule))
                .when().post(REQUESTS).then().statusCode(201).extract().path("id");
    }

    static ValidatableResponse request(String id) {
        return asAdmin().queryParam("$expand", "assignment").when().get(REQUESTS + "/" + id).then().statusCode(200);
    }

    static String assignmentOf(String requestId) {
        return request(requestId).body("assignment.id", notNullValue()).extract().path("assignment.id");
    }

    static void deliver(String assignmentId, String requestId) {
        TestEvents.awaitEvent(Topics.ASSIGNMENT_EVENTS, EventTypes.ASSIGNMENT_GRANTED, assignmentId);
        TestEvents.publish(Topics.DELIVERY_EVENTS, EventTypes.DELIVERY_REPORTED, assignmentId, """
                {"assignmentId":"%s","requestId":"%s","operation":"add","outcome":"delivered","completedDateTime":"2026-11-22T10:00:00Z",
                 "roles":[{"roleId":"%s","roleDisplayName":"Member","status":"delivered","error":null}]}
                """.formatted(assignmentId, requestId, UUID.randomUUID()), UUID.randomUUID().toString());
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> asAdmin().when()
                .get(EM + "/assignments/" + assignmentId).then().statusCode(200).body("state", equalTo("delivered")));
    }

    /** As provisioning-service publishes it (see AutomaticAssignmentTest). */
    static String userDeleted(String user) {
        String eventId = UUID.randomUUID().toString();
        TestEvents.publish(Topics.DIRECTORY_EVENTS, EventTypes.USER_DELETED, user, deletedPayload(user), eventId);
        return eventId;
    }

    static String deletedPayload(String user) {
        return "{\"objectId\":\"" + user + "\",\"attributes\":{\"userPrincipalName\":\"gone@contoso.com\"}}";
    }
}
