package dev.tessera.request.catalog;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.platform.messaging.events.EventTypes;
import dev.tessera.platform.messaging.events.Topics;
import dev.tessera.platform.messaging.timer.DurableTimers;
import dev.tessera.request.approval.ApprovalService;
import dev.tessera.request.assignment.AssignmentStart;
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
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * catalog-service deleted a policy or a package while requests under it were open (its usage check runs
 * before the delete): the requests end denied with the reason, their timers go, nothing is delivered, a
 * replay changes nothing, and a request that arrives after the deletion is refused.
 */
@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class CatalogDeletionTest {

    static final String EM = "/v1.0/identityGovernance/entitlementManagement";
    static final String REQUESTS = EM + "/assignmentRequests";
    static final String APPROVALS = EM + "/accessPackageAssignmentApprovals";
    static final ObjectMapper MAPPER = new ObjectMapper();

    @Inject
    MutableClock clock;

    @Inject
    DurableTimers timers;

    String approver;
    String packageId;
    String approvalPolicy;
    String directPolicy;

    @BeforeEach
    void packageWithTwoPolicies() {
        approver = user();
        packageId = UUID.randomUUID().toString();
        approvalPolicy = UUID.randomUUID().toString();
        directPolicy = UUID.randomUUID().toString();
        ObjectNode context = MAPPER.createObjectNode();
        context.putObject("accessPackage").put("id", packageId).put("displayName", "Doomed")
                .put("isHidden", false).put("catalogId", UUID.randomUUID().toString());
        ArrayNode policies = context.putArray("policies");
        ObjectNode direct = policies.addObject().put("id", directPolicy).put("displayName", "Direct")
                .put("allowedTargetScope", "notSpecified");
        direct.putObject("expiration").put("type", "afterDuration").put("duration", "P30D");
        direct.putObject("requestApprovalSettings").put("isApprovalRequiredForAdd", false);
        ObjectNode approved = policies.addObject().put("id", approvalPolicy).put("displayName", "Approved")
                .put("allowedTargetScope", "notSpecified");
        approved.putObject("expiration").put("type", "afterDuration").put("duration", "P30D");
        approved.putObject("requestApprovalSettings").put("isApprovalRequiredForAdd", true).putArray("stages")
                .addObject().put("durationBeforeAutomaticDenial", "P2D").putArray("primaryApprovers").addObject()
                .put("@odata.type", "#microsoft.graph.singleUser").put("userId", approver);
        context.putArray("resourceRoles").addObject()
                .put("roleId", UUID.randomUUID().toString()).put("roleDisplayName", "Member")
                .put("roleOriginId", "Member_x").put("originSystem", "AadGroup")
                .put("resourceId", UUID.randomUUID().toString()).put("resourceOriginId", "x").put("scopeOriginId", "x");
        FakeCatalogApi.register(packageId, context);
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

    static RequestSpecification asAdmin() {
        return given().auth().oauth2(Tokens.admin(UUID.randomUUID().toString(), "Identity Governance Administrator"))
                .contentType(ContentType.JSON);
    }

    String adminAdd(String target, String policy, Instant start) {
        String schedule = start == null ? "" : ",\"schedule\":{\"startDateTime\":\"" + start + "\"}";
        return asAdmin().body("""
                {"requestType":"adminAdd","assignment":{"targetId":"%s","assignmentPolicyId":"%s","accessPackageId":"%s"}%s}
                """.formatted(target, policy, packageId, schedule))
                .when().post(REQUESTS).then().statusCode(201).extract().path("id");
    }

    static String deleted(String type, String accessPackageId, String policyId, String displayName) {
        String eventId = UUID.randomUUID().toString();
        TestEvents.publish(Topics.CATALOG_EVENTS, type, accessPackageId, """
                {"accessPackageId":"%s","assignmentPolicyId":%s,"displayName":"%s"}
                """.formatted(accessPackageId, policyId == null ? "null" : "\"" + policyId + "\"", displayName), eventId);
        TestEvents.awaitProcessed(CatalogEventConsumer.CONSUMER, eventId);
        return eventId;
    }

    static io.restassured.response.ValidatableResponse request(String id) {
        return asAdmin().queryParam("$expand", "assignment").when().get(REQUESTS + "/" + id).then().statusCode(200);
    }

    @Test
    void openRequestsUnderADeletedPolicyOrPackageEndDeniedWithNothingDelivered() throws Throwable {
        String waiting = adminAdd(user(), approvalPolicy, null);
        Awaitility.await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                request(waiting).body("state", equalTo("pendingApproval")));
        String stageId = given().auth().oauth2(Tokens.user(approver)).when().get(APPROVALS + "/" + waiting)
                .then().statusCode(200).extract().path("stages[0].id");
        assertEquals(true, VertxContextSupport.subscribeAndAwait(() -> timers.dueAt(ApprovalService.TIMEOUT, stageId)) != null);
        Instant start = clock.instant().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.SECONDS);
        String scheduled = adminAdd(user(), directPolicy, start);
        String scheduledAssignment = request(scheduled).body("state", equalTo("scheduled"))
                .extract().path("assignment.id");
        String granted = adminAdd(user(), directPolicy, null);
        request(granted).body("state", equalTo("submitted")).body("assignment.state", equalTo("delivering"));

        // the approval policy goes: only the request under it ends
        deleted(EventTypes.ASSIGNMENT_POLICY_DELETED, packageId, approvalPolicy, "Approved");
        String completed = request(waiting).body("state", equalTo("denied")).body("status", equalTo("Denied"))
                .body("completedDateTime", notNullValue())
                .body("'@tessera.deliveryTrace'.reason", containsString("Policy 'Approved' (" + approvalPolicy + ") was deleted"))
                .extract().path("completedDateTime");
        assertNull(VertxContextSupport.subscribeAndAwait(() -> timers.dueAt(ApprovalService.TIMEOUT, stageId)),
                "the stage's timeout timer is cancelled");
        given().auth().oauth2(Tokens.user(approver)).contentType(ContentType.JSON)
                .body("{\"reviewResult\":\"Approve\",\"justification\":\"too late\"}")
                .when().patch(APPROVALS + "/" + waiting + "/stages/" + stageId).then().statusCode(409);
        request(scheduled).body("state", equalTo("scheduled"));

        // then the package: the scheduled request ends before its start; the one already granted (submitted,
        // its assignment delivering) is no longer open in this sense and stays
        deleted(EventTypes.ACCESS_PACKAGE_DELETED, packageId, null, "Doomed");
        request(scheduled).body("state", equalTo("denied"))
                .body("'@tessera.deliveryTrace'.reason", containsString("Access package 'Doomed'"))
                .body("assignment.state", equalTo("expired"));
        assertNull(VertxContextSupport.subscribeAndAwait(() -> timers.dueAt(AssignmentStart.KIND, scheduledAssignment)),
                "the start timer is cancelled");
        request(granted).body("state", equalTo("submitted")).body("assignment.state", equalTo("delivering"));
        clock.set(start.plusSeconds(1));
        assertEquals(0, TestEvents.eventsNow(Topics.ASSIGNMENT_EVENTS, EventTypes.ASSIGNMENT_GRANTED,
                scheduledAssignment).size());

        // a replay of either deletion (a new event id, so not deduplicated by id) changes nothing
        deleted(EventTypes.ASSIGNMENT_POLICY_DELETED, packageId, approvalPolicy, "Approved");
        deleted(EventTypes.ACCESS_PACKAGE_DELETED, packageId, null, "Doomed");
        request(waiting).body("state", equalTo("denied")).body("completedDateTime", equalTo(completed));
        request(granted).body("state", equalTo("submitted")).body("assignment.state", equalTo("delivering"));
    }

    @Test
    void aRequestAcceptedAfterTheDeletionWasHeardIsRefusedWithNothingWritten() {
        deleted(EventTypes.ASSIGNMENT_POLICY_DELETED, packageId, directPolicy, "Direct");
        // request-service read the package before the delete (the fake still has the policy): the database refuses
        String target = user();
        asAdmin().body("""
                {"requestType":"adminAdd","assignment":{"targetId":"%s","assignmentPolicyId":"%s","accessPackageId":"%s"}}
                """.formatted(target, directPolicy, packageId))
                .when().post(REQUESTS).then().statusCode(400).body("error.code", equalTo("invalidRequest"))
                .body("error.message", containsString("has been deleted"));
        asAdmin().queryParam("$filter", "target/objectId eq '" + target + "'").when().get(EM + "/assignments")
                .then().statusCode(200).body("value.size()", equalTo(0));
        // the package's other policy still works
        adminAdd(target, approvalPolicy, null);
    }

    /** Work no caller waits for asks first, so the database's refusal never leaves it retrying. */
    @Test
    void aBulkJobUnderADeletedPolicyGrantsNothingAndSaysWhy() {
        deleted(EventTypes.ASSIGNMENT_POLICY_DELETED, packageId, directPolicy, "Direct");
        String group = UUID.randomUUID().toString();
        dev.tessera.request.fake.FakeGroupsApi.group(group, user(), user());
        String jobId = asAdmin().body("""
                {"accessPackageId":"%s","groupId":"%s","assignmentPolicyId":"%s"}
                """.formatted(packageId, group, directPolicy))
                .when().post(EM + "/assignments/tessera.assignGroupMembers").then().statusCode(202).extract().path("id");
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> asAdmin()
                .when().get(EM + "/assignments/tessera.bulkAssignmentJobs/" + jobId).then().statusCode(200)
                .body("status", equalTo("completed")).body("created", equalTo(0)).body("failed", equalTo(2))
                .body("failures[0].reason", containsString("deleted")));
    }
}
