package dev.tessera.request.approval;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.platform.messaging.events.EventTypes;
import dev.tessera.platform.messaging.events.Topics;
import dev.tessera.request.fake.FakeCatalogApi;
import dev.tessera.request.fake.FakeDirectoryApi;
import dev.tessera.request.fake.FakeGroupsApi;
import dev.tessera.testsupport.MutableClock;
import dev.tessera.testsupport.TesseraInfraResource;
import dev.tessera.testsupport.TestEvents;
import dev.tessera.testsupport.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Requests under policies that require approval, decided by the people the stages name. */
@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class ApprovalFlowTest {

    static final String REQUESTS = "/v1.0/identityGovernance/entitlementManagement/assignmentRequests";
    static final String APPROVALS = "/v1.0/identityGovernance/entitlementManagement/accessPackageAssignmentApprovals";
    static final String MINE = APPROVALS + "/filterByCurrentUser(on='approver')";
    static final ObjectMapper MAPPER = new ObjectMapper();

    @Inject
    MutableClock clock;

    @Inject
    io.vertx.mutiny.sqlclient.Pool pool;

    final String alice = newUser();
    final String adminToken = Tokens.admin(UUID.randomUUID().toString(), "Identity Governance Administrator");
    String packageId;
    String policyId;
    ObjectNode context;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    static String newUser() {
        String id = UUID.randomUUID().toString();
        FakeDirectoryApi.user(id, "Member");
        return id;
    }

    /** A package alice may request; {@code stages} fills requestApprovalSettings.stages. */
    void policy(Consumer<ArrayNode> stages) {
        packageId = UUID.randomUUID().toString();
        policyId = UUID.randomUUID().toString();
        context = MAPPER.createObjectNode();
        context.putObject("accessPackage").put("id", packageId).put("displayName", "Finance reports")
                .put("isHidden", false).put("catalogId", UUID.randomUUID().toString());
        ObjectNode policy = context.putArray("policies").addObject();
        policy.put("id", policyId).put("displayName", "With approval").put("allowedTargetScope", "allMemberUsers");
        policy.putObject("expiration").put("type", "afterDuration").put("duration", "P30D");
        policy.putObject("requestorSettings").put("enableTargetsToSelfAddAccess", true);
        ObjectNode approval = policy.putObject("requestApprovalSettings").put("isApprovalRequiredForAdd", true);
        stages.accept(approval.putArray("stages"));
        String groupId = UUID.randomUUID().toString();
        FakeCatalogApi.groupMemberRole(context, groupId);
        FakeCatalogApi.register(packageId, context);
    }

    static ObjectNode stage(ArrayNode stages, String denyAfter) {
        return stages.addObject().put("durationBeforeAutomaticDenial", denyAfter);
    }

    static void singleUser(ArrayNode approvers, String userId) {
        approvers.addObject().put("@odata.type", "#microsoft.graph.singleUser").put("userId", userId);
    }

    String request() {
        return given().auth().oauth2(Tokens.user(alice)).contentType(ContentType.JSON).body("""
                {"requestType":"userAdd","justification":"quarter close",
                 "assignment":{"targetId":"%s","assignmentPolicyId":"%s","accessPackageId":"%s"}}
                """.formatted(alice, policyId, packageId))
                .when().post(REQUESTS).then().statusCode(201)
                .body("state", equalTo("pendingApproval")).body("status", equalTo("PendingApproval"))
                .extract().path("id");
    }

    ValidatableResponse requestAsAdmin(String requestId) {
        return given().auth().oauth2(adminToken).queryParam("$expand", "assignment").when().get(REQUESTS + "/" + requestId)
                .then().statusCode(200);
    }

    String currentStage(String approver, String requestId) {
        return given().auth().oauth2(Tokens.user(approver)).when().get(MINE).then().statusCode(200)
                .body("value.id", hasItem(requestId))
                .extract().path("value.find { it.id == '" + requestId + "' }.stages.find { it.status == 'InProgress' }.id");
    }

    ValidatableResponse decide(String approver, String requestId, String stageId, String body) {
        return given().auth().oauth2(Tokens.user(approver)).contentType(ContentType.JSON).body(body)
                .when().patch(APPROVALS + "/" + requestId + "/stages/" + stageId).then();
    }

    @Test
    void aSecondAddWhileOneWaitsForApprovalIsRefusedNamingTheOpenRequest() {
        String approver = newUser();
        policy(stages -> singleUser(stage(stages, "P14D").putArray("primaryApprovers"), approver));
        String requestId = request();

        given().auth().oauth2(Tokens.user(alice)).contentType(ContentType.JSON).body("""
                {"requestType":"userAdd","justification":"again",
                 "assignment":{"targetId":"%s","assignmentPolicyId":"%s","accessPackageId":"%s"}}
                """.formatted(alice, policyId, packageId))
                .when().post(REQUESTS).then().statusCode(409)
                .body("error.code", equalTo("ExistingOpenRequest")).body("error.message", containsString(requestId));
        given().auth().oauth2(adminToken).contentType(ContentType.JSON).body("""
                {"requestType":"adminAdd",
                 "assignment":{"targetId":"%s","assignmentPolicyId":"%s","accessPackageId":"%s"}}
                """.formatted(alice, policyId, packageId))
                .when().post(REQUESTS).then().statusCode(409).body("error.message", containsString(requestId));
        given().auth().oauth2(adminToken).queryParam("$filter", "accessPackage/id eq '" + packageId + "'")
                .when().get(REQUESTS).then().statusCode(200).body("value", hasSize(1));

        decide(approver, requestId, currentStage(approver, requestId), "{\"reviewResult\":\"Approve\"}").statusCode(204);
        requestAsAdmin(requestId).body("state", equalTo("delivering")).body("assignment.id", notNullValue());
    }

    @Test
    void anApprovalAfterTheTargetGotThePackageElsewhereEndsDeniedWithTheReason() {
        String approver = newUser();
        policy(stages -> singleUser(stage(stages, "P14D").putArray("primaryApprovers"), approver));
        String requestId = request();
        String stage = currentStage(approver, requestId);
        // what a concurrent grant by another path leaves behind between submission and approval
        String other = UUID.randomUUID().toString();
        pool.preparedQuery("insert into assignment (id, access_package_id, assignment_policy_id, target_object_id, state, "
                        + "status, start_at, expiration_type, resource_roles, created_at, modified_at) values "
                        + "($1, $2, $3, $4, 'delivered', 'Delivered', now(), 'noExpiration', '[]', now(), now())")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(UUID.fromString(other), UUID.fromString(packageId),
                        UUID.fromString(policyId), UUID.fromString(alice)))
                .await().atMost(Duration.ofSeconds(10));

        decide(approver, requestId, stage, "{\"reviewResult\":\"Approve\"}").statusCode(204);
        given().auth().oauth2(adminToken).when().get(REQUESTS + "/" + requestId).then().statusCode(200)
                .body("state", equalTo("denied"))
                .body("'@tessera.deliveryTrace'.reason", containsString(other));
    }

    @Test
    void anApprovedRequestDeliversThePackagesRolesAtApprovalNotAtSubmission() throws Exception {
        String approver = newUser();
        policy(stages -> singleUser(stage(stages, "P14D").putArray("primaryApprovers"), approver));
        String requestId = request();
        // meanwhile the catalog owner replaced the package's only role
        String group = UUID.randomUUID().toString();
        context.putArray("resourceRoles").addObject()
                .put("roleId", UUID.randomUUID().toString()).put("roleDisplayName", "Reader")
                .put("roleOriginId", "Reader_" + group).put("originSystem", "AadGroup")
                .put("resourceId", UUID.randomUUID().toString()).put("resourceOriginId", group)
                .put("scopeOriginId", group);

        decide(approver, requestId, currentStage(approver, requestId), "{\"reviewResult\":\"Approve\"}").statusCode(204);
        String assignmentId = requestAsAdmin(requestId).body("state", equalTo("delivering"))
                .extract().path("assignment.id");
        com.fasterxml.jackson.databind.JsonNode granted = MAPPER.readTree(TestEvents.awaitEvent(Topics.ASSIGNMENT_EVENTS,
                EventTypes.ASSIGNMENT_GRANTED, assignmentId).value());
        assertEquals(1, granted.path("resourceRoles").size());
        assertEquals("Reader_" + group, granted.path("resourceRoles").get(0).path("roleOriginId").asText());
    }

    @Test
    void anAdminAddGoesToTheTargetsManagerNotTheAdmins() {
        String targetsManager = newUser();
        String adminsManager = newUser();
        String adminId = UUID.randomUUID().toString();
        FakeDirectoryApi.user(adminId, "Member");
        FakeDirectoryApi.manager(alice, targetsManager);
        FakeDirectoryApi.manager(adminId, adminsManager);
        policy(stages -> stage(stages, "P14D").putArray("primaryApprovers").addObject()
                .put("@odata.type", "#microsoft.graph.requestorManager").put("managerLevel", 1));
        String requestId = given().auth().oauth2(Tokens.admin(adminId, "Identity Governance Administrator"))
                .contentType(ContentType.JSON).body("""
                        {"requestType":"adminAdd",
                         "assignment":{"targetId":"%s","assignmentPolicyId":"%s","accessPackageId":"%s"}}
                        """.formatted(alice, policyId, packageId))
                .when().post(REQUESTS).then().statusCode(201).body("state", equalTo("pendingApproval")).extract().path("id");

        given().auth().oauth2(Tokens.user(adminsManager)).when().get(MINE).then().statusCode(200)
                .body("value.id", not(hasItem(requestId)));
        decide(targetsManager, requestId, currentStage(targetsManager, requestId), "{\"reviewResult\":\"Approve\"}")
                .statusCode(204);
        requestAsAdmin(requestId).body("state", equalTo("delivering"));
    }

    @Test
    void aQuorumLargerThanItsApproversIsRefusedAtSubmissionAndNothingIsWritten() {
        String reviewerB = newUser();
        String reviewerC = newUser();
        String group = UUID.randomUUID().toString();
        FakeGroupsApi.group(group, reviewerB, reviewerC, alice);
        // alice is in the group but never approves her own request: two can decide, three are required
        policy(stages -> stage(stages, "P2D").put("@tessera.requiredApprovals", 3).putArray("primaryApprovers")
                .addObject().put("@odata.type", "#microsoft.graph.groupMembers").put("groupId", group));

        given().auth().oauth2(Tokens.user(alice)).contentType(ContentType.JSON).body("""
                {"requestType":"userAdd","justification":"quarter close",
                 "assignment":{"targetId":"%s","assignmentPolicyId":"%s","accessPackageId":"%s"}}
                """.formatted(alice, policyId, packageId))
                .when().post(REQUESTS).then().statusCode(400)
                .body("error.code", equalTo("InsufficientApprovers"))
                .body("error.message", containsString("requires 3 approvals"))
                .body("error.message", containsString("only 2 approver"));
        given().auth().oauth2(adminToken).queryParam("$filter", "accessPackage/id eq '" + packageId + "'")
                .when().get(REQUESTS).then().statusCode(200).body("value", empty());
    }

    @Test
    void twoStagesEachApprovedByTheirApproversGrantTheAssignment() {
        String manager = newUser();
        String reviewerB = newUser();
        String reviewerC = newUser();
        String financeGroup = UUID.randomUUID().toString();
        FakeGroupsApi.group(financeGroup, reviewerB, reviewerC, alice);
        FakeDirectoryApi.manager(alice, manager);
        policy(stages -> {
            ObjectNode first = stage(stages, "P2D").put("isApproverJustificationRequired", true);
            first.putArray("primaryApprovers").addObject().put("@odata.type", "#microsoft.graph.requestorManager")
                    .put("managerLevel", 1);
            ObjectNode second = stage(stages, "P2D").put("@tessera.requiredApprovals", 2);
            second.putArray("primaryApprovers").addObject().put("@odata.type", "#microsoft.graph.groupMembers")
                    .put("groupId", financeGroup);
        });
        String requestId = request();

        given().auth().oauth2(Tokens.user(reviewerB)).when().get(MINE).then().statusCode(200)
                .body("value.id", not(hasItem(requestId)));
        String first = currentStage(manager, requestId);
        given().auth().oauth2(Tokens.user(manager)).when().get(APPROVALS + "/" + requestId).then().statusCode(200)
                .body("id", equalTo(requestId)).body("stages", hasSize(1))
                .body("stages[0].reviewResult", equalTo("NotReviewed")).body("stages[0].assignedToMe", equalTo(true))
                .body("'@odata.context'", containsString("$metadata#identityGovernance/entitlementManagement/accessPackageAssignmentApprovals"));

        decide(alice, requestId, first, "{\"reviewResult\":\"Approve\",\"justification\":\"mine\"}")
                .statusCode(403).body("error.message", containsString("own request"));
        decide(reviewerB, requestId, first, "{\"reviewResult\":\"Approve\",\"justification\":\"x\"}").statusCode(403);
        decide(manager, requestId, first, "{\"reviewResult\":\"Approve\"}")
                .statusCode(400).body("error.message", containsString("justification"));
        decide(manager, requestId, first, "{\"reviewResult\":\"Maybe\",\"justification\":\"x\"}").statusCode(400);
        decide(manager, requestId, first, "{\"reviewResult\":\"Approve\",\"justification\":\"Needed for the close\"}")
                .statusCode(204);
        decide(manager, requestId, first, "{\"reviewResult\":\"Deny\",\"justification\":\"changed my mind\"}")
                .statusCode(409);

        String second = currentStage(reviewerB, requestId);
        decide(reviewerB, requestId, second, "{\"reviewResult\":\"approve\"}").statusCode(204);
        requestAsAdmin(requestId).body("state", equalTo("pendingApproval")).body("assignment", nullValue());
        decide(reviewerB, requestId, second, "{\"reviewResult\":\"Approve\"}").statusCode(409);
        decide(reviewerC, requestId, second, "{\"reviewResult\":\"Approve\"}").statusCode(204);

        String assignmentId = requestAsAdmin(requestId).body("state", equalTo("delivering"))
                .body("assignment.id", notNullValue()).extract().path("assignment.id");
        TestEvents.awaitEvent(Topics.ASSIGNMENT_EVENTS, EventTypes.ASSIGNMENT_GRANTED, assignmentId);
        given().auth().oauth2(adminToken).when().get(APPROVALS + "/" + requestId).then().statusCode(200)
                .body("stages", hasSize(2))
                .body("stages[0].reviewResult", equalTo("Approved")).body("stages[0].status", equalTo("Completed"))
                .body("stages[0].reviewedBy.id", equalTo(manager))
                .body("stages[0].justification", equalTo("Needed for the close"))
                .body("stages[1].reviewResult", equalTo("Approved"));
        given().auth().oauth2(Tokens.user(reviewerC)).when().get(MINE).then().body("value.id", not(hasItem(requestId)));
    }

    /** Authorized before the body is read: a caller who may not decide learns nothing from validation. */
    @Test
    void aCallerWhoMayNotDecideIsRefusedWhateverTheBody() {
        String approver = newUser();
        String outsider = newUser();
        policy(stages -> singleUser(stage(stages, "P14D").putArray("primaryApprovers"), approver));
        String requestId = request();
        String stage = currentStage(approver, requestId);

        for (String bad : List.of("{\"reviewResult\":\"Maybe\"}", "{}", "")) {
            decide(outsider, requestId, stage, bad).statusCode(403)
                    .body("error.message", containsString("not an approver"));
            decide(alice, requestId, stage, bad).statusCode(403).body("error.message", containsString("own request"));
            decide(approver, requestId, stage, bad).statusCode(400).body("error.target", equalTo("reviewResult"));
        }
        decide(approver, requestId, stage, "{\"reviewResult\":\"Approve\",\"justification\":\"ok\"}").statusCode(204);
    }

    @Test
    void aDenialEndsTheRequestAndNothingIsGranted() {
        String approver = newUser();
        policy(stages -> singleUser(stage(stages, "P14D").putArray("primaryApprovers"), approver));
        String requestId = request();
        String stage = currentStage(approver, requestId);

        decide(approver, requestId, stage, "{\"reviewResult\":\"Deny\",\"justification\":\"not on the team\"}")
                .statusCode(204);
        requestAsAdmin(requestId).body("state", equalTo("denied")).body("status", equalTo("Denied"))
                .body("completedDateTime", notNullValue()).body("assignment", nullValue());
        given().auth().oauth2(Tokens.user(approver)).when().get(MINE).then().body("value", empty());
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("tessera_requests_completed_total{state=\"denied\",type=\"userAdd\"}"))
                .body(containsString("tessera_requests_submitted_total{type=\"userAdd\"}"))
                .body(containsString("tessera_approvals_pending "));
        // Denied, alice may ask again (no live assignment blocks her).
        request();
    }

    @Test
    void anUndecidedStageIsDeniedWhenItsTimeRunsOut() {
        String approver = newUser();
        policy(stages -> singleUser(stage(stages, "P2D").putArray("primaryApprovers"), approver));
        String requestId = request();

        clock.set(clock.instant().plus(Duration.ofDays(1)));
        requestAsAdmin(requestId).body("state", equalTo("pendingApproval"));

        clock.set(clock.instant().plus(Duration.ofDays(1)).plusSeconds(5));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> requestAsAdmin(requestId)
                .body("state", equalTo("denied")));
        given().auth().oauth2(adminToken).when().get(APPROVALS + "/" + requestId)
                .then().body("stages[0].status", equalTo("Expired"));
        decide(approver, requestId, given().auth().oauth2(adminToken).when().get(APPROVALS + "/" + requestId)
                .then().extract().path("stages[0].id"), "{\"reviewResult\":\"Approve\"}").statusCode(409);
    }

    @Test
    void escalationApproversMayDecideOnceTheEscalationTimeHasPassed() {
        String approver = newUser();
        String escalation = newUser();
        policy(stages -> {
            ObjectNode stage = stage(stages, "P3D").put("isEscalationEnabled", true).put("durationBeforeEscalation", "PT4H");
            singleUser(stage.putArray("primaryApprovers"), approver);
            singleUser(stage.putArray("escalationApprovers"), escalation);
        });
        String requestId = request();
        String stage = currentStage(approver, requestId);
        given().auth().oauth2(Tokens.user(escalation)).when().get(MINE).then().body("value.id", not(hasItem(requestId)));
        decide(escalation, requestId, stage, "{\"reviewResult\":\"Approve\"}").statusCode(403);

        clock.set(clock.instant().plus(Duration.ofHours(4)).plusSeconds(5));
        await().atMost(Duration.ofSeconds(15)).until(() -> given().auth().oauth2(Tokens.user(escalation))
                .when().get(MINE).then().extract().jsonPath().getList("value.id").contains(requestId));
        decide(escalation, requestId, stage, "{\"reviewResult\":\"Approve\"}").statusCode(204);
        requestAsAdmin(requestId).body("state", equalTo("delivering"));
    }

    @Test
    void fallbackApproversStepInWhenThePrimaryOnesResolveToNobody() {
        String fallback = newUser();
        policy(stages -> {
            ObjectNode stage = stage(stages, "P14D");
            // alice has no manager; she herself can never approve her own request
            stage.putArray("primaryApprovers").addObject().put("@odata.type", "#microsoft.graph.requestorManager");
            singleUser(stage.withArray("primaryApprovers"), alice);
            singleUser(stage.putArray("fallbackPrimaryApprovers"), fallback);
        });
        String requestId = request();
        String stage = currentStage(fallback, requestId);
        decide(fallback, requestId, stage, "{\"reviewResult\":\"Approve\"}").statusCode(204);
        requestAsAdmin(requestId).body("state", equalTo("delivering"));
    }

    @Test
    void aStageNobodyCanApproveDeniesTheRequestAtOnceWithTheReason() {
        policy(stages -> singleUser(stage(stages, "P14D").putArray("primaryApprovers"), alice));
        String requestId = given().auth().oauth2(Tokens.user(alice)).contentType(ContentType.JSON).body("""
                {"requestType":"userAdd","assignment":{"targetId":"%s","assignmentPolicyId":"%s","accessPackageId":"%s"}}
                """.formatted(alice, policyId, packageId))
                .when().post(REQUESTS).then().statusCode(201).body("state", equalTo("denied")).extract().path("id");
        requestAsAdmin(requestId).body("state", equalTo("denied"));
    }

    @Test
    void theRequestorCancelsAWaitingRequestAndFindsHerRequestsByFilterByCurrentUser() {
        String approver = newUser();
        policy(stages -> singleUser(stage(stages, "P14D").putArray("primaryApprovers"), approver));
        String requestId = request();

        given().auth().oauth2(Tokens.user(alice)).when().get(REQUESTS + "/filterByCurrentUser(on='target')")
                .then().statusCode(200).body("value.id", hasItem(requestId));
        given().auth().oauth2(Tokens.user(approver)).when().get(REQUESTS + "/filterByCurrentUser(on='createdBy')")
                .then().statusCode(200).body("value.id", not(hasItem(requestId)));
        given().auth().oauth2(Tokens.user(alice)).when().get(REQUESTS + "/filterByCurrentUser(on='approver')")
                .then().statusCode(400);

        given().auth().oauth2(Tokens.user(approver)).when().post(REQUESTS + "/" + requestId + "/cancel")
                .then().statusCode(404);
        given().auth().oauth2(Tokens.user(alice)).when().post(REQUESTS + "/" + requestId + "/cancel")
                .then().statusCode(204);
        requestAsAdmin(requestId).body("state", equalTo("canceled")).body("status", equalTo("Canceled"))
                .body("completedDateTime", notNullValue());
        given().auth().oauth2(Tokens.user(approver)).when().get(MINE).then().body("value.id", not(hasItem(requestId)));
        // a request no longer waiting is a conflict (409), as a cancel that loses to an approval is
        given().auth().oauth2(Tokens.user(alice)).when().post(REQUESTS + "/" + requestId + "/cancel")
                .then().statusCode(409).body("error.code", equalTo("RequestNotCancelable"))
                .body("error.message", containsString("canceled"));
    }

    @Test
    void approvalsAreHiddenFromEveryoneButTheirApproversAndAdmins() {
        String approver = newUser();
        policy(stages -> singleUser(stage(stages, "P14D").putArray("primaryApprovers"), approver));
        String requestId = request();
        given().auth().oauth2(Tokens.user(newUser())).when().get(APPROVALS + "/" + requestId)
                .then().statusCode(404).body("error.code", equalTo("itemNotFound"));
        given().auth().oauth2(Tokens.user(approver)).when().get(APPROVALS + "/" + requestId + "/stages")
                .then().statusCode(200).body("value", hasSize(1));
        given().auth().oauth2(Tokens.user(approver))
                .when().get(APPROVALS + "/filterByCurrentUser(on='target')").then().statusCode(400);
        // no stage, no decider: the body is not read (it used to answer its 400 first)
        given().auth().oauth2(Tokens.user(approver)).contentType(ContentType.JSON).body("{\"justification\":\"x\"}")
                .when().patch(APPROVALS + "/" + requestId + "/stages/" + UUID.randomUUID())
                .then().statusCode(404);
        assertEquals(404, given().auth().oauth2(Tokens.user(approver)).contentType(ContentType.JSON)
                .body("{\"reviewResult\":\"Approve\"}")
                .when().patch(APPROVALS + "/" + requestId + "/stages/" + UUID.randomUUID()).statusCode());
    }
}
