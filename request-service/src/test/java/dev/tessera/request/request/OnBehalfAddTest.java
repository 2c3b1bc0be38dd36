package dev.tessera.request.request;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * onBehalfAdd (Graph accessPackageRequestType): a manager asks for their report where the policy's
 * requestorSettings let on-behalf requestors add access and name the manager ({@code targetManager}).
 */
@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class OnBehalfAddTest {

    static final String REQUESTS = "/v1.0/identityGovernance/entitlementManagement/assignmentRequests";
    static final String APPROVALS = "/v1.0/identityGovernance/entitlementManagement/accessPackageAssignmentApprovals";
    static final ObjectMapper MAPPER = new ObjectMapper();

    final String adminToken = Tokens.admin(UUID.randomUUID().toString(), "Identity Governance Administrator");
    final String report = member();
    final String manager = member();
    final String packageId = UUID.randomUUID().toString();
    final String policyId = UUID.randomUUID().toString();

    OnBehalfAddTest() {
        FakeDirectoryApi.manager(report, manager);
    }

    static String member() {
        String id = UUID.randomUUID().toString();
        FakeDirectoryApi.user(id, "Member");
        return id;
    }

    /** A package for members; {@code settings} adjusts the policy (requestorSettings already on-behalf enabled). */
    void policy(Consumer<ObjectNode> settings) {
        ObjectNode context = MAPPER.createObjectNode();
        context.putObject("accessPackage").put("id", packageId).put("displayName", "Onboarding kit")
                .put("isHidden", false).put("catalogId", UUID.randomUUID().toString());
        ObjectNode policy = context.putArray("policies").addObject();
        policy.put("id", policyId).put("displayName", "Managers ask").put("allowedTargetScope", "allMemberUsers");
        policy.putObject("expiration").put("type", "afterDuration").put("duration", "P30D");
        ObjectNode requestor = policy.putObject("requestorSettings").put("enableTargetsToSelfAddAccess", false)
                .put("enableOnBehalfRequestorsToAddAccess", true);
        requestor.putArray("onBehalfRequestors").addObject().put("@odata.type", "#microsoft.graph.targetManager")
                .put("managerLevel", 1);
        policy.putObject("requestApprovalSettings").put("isApprovalRequiredForAdd", false);
        FakeCatalogApi.groupMemberRole(context, UUID.randomUUID().toString());
        settings.accept(policy);
        FakeCatalogApi.register(packageId, context);
    }

    ValidatableResponse onBehalf(String requestor, String target) {
        return given().auth().oauth2(Tokens.user(requestor)).contentType(ContentType.JSON).body("""
                {"requestType":"onBehalfAdd","justification":"starts Monday",
                 "assignment":{"targetId":"%s","assignmentPolicyId":"%s","accessPackageId":"%s"}}
                """.formatted(target, policyId, packageId))
                .when().post(REQUESTS).then();
    }

    void nothingRequested() {
        given().auth().oauth2(adminToken).queryParam("$filter", "accessPackage/id eq '" + packageId + "'")
                .when().get(REQUESTS).then().statusCode(200).body("value", empty());
    }

    @Test
    void aManagerRequestsForTheirReportWhoIsTheTargetAndSeesIt() {
        policy(p -> { });
        String id = onBehalf(manager, report).statusCode(201)
                .body("requestType", equalTo("onBehalfAdd")).body("state", equalTo("submitted"))
                .extract().path("id");

        given().auth().oauth2(adminToken).queryParam("$filter", "accessPackage/id eq '" + packageId + "'")
                .queryParam("$expand", "target").when()
                .get("/v1.0/identityGovernance/entitlementManagement/assignments").then()
                .statusCode(200).body("value.size()", equalTo(1)).body("value[0].target.objectId", equalTo(report));
        given().auth().oauth2(Tokens.user(report)).when().get(REQUESTS + "/filterByCurrentUser(on='target')").then()
                .statusCode(200).body("value.id", hasItem(id));
        given().auth().oauth2(Tokens.user(manager)).when().get(REQUESTS + "/filterByCurrentUser(on='createdBy')").then()
                .statusCode(200).body("value.id", hasItem(id));
        given().auth().oauth2(Tokens.user(manager)).when().get(REQUESTS + "/filterByCurrentUser(on='target')").then()
                .statusCode(200).body("value.id", not(hasItem(id)));
        // beta names the type as its requestType string
        given().auth().oauth2(adminToken).when()
                .get("/beta/identityGovernance/entitlementManagement/accessPackageAssignmentRequests/" + id).then()
                .statusCode(200).body("requestType", equalTo("OnBehalfAdd"));
    }

    @Test
    void someoneWhoIsNotTheTargetsManagerIsRefusedAndNothingIsCreated() {
        policy(p -> { });
        String colleague = member();
        onBehalf(colleague, report).statusCode(403)
                .body("error.message", containsString("not the user's manager"));
        // the report's report is not the manager either: the chain goes up, not down
        String below = member();
        FakeDirectoryApi.manager(below, report);
        onBehalf(below, report).statusCode(403);
        nothingRequested();
    }

    @Test
    void aPolicyThatDoesNotEnableOnBehalfRequestsRefusesThem() {
        policy(p -> ((ObjectNode) p.path("requestorSettings")).put("enableOnBehalfRequestorsToAddAccess", false));
        onBehalf(manager, report).statusCode(403)
                .body("error.message", containsString("enableOnBehalfRequestorsToAddAccess"));
        nothingRequested();
    }

    @Test
    void aPolicyWithoutTargetManagerAmongItsOnBehalfRequestorsRefusesTheManager() {
        policy(p -> ((ObjectNode) p.path("requestorSettings")).putArray("onBehalfRequestors"));
        onBehalf(manager, report).statusCode(403)
                .body("error.message", containsString("onBehalfRequestors"));
        nothingRequested();
    }

    @Test
    void theTargetMustBeSomeoneThePolicyAdmitsAsARequestor() {
        policy(p -> { });
        String guest = UUID.randomUUID().toString();
        FakeDirectoryApi.user(guest, "Guest");
        FakeDirectoryApi.manager(guest, manager);
        onBehalf(manager, guest).statusCode(403)
                .body("error.message", containsString("not in the scope of policy 'Managers ask'"));
        nothingRequested();
    }

    @Test
    void onBehalfOfOneselfOrWithoutATargetIsABadRequest() {
        policy(p -> { });
        onBehalf(manager, manager).statusCode(400).body("error.message", containsString("userAdd"));
        given().auth().oauth2(Tokens.user(manager)).contentType(ContentType.JSON).body("""
                {"requestType":"onBehalfAdd","assignment":{"assignmentPolicyId":"%s","accessPackageId":"%s"}}
                """.formatted(policyId, packageId))
                .when().post(REQUESTS).then().statusCode(400).body("error.message", containsString("targetId"));
        nothingRequested();
    }

    @Test
    void aSkipLevelManagerWithinManagerLevelMayAskAndTheTargetsManagerApproves() {
        String skipLevel = member();
        FakeDirectoryApi.manager(manager, skipLevel);
        String skipLevelsManager = member();
        FakeDirectoryApi.manager(skipLevel, skipLevelsManager);
        policy(p -> {
            ((ObjectNode) p.path("requestorSettings").path("onBehalfRequestors").get(0)).put("managerLevel", 2);
            ObjectNode approval = ((ObjectNode) p.path("requestApprovalSettings")).put("isApprovalRequiredForAdd", true);
            ArrayNode stages = approval.putArray("stages");
            stages.addObject().put("durationBeforeAutomaticDenial", "P14D").putArray("primaryApprovers").addObject()
                    .put("@odata.type", "#microsoft.graph.requestorManager").put("managerLevel", 1);
        });
        String id = onBehalf(skipLevel, report).statusCode(201).body("state", equalTo("pendingApproval"))
                .extract().path("id");
        // an open on-behalf request counts for catalog-service's deletion checks
        given().auth().oauth2(Tokens.service()).queryParam("accessPackageId", packageId).when().get("/internal/v1/usage")
                .then().statusCode(200).body("openRequests", equalTo(1));

        // requestorManager is the manager of the person who gets access (the report's), not the requestor's
        given().auth().oauth2(Tokens.user(skipLevelsManager)).when()
                .get(APPROVALS + "/filterByCurrentUser(on='approver')").then().statusCode(200)
                .body("value.id", not(hasItem(id)));
        String stage = given().auth().oauth2(Tokens.user(manager)).when()
                .get(APPROVALS + "/filterByCurrentUser(on='approver')").then().statusCode(200)
                .body("value.id", hasItem(id))
                .extract().path("value.find { it.id == '" + id + "' }.stages.find { it.status == 'InProgress' }.id");
        given().auth().oauth2(Tokens.user(manager)).contentType(ContentType.JSON).body("{\"reviewResult\":\"Approve\"}")
                .when().patch(APPROVALS + "/" + id + "/stages/" + stage).then().statusCode(204);
        given().auth().oauth2(adminToken).when().get(REQUESTS + "/" + id).then().statusCode(200)
                .body("state", equalTo("delivering"));

        // one level further up is outside managerLevel 2
        onBehalf(skipLevelsManager, report).statusCode(403).body("error.message", containsString("managerLevel 2"));
    }

    @Test
    void aFailedDeliveryOfAnOnBehalfRequestIsReprocessedThroughItsAssignment() {
        policy(p -> { });
        String id = onBehalf(manager, report).statusCode(201).extract().path("id");
        String assignmentId = given().auth().oauth2(adminToken).queryParam("$expand", "assignment").when()
                .get(REQUESTS + "/" + id).then().statusCode(200).extract().path("assignment.id");
        TestEvents.awaitEvent(Topics.ASSIGNMENT_EVENTS, EventTypes.ASSIGNMENT_GRANTED, assignmentId);
        TestEvents.publish(Topics.DELIVERY_EVENTS, EventTypes.DELIVERY_REPORTED, assignmentId, """
                {"assignmentId":"%s","requestId":"%s","operation":"grant","outcome":"deliveryFailed",
                 "completedDateTime":"2026-11-30T10:00:00Z",
                 "roles":[{"roleId":"%s","roleDisplayName":"Member","status":"failed","error":"Group missing"}]}
                """.formatted(assignmentId, id, UUID.randomUUID()), UUID.randomUUID().toString());
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().auth().oauth2(adminToken).when()
                .get(REQUESTS + "/" + id).then().statusCode(200).body("state", equalTo("deliveryFailed")));

        given().auth().oauth2(Tokens.user(report)).when()
                .post("/v1.0/identityGovernance/entitlementManagement/assignments/" + assignmentId + "/reprocess")
                .then().statusCode(202);
        given().auth().oauth2(adminToken).when().get(REQUESTS + "/" + id).then().body("state", equalTo("delivering"));
    }
}
