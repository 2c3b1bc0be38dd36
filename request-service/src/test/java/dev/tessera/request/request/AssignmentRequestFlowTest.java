package dev.tessera.request.request;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.platform.messaging.events.EventTypes;
import dev.tessera.platform.messaging.events.Topics;
import dev.tessera.request.fake.FakeCatalogApi;
import dev.tessera.request.fake.FakeDirectoryApi;
import dev.tessera.testsupport.TesseraInfraResource;
import dev.tessera.testsupport.TestEvents;
import dev.tessera.testsupport.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class AssignmentRequestFlowTest {

    static final String REQUESTS = "/v1.0/identityGovernance/entitlementManagement/assignmentRequests";
    static final String ASSIGNMENTS = "/v1.0/identityGovernance/entitlementManagement/assignments";
    static final ObjectMapper MAPPER = new ObjectMapper();

    String alice;
    String admin;
    String packageId;
    String policyId;
    String groupId;

    @BeforeEach
    void marketingPackage() {
        alice = UUID.randomUUID().toString();
        admin = UUID.randomUUID().toString();
        packageId = UUID.randomUUID().toString();
        policyId = UUID.randomUUID().toString();
        groupId = UUID.randomUUID().toString();
        FakeDirectoryApi.user(alice, "Member");
        ObjectNode context = MAPPER.createObjectNode();
        context.putObject("accessPackage").put("id", packageId).put("displayName", "Marketing Campaign")
                .put("isHidden", false).put("catalogId", UUID.randomUUID().toString());
        ObjectNode policy = context.putArray("policies").addObject();
        policy.put("id", policyId).put("displayName", "Specific users").put("allowedTargetScope", "specificDirectoryUsers");
        policy.putArray("specificAllowedTargets").addObject()
                .put("@odata.type", "#microsoft.graph.singleUser").put("userId", alice);
        policy.putObject("expiration").put("type", "afterDuration").put("duration", "P30D");
        policy.putObject("requestorSettings").put("enableTargetsToSelfAddAccess", true)
                .put("enableTargetsToSelfRemoveAccess", true);
        policy.putObject("requestApprovalSettings").put("isApprovalRequiredForAdd", false);
        FakeCatalogApi.groupMemberRole(context, groupId);
        FakeCatalogApi.register(packageId, context);
    }

    String userAddBody(String target) {
        return """
                {"requestType":"UserAdd","assignment":{"targetId":"%s","assignmentPolicyId":"%s","accessPackageId":"%s"}}
                """.formatted(target, policyId, packageId);
    }

    String submitUserAdd() {
        return given().auth().oauth2(Tokens.user(alice)).contentType(ContentType.JSON).body(userAddBody(alice))
                .when().post(REQUESTS)
                .then().statusCode(201)
                .body("requestType", equalTo("userAdd"))
                .body("state", equalTo("submitted"))
                .body("status", equalTo("Accepted"))
                .body("'@odata.context'", endsWith("$metadata#identityGovernance/entitlementManagement/assignmentRequests/$entity"))
                .body("schedule.expiration.type", equalTo("afterDuration"))
                .extract().path("id");
    }

    String assignmentOf(String requestId) {
        return given().auth().oauth2(Tokens.user(alice)).queryParam("$expand", "assignment")
                .when().get(REQUESTS + "/" + requestId)
                .then().statusCode(200).body("assignment.id", notNullValue())
                .extract().path("assignment.id");
    }

    void reportDelivery(String assignmentId, String requestId, String operation, String outcome, String eventId) {
        String payload = """
                {"assignmentId":"%s","requestId":"%s","operation":"%s","outcome":"%s","completedDateTime":"2026-11-22T10:00:00Z",
                 "roles":[{"roleId":"%s","roleDisplayName":"Member","status":"%s","error":null}]}
                """.formatted(assignmentId, requestId, operation, outcome, UUID.randomUUID(),
                "removed".equals(outcome) ? "removed" : "delivered");
        TestEvents.publish(Topics.DELIVERY_EVENTS, EventTypes.DELIVERY_REPORTED, assignmentId, payload, eventId);
    }

    @Test
    void userAddIsGrantedThenDeliveredWhenProvisioningReportsDelivery() throws Exception {
        String requestId = submitUserAdd();
        String assignmentId = assignmentOf(requestId);

        JsonNode granted = MAPPER.readTree(TestEvents.awaitEvent(Topics.ASSIGNMENT_EVENTS,
                EventTypes.ASSIGNMENT_GRANTED, assignmentId).value());
        assertEquals(alice, granted.path("targetObjectId").asText());
        assertEquals("Member_" + groupId, granted.path("resourceRoles").get(0).path("roleOriginId").asText());
        assertEquals(requestId, granted.path("requestId").asText());

        reportDelivery(assignmentId, requestId, "grant", "delivered", UUID.randomUUID().toString());

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().auth().oauth2(Tokens.user(alice))
                .when().get(REQUESTS + "/" + requestId)
                .then().statusCode(200).body("state", equalTo("delivered")).body("status", equalTo("Delivered"))
                .body("completedDateTime", notNullValue()));
        given().auth().oauth2(Tokens.admin(admin, "Identity Governance Administrator"))
                .queryParam("$filter", "accessPackage/id eq '" + packageId + "' and target/objectid eq '" + alice + "'")
                .queryParam("$expand", "target,accessPackage")
                .when().get(ASSIGNMENTS)
                .then().statusCode(200)
                .body("value", hasSize(1))
                .body("value[0].state", equalTo("delivered"))
                .body("value[0].target.objectId", equalTo(alice))
                .body("value[0].accessPackage.displayName", equalTo("Marketing Campaign"))
                .body("value[0].schedule.expiration.duration", equalTo("P30D"));
    }

    @Test
    void adminRemoveExpiresTheAssignmentOnceRemovalIsReported() {
        String requestId = submitUserAdd();
        String assignmentId = assignmentOf(requestId);
        reportDelivery(assignmentId, requestId, "grant", "delivered", UUID.randomUUID().toString());

        String removal = given().auth().oauth2(Tokens.admin(admin, "Identity Governance Administrator"))
                .contentType(ContentType.JSON)
                .body("{\"requestType\":\"adminRemove\",\"assignment\":{\"id\":\"" + assignmentId + "\"}}")
                .when().post(REQUESTS)
                .then().statusCode(201).body("requestType", equalTo("adminRemove")).body("state", equalTo("submitted"))
                .extract().path("id");
        TestEvents.awaitEvent(Topics.ASSIGNMENT_EVENTS, EventTypes.ASSIGNMENT_REMOVED, assignmentId);

        given().auth().oauth2(Tokens.admin(admin, "Identity Governance Administrator")).contentType(ContentType.JSON)
                .body("{\"requestType\":\"adminRemove\",\"assignment\":{\"id\":\"" + assignmentId + "\"}}")
                .when().post(REQUESTS)
                .then().statusCode(409).body("error.code", equalTo("conflict"));

        reportDelivery(assignmentId, removal, "remove", "removed", UUID.randomUUID().toString());
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().auth().oauth2(Tokens.user(alice))
                .when().get(ASSIGNMENTS + "/" + assignmentId)
                .then().statusCode(200).body("state", equalTo("expired"))
                // when provisioning-service removed the access (the report says), not when the report was read
                .body("expiredDateTime", equalTo("2026-11-22T10:00:00Z")));
    }

    @Test
    void aRepeatedDeliveryEventIsAppliedOnce() {
        String requestId = submitUserAdd();
        String assignmentId = assignmentOf(requestId);
        String eventId = UUID.randomUUID().toString();
        reportDelivery(assignmentId, requestId, "grant", "delivered", eventId);
        String completed = await().atMost(Duration.ofSeconds(15)).until(() -> given().auth().oauth2(Tokens.user(alice))
                .when().get(REQUESTS + "/" + requestId).then().extract().path("completedDateTime"), c -> c != null);

        // Same event id, but a different outcome: if it were applied again the state would change.
        reportDelivery(assignmentId, requestId, "grant", "deliveryFailed", eventId);
        String marker = UUID.randomUUID().toString();
        reportDelivery(UUID.randomUUID().toString(), UUID.randomUUID().toString(), "grant", "delivered", marker);
        TestEvents.awaitProcessed("request-service", marker);

        given().auth().oauth2(Tokens.user(alice)).when().get(REQUESTS + "/" + requestId)
                .then().body("state", equalTo("delivered")).body("completedDateTime", equalTo(completed));
    }

    @Test
    void aSecondRequestForALiveAssignmentIsAConflict() {
        submitUserAdd();
        given().auth().oauth2(Tokens.user(alice)).contentType(ContentType.JSON).body(userAddBody(alice))
                .when().post(REQUESTS)
                .then().statusCode(409).body("error.code", equalTo("ExistingAssignment"))
                .body("error.message", startsWith("User '" + alice + "' already has an assignment"));
    }

    @Test
    void concurrentIdenticalAdminAddsCreateOneAssignment() throws Exception {
        String adminToken = Tokens.admin(admin, "Identity Governance Administrator");
        String body = """
                {"requestType":"adminAdd","assignment":{"targetId":"%s","assignmentPolicyId":"%s","accessPackageId":"%s"}}
                """.formatted(alice, policyId, packageId);
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            List<CompletableFuture<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                calls.add(CompletableFuture.supplyAsync(() -> given().auth().oauth2(adminToken)
                        .contentType(ContentType.JSON).body(body).when().post(REQUESTS).statusCode(), pool));
            }
            List<Integer> statuses = calls.stream().map(CompletableFuture::join).toList();
            assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
            assertEquals(29, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
        } finally {
            pool.shutdownNow();
        }
        given().auth().oauth2(adminToken)
                .queryParam("$filter", "accessPackage/id eq '" + packageId + "'")
                .when().get(ASSIGNMENTS)
                .then().statusCode(200).body("value", hasSize(1));
    }
}
