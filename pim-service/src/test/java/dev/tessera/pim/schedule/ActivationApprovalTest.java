package dev.tessera.pim.schedule;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.pim.FakeDirectory;
import dev.tessera.platform.messaging.events.EventTypes;
import dev.tessera.platform.messaging.events.Topics;
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
import java.time.Instant;
import java.util.UUID;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Approval of activations: the Approval_EndUser_Assignment rule with approvers, activations that
 * wait as PendingApproval, and the roleAssignmentApprovals extension where approvers decide. Each
 * test changes the policy of its own custom role.
 */
@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class ActivationApprovalTest {

    static final String D = "/v1.0/roleManagement/directory/";
    static final String ASSIGNMENT_REQUESTS = D + "roleAssignmentScheduleRequests";
    static final String APPROVALS = D + "roleAssignmentApprovals";
    static final String POLICIES = "/v1.0/policies/roleManagementPolicies";
    static final String RULE = "Approval_EndUser_Assignment";
    static final ObjectMapper MAPPER = new ObjectMapper();

    @Inject
    MutableClock clock;

    final String pra = Tokens.admin(UUID.randomUUID().toString(), "Privileged Role Administrator");
    final String user = FakeDirectory.newUser();
    final String approver = FakeDirectory.newUser();

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    ValidatableResponse post(String token, String path, String body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).when().post(path).then();
    }

    ValidatableResponse patchRule(String policy, String body) {
        return given().auth().oauth2(pra).contentType(ContentType.JSON).body(body)
                .when().patch(POLICIES + "/" + policy + "/rules/" + RULE).then();
    }

    ValidatableResponse decide(String token, String approvalId, String stepId, String body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .when().patch(APPROVALS + "/" + approvalId + "/steps/" + stepId).then();
    }

    static String approvalRule(String stage) {
        return """
                {"@odata.type":"#microsoft.graph.unifiedRoleManagementPolicyApprovalRule","id":"Approval_EndUser_Assignment",
                 "setting":{"isApprovalRequired":true,"isApprovalRequiredForExtension":false,"isRequestorJustificationRequired":true,
                  "approvalMode":"SingleStage","approvalStages":[%s]},
                 "target":{"caller":"EndUser","operations":["All"],"level":"Assignment","inheritableSettings":[],"enforcedSettings":[]}}
                """.formatted(stage);
    }

    static String stage(String approvers) {
        return """
                {"approvalStageTimeOutInDays":1,"isApproverJustificationRequired":true,"escalationTimeInMinutes":0,
                 "isEscalationEnabled":false,"primaryApprovers":[%s],"escalationApprovers":[]}
                """.formatted(approvers);
    }

    static String singleUser(String id) {
        return "{\"@odata.type\":\"#microsoft.graph.singleUser\",\"userId\":\"" + id + "\"}";
    }

    static String groupMembers(String id) {
        return "{\"@odata.type\":\"#microsoft.graph.groupMembers\",\"groupId\":\"" + id + "\"}";
    }

    /** A custom role whose policy requires approval by the given approvers; the user is eligible for it. */
    String roleNeedingApproval(String approvers) {
        String role = post(pra, D + "roleDefinitions", """
                {"displayName":"Approval test %s","isEnabled":true,
                 "rolePermissions":[{"allowedResourceActions":["microsoft.directory/groups/members/update"]}]}
                """.formatted(UUID.randomUUID())).statusCode(201).extract().path("id");
        if (approvers != null) {
            patchRule(policyOf(role), approvalRule(stage(approvers))).statusCode(204);
        }
        post(pra, D + "roleEligibilityScheduleRequests", """
                {"action":"adminAssign","justification":"rota","roleDefinitionId":"%s","directoryScopeId":"/",
                 "principalId":"%s","scheduleInfo":{"expiration":{"type":"noExpiration"}}}
                """.formatted(role, user)).statusCode(201);
        return role;
    }

    String policyOf(String role) {
        return given().auth().oauth2(pra)
                .queryParam("$filter", "scopeId eq '/' and scopeType eq 'DirectoryRole' and roleDefinitionId eq '" + role + "'")
                .when().get("/v1.0/policies/roleManagementPolicyAssignments").then().statusCode(200)
                .extract().path("value[0].policyId");
    }

    ValidatableResponse activate(String role, String duration) {
        return post(Tokens.builder(user).mfa(true).sign(), ASSIGNMENT_REQUESTS, """
                {"action":"selfActivate","principalId":"%s","roleDefinitionId":"%s","directoryScopeId":"/",
                 "justification":"incident 4711","scheduleInfo":{"startDateTime":"%s","expiration":{"type":"AfterDuration","duration":"%s"}}}
                """.formatted(user, role, clock.instant(), duration));
    }

    @Test
    void twoActivationsSentAtOnceCannotBothWaitForApproval() throws Exception {
        for (int round = 0; round < 3; round++) {
            String role = roleNeedingApproval(singleUser(approver));
            List<Integer> statuses = dev.tessera.pim.Concurrently.run(3, () -> activate(role, "PT1H").extract().statusCode());
            assertEquals(List.of(201, 400, 400), statuses.stream().sorted().toList(),
                    "one activation waits, the others are refused: " + statuses);
            given().auth().oauth2(pra).queryParam("$filter", "principalId eq '" + user + "' and roleDefinitionId eq '"
                    + role + "' and status eq 'PendingApproval'").when().get(ASSIGNMENT_REQUESTS)
                    .then().statusCode(200).body("value", hasSize(1));
            activate(role, "PT1H").statusCode(400).body("error.code", equalTo("PendingRoleAssignmentRequest"));
        }
    }

    ValidatableResponse activeInstances(String role) {
        return given().auth().oauth2(Tokens.user(user))
                .when().get(D + "roleAssignmentScheduleInstances/filterByCurrentUser(on='principal')").then().statusCode(200);
    }

    String stepOf(String token, String approvalId) {
        return given().auth().oauth2(token).when().get(APPROVALS + "/" + approvalId).then().statusCode(200)
                .extract().path("steps[0].id");
    }

    @Test
    void anApprovalRuleIsValidatedAndRefusedChangesChangeNothing() {
        String role = post(pra, D + "roleDefinitions", """
                {"displayName":"Approval rule test %s","isEnabled":true,
                 "rolePermissions":[{"allowedResourceActions":["microsoft.directory/groups/members/update"]}]}
                """.formatted(UUID.randomUUID())).statusCode(201).extract().path("id");
        String policy = policyOf(role);
        String prefix = "setting.approvalStages[0].";

        patchRule(policy, approvalRule(stage(""))).statusCode(400)
                .body("error.target", equalTo(prefix + "primaryApprovers"))
                .body("error.message", containsString("at least one approver"));
        patchRule(policy, approvalRule("")).statusCode(400).body("error.target", equalTo("setting.approvalStages"));
        patchRule(policy, approvalRule(stage(singleUser(approver)) + "," + stage(singleUser(approver)))).statusCode(400)
                .body("error.target", equalTo("setting.approvalStages"));
        patchRule(policy, approvalRule(stage("{\"@odata.type\":\"#microsoft.graph.requestorManager\",\"managerLevel\":1}")))
                .statusCode(400).body("error.target", equalTo(prefix + "primaryApprovers[0].@odata.type"));
        patchRule(policy, approvalRule(stage(singleUser("not-a-guid")))).statusCode(400)
                .body("error.target", equalTo(prefix + "primaryApprovers[0].userId"));
        String nobody = UUID.randomUUID().toString();
        patchRule(policy, approvalRule(stage(singleUser(approver) + "," + singleUser(nobody)))).statusCode(400)
                .body("error.target", equalTo(prefix + "primaryApprovers[1].userId"))
                .body("error.message", containsString(nobody));
        patchRule(policy, approvalRule(stage(groupMembers(nobody)))).statusCode(400)
                .body("error.target", equalTo(prefix + "primaryApprovers[0].groupId"));
        patchRule(policy, approvalRule(stage(singleUser(approver))).replace("SingleStage", "Serial")).statusCode(400)
                .body("error.target", equalTo("setting.approvalMode"));
        patchRule(policy, approvalRule(stage(singleUser(approver)).replace("\"approvalStageTimeOutInDays\":1",
                "\"approvalStageTimeOutInDays\":0"))).statusCode(400).body("error.target", equalTo(prefix + "approvalStageTimeOutInDays"));
        patchRule(policy, approvalRule(stage(singleUser(approver)).replace("\"approvalStageTimeOutInDays\":1",
                "\"approvalStageTimeOutInDays\":8"))).statusCode(400).body("error.target", equalTo(prefix + "approvalStageTimeOutInDays"));
        patchRule(policy, approvalRule(stage(singleUser(approver)).replace("\"isEscalationEnabled\":false",
                "\"isEscalationEnabled\":true"))).statusCode(400).body("error.target", equalTo(prefix + "isEscalationEnabled"));
        patchRule(policy, approvalRule(stage(singleUser(approver))).replace("\"isApprovalRequired\":true",
                "\"isApprovalRequired\":\"yes\"")).statusCode(400).body("error.target", equalTo("setting.isApprovalRequired"));
        patchRule(policy, approvalRule(stage(singleUser(approver))).replace("\"approvalMode\"", "\"colour\":\"red\",\"approvalMode\""))
                .statusCode(400).body("error.target", equalTo("setting.colour"));
        given().auth().oauth2(Tokens.user(user)).contentType(ContentType.JSON).body(approvalRule(stage(singleUser(approver))))
                .when().patch(POLICIES + "/" + policy + "/rules/" + RULE).then().statusCode(403);

        given().auth().oauth2(pra).when().get(POLICIES + "/" + policy + "/rules/" + RULE).then().statusCode(200)
                .body("setting.isApprovalRequired", equalTo(false))
                .body("setting.approvalStages[0].primaryApprovers", hasSize(0));

        patchRule(policy, approvalRule(stage(singleUser(approver.toUpperCase()) + "," + singleUser(approver)))).statusCode(204);
        given().auth().oauth2(pra).when().get(POLICIES + "/" + policy + "/rules/" + RULE).then().statusCode(200)
                .body("setting.isApprovalRequired", equalTo(true))
                .body("setting.approvalMode", equalTo("SingleStage"))
                .body("setting.approvalStages[0].primaryApprovers", hasSize(1))
                .body("setting.approvalStages[0].primaryApprovers[0].userId", equalTo(approver));
        patchRule(policy, approvalRule(stage(singleUser(FakeDirectory.UNREACHABLE_USER)))).statusCode(503)
                .body("error.code", equalTo("serviceNotAvailable"));
        // the failures may have opened the directory client's circuit breaker: leave it closed for the next test
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> patchRule(policy, approvalRule(stage(singleUser(approver)))).statusCode(204));
        // a PATCH may send only what it changes; approval off again leaves the approvers in place
        patchRule(policy, "{\"@odata.type\":\"#microsoft.graph.unifiedRoleManagementPolicyApprovalRule\","
                + "\"setting\":{\"isApprovalRequired\":false}}").statusCode(204);
        given().auth().oauth2(pra).when().get(POLICIES + "/" + policy + "/rules/" + RULE).then()
                .body("setting.isApprovalRequired", equalTo(false))
                .body("setting.approvalStages[0].primaryApprovers[0].userId", equalTo(approver));
    }

    @Test
    void anActivationWaitsForApprovalAndStartsWhenApproved() {
        String role = roleNeedingApproval(singleUser(approver));
        String requestId = activate(role, "PT1H").statusCode(201)
                .body("status", equalTo("PendingApproval")).body("completedDateTime", nullValue())
                .extract().path("id");
        given().auth().oauth2(Tokens.user(user)).when().get(ASSIGNMENT_REQUESTS + "/" + requestId).then()
                .body("approvalId", equalTo(requestId)).body("targetScheduleId", nullValue());
        activeInstances(role).body("value.roleDefinitionId", not(hasItem(role)));
        activate(role, "PT1H").statusCode(400).body("error.code", equalTo("PendingRoleAssignmentRequest"));
        JsonNode pending = read(TestEvents.awaitEvent(Topics.PIM_EVENTS, EventTypes.PIM_APPROVAL_CHANGED, user).value());
        assertEquals("pendingApproval", pending.path("change").asText());
        assertEquals(approver, pending.path("approverUserIds").path(0).asText());

        String me = Tokens.user(approver);
        given().auth().oauth2(me).when().get(APPROVALS + "/filterByCurrentUser(on='reviewer')").then().statusCode(200)
                .body("value.id", hasItem(requestId));
        String stepId = given().auth().oauth2(me).when().get(APPROVALS + "/" + requestId).then().statusCode(200)
                .body("id", equalTo(requestId)).body("steps", hasSize(1))
                .body("steps[0].status", equalTo("InProgress")).body("steps[0].reviewResult", equalTo("NotReviewed"))
                .body("steps[0].assignedToMe", equalTo(true)).extract().path("steps[0].id");
        given().auth().oauth2(Tokens.user(user)).when().get(APPROVALS + "/" + requestId).then().statusCode(200)
                .body("steps[0].assignedToMe", equalTo(false));
        given().auth().oauth2(Tokens.user(UUID.randomUUID().toString())).when().get(APPROVALS + "/" + requestId)
                .then().statusCode(404);

        decide(Tokens.user(UUID.randomUUID().toString()), requestId, stepId, "{\"reviewResult\":\"Approve\",\"justification\":\"ok\"}")
                .statusCode(403);
        decide(Tokens.user(user), requestId, stepId, "{\"reviewResult\":\"Approve\",\"justification\":\"mine\"}")
                .statusCode(403).body("error.message", containsString("own request"));
        // authorized before the body is read: whoever may not decide learns nothing from validating it
        for (String bad : java.util.List.of("{\"reviewResult\":\"Maybe\"}", "{}", "")) {
            decide(Tokens.user(UUID.randomUUID().toString()), requestId, stepId, bad).statusCode(403);
            decide(Tokens.user(user), requestId, stepId, bad).statusCode(403);
            decide(me, requestId, stepId, bad).statusCode(400).body("error.target", equalTo("reviewResult"));
        }
        decide(me, requestId, stepId, "{\"reviewResult\":\"Approve\"}").statusCode(400)
                .body("error.target", equalTo("justification"));
        decide(me, requestId, stepId, "{\"reviewResult\":\"Maybe\",\"justification\":\"hmm\"}").statusCode(400)
                .body("error.target", equalTo("reviewResult"));

        clock.advance(Duration.ofMinutes(20));
        Instant approvedAt = clock.instant();
        decide(me, requestId, stepId, "{\"reviewResult\":\"approve\",\"justification\":\"known incident\"}").statusCode(204);
        io.restassured.response.ExtractableResponse<?> approved = given().auth().oauth2(Tokens.user(user))
                .when().get(ASSIGNMENT_REQUESTS + "/" + requestId).then().body("status", equalTo("Provisioned")).extract();
        String scheduleId = approved.path("targetScheduleId");
        Instant start = Instant.parse(approved.path("scheduleInfo.startDateTime"));
        org.junit.jupiter.api.Assertions.assertFalse(start.isBefore(approvedAt), "starts at the approval, not " + start);
        assertEquals(start.plus(Duration.ofHours(1)), Instant.parse(approved.path("scheduleInfo.expiration.endDateTime")));
        activeInstances(role).body("value.find { it.roleDefinitionId == '" + role + "' }.id", equalTo(scheduleId))
                .body("value.find { it.roleDefinitionId == '" + role + "' }.assignmentType", equalTo("Activated"));
        given().auth().oauth2(me).when().get(APPROVALS + "/" + requestId).then()
                .body("steps[0].status", equalTo("Completed")).body("steps[0].reviewResult", equalTo("Approved"))
                .body("steps[0].reviewedBy[0].id", equalTo(approver)).body("steps[0].justification", equalTo("known incident"))
                .body("steps[0].assignedToMe", equalTo(false));
        decide(me, requestId, stepId, "{\"reviewResult\":\"Deny\",\"justification\":\"changed my mind\"}").statusCode(409);
        given().auth().oauth2(me).when().get(APPROVALS + "/filterByCurrentUser(on='reviewer')").then()
                .body("value.id", not(hasItem(requestId)));
        await().atMost(Duration.ofSeconds(15)).until(() -> TestEvents.eventsNow(Topics.PIM_EVENTS,
                EventTypes.PIM_APPROVAL_CHANGED, user).stream().map(r -> read(r.value()))
                .anyMatch(e -> "approved".equals(e.path("change").asText()) && approver.equals(e.path("decidedBy").asText())));
    }

    @Test
    void aDeniedActivationNeverStarts() {
        String role = roleNeedingApproval(singleUser(approver));
        String requestId = activate(role, "PT2H").statusCode(201).extract().path("id");
        String stepId = stepOf(Tokens.user(approver), requestId);
        decide(Tokens.user(approver), requestId, stepId, "{\"reviewResult\":\"Deny\",\"justification\":\"no incident open\"}")
                .statusCode(204);
        given().auth().oauth2(Tokens.user(user)).when().get(ASSIGNMENT_REQUESTS + "/" + requestId).then()
                .body("status", equalTo("Denied")).body("targetScheduleId", nullValue());
        activeInstances(role).body("value.roleDefinitionId", not(hasItem(role)));
        decide(Tokens.user(approver), requestId, stepId, "{\"reviewResult\":\"Approve\",\"justification\":\"sorry\"}")
                .statusCode(409);
        // the requestor may ask again
        activate(role, "PT2H").statusCode(201).body("status", equalTo("PendingApproval"));
    }

    @Test
    void anUndecidedActivationTimesOutAfterTheStageTimeout() {
        String role = roleNeedingApproval(singleUser(approver));
        String requestId = activate(role, "PT1H").statusCode(201).extract().path("id");
        String stepId = stepOf(Tokens.user(approver), requestId);
        clock.advance(Duration.ofHours(23));
        given().auth().oauth2(Tokens.user(user)).when().get(ASSIGNMENT_REQUESTS + "/" + requestId).then()
                .body("status", equalTo("PendingApproval"));
        clock.advance(Duration.ofHours(1).plusSeconds(1));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().auth().oauth2(Tokens.user(user))
                .when().get(ASSIGNMENT_REQUESTS + "/" + requestId).then().body("status", equalTo("TimedOut")));
        given().auth().oauth2(Tokens.user(approver)).when().get(APPROVALS + "/" + requestId).then()
                .body("steps[0].status", equalTo("Expired")).body("steps[0].reviewResult", equalTo("NotReviewed"));
        decide(Tokens.user(approver), requestId, stepId, "{\"reviewResult\":\"Approve\",\"justification\":\"late\"}")
                .statusCode(409);
        activeInstances(role).body("value.roleDefinitionId", not(hasItem(role)));
        await().atMost(Duration.ofSeconds(15)).until(() -> TestEvents.eventsNow(Topics.PIM_EVENTS,
                EventTypes.PIM_APPROVAL_CHANGED, user).stream().map(r -> read(r.value()))
                .anyMatch(e -> "timedOut".equals(e.path("change").asText()) && requestId.equals(e.path("approvalId").asText())));
    }

    @Test
    void anApprovedActivationWhoseWindowHasShrunkBelowFiveMinutesFails() {
        String role = roleNeedingApproval(singleUser(approver));
        String requestId = post(Tokens.builder(user).mfa(true).sign(), ASSIGNMENT_REQUESTS, """
                {"action":"selfActivate","principalId":"%s","roleDefinitionId":"%s","directoryScopeId":"/",
                 "justification":"maintenance window","scheduleInfo":{"startDateTime":"%s",
                 "expiration":{"type":"afterDateTime","endDateTime":"%s"}}}
                """.formatted(user, role, clock.instant(), clock.instant().plus(Duration.ofMinutes(30))))
                .statusCode(201).body("status", equalTo("PendingApproval")).extract().path("id");
        String stepId = stepOf(Tokens.user(approver), requestId);
        clock.advance(Duration.ofMinutes(26));
        decide(Tokens.user(approver), requestId, stepId, "{\"reviewResult\":\"Approve\",\"justification\":\"ok\"}")
                .statusCode(204);
        given().auth().oauth2(Tokens.user(user)).when().get(ASSIGNMENT_REQUESTS + "/" + requestId).then()
                .body("status", equalTo("Failed")).body("targetScheduleId", nullValue());
        activeInstances(role).body("value.roleDefinitionId", not(hasItem(role)));
    }

    @Test
    void aSelfExtensionWaitsForTheApproversWhenThePolicySaysSo() {
        String role = roleNeedingApproval(null);
        patchRule(policyOf(role), approvalRule(stage(singleUser(approver)))
                .replace("\"isApprovalRequiredForExtension\":false", "\"isApprovalRequiredForExtension\":true")).statusCode(204);
        String other = FakeDirectory.newUser();
        String body = """
                {"action":"%s","justification":"project runs longer","roleDefinitionId":"%s","directoryScopeId":"/",
                 "principalId":"%s","scheduleInfo":{"expiration":{"type":"afterDuration","duration":"%s"}}}
                """;
        post(pra, ASSIGNMENT_REQUESTS, body.formatted("adminAssign", role, other, "P10D")).statusCode(201);
        String requestId = post(Tokens.user(other), ASSIGNMENT_REQUESTS, body.formatted("selfExtend", role, other, "P30D"))
                .statusCode(201).body("status", equalTo("PendingApproval")).extract().path("id");
        given().auth().oauth2(Tokens.user(approver))
                .when().get(ASSIGNMENT_REQUESTS + "/filterByCurrentUser(on='approver')").then().statusCode(200)
                .body("value.id", hasItem(requestId));
        String stepId = stepOf(Tokens.user(approver), requestId);
        decide(Tokens.user(approver), requestId, stepId, "{\"reviewResult\":\"Approve\",\"justification\":\"fine\"}")
                .statusCode(204);
        String end = given().auth().oauth2(Tokens.user(other)).when().get(ASSIGNMENT_REQUESTS + "/" + requestId).then()
                .body("status", equalTo("Provisioned")).extract().path("scheduleInfo.expiration.endDateTime");
        org.junit.jupiter.api.Assertions.assertTrue(Instant.parse(end).isAfter(clock.instant().plus(Duration.ofDays(29))),
                "extended to " + end);
        given().auth().oauth2(Tokens.user(other)).when().get(D + "roleAssignmentScheduleInstances/filterByCurrentUser(on='principal')")
                .then().body("value.find { it.roleDefinitionId == '" + role + "' }.endDateTime", equalTo(end));
    }

    @Test
    void aMemberOfAnApproverGroupDecidesAndOthersCannot() {
        String member = FakeDirectory.newUser();
        String group = FakeDirectory.newGroup(false, member);
        String role = roleNeedingApproval(groupMembers(group));
        String requestId = activate(role, "PT1H").statusCode(201).extract().path("id");
        String outsider = FakeDirectory.newUser();
        given().auth().oauth2(Tokens.user(outsider)).when().get(APPROVALS + "/filterByCurrentUser(on='reviewer')").then()
                .statusCode(200).body("value.id", not(hasItem(requestId)));
        given().auth().oauth2(Tokens.user(member)).when().get(APPROVALS + "/filterByCurrentUser(on='reviewer')").then()
                .statusCode(200).body("value.id", hasItem(requestId))
                .body("value.find { it.id == '" + requestId + "' }.steps[0].assignedToMe", equalTo(true));
        String stepId = stepOf(Tokens.user(member), requestId);
        decide(Tokens.user(outsider), requestId, stepId, "{\"reviewResult\":\"Approve\",\"justification\":\"ok\"}")
                .statusCode(403);
        decide(Tokens.user(member), requestId, stepId, "{\"reviewResult\":\"Approve\",\"justification\":\"ok\"}")
                .statusCode(204);
        given().auth().oauth2(Tokens.user(user)).when().get(ASSIGNMENT_REQUESTS + "/" + requestId).then()
                .body("status", equalTo("Provisioned"));
    }

    @Test
    void theRequestorCancelsWhilePendingAndAdminsAreNotAsked() {
        String role = roleNeedingApproval(singleUser(approver));
        String requestId = activate(role, "PT1H").statusCode(201).extract().path("id");
        String stepId = stepOf(Tokens.user(approver), requestId);
        given().auth().oauth2(Tokens.user(approver)).when().post(ASSIGNMENT_REQUESTS + "/" + requestId + "/cancel")
                .then().statusCode(403);
        given().auth().oauth2(Tokens.user(user)).when().post(ASSIGNMENT_REQUESTS + "/" + requestId + "/cancel")
                .then().statusCode(204);
        given().auth().oauth2(Tokens.user(user)).when().get(ASSIGNMENT_REQUESTS + "/" + requestId).then()
                .body("status", equalTo("Canceled"));
        decide(Tokens.user(approver), requestId, stepId, "{\"reviewResult\":\"Approve\",\"justification\":\"ok\"}")
                .statusCode(409);
        given().auth().oauth2(Tokens.user(user)).when().post(ASSIGNMENT_REQUESTS + "/" + requestId + "/cancel")
                .then().statusCode(400);

        // an administrator's assignment is not subject to approval (as in Entra)
        String other = FakeDirectory.newUser();
        post(pra, ASSIGNMENT_REQUESTS, """
                {"action":"adminAssign","justification":"break glass","roleDefinitionId":"%s","directoryScopeId":"/",
                 "principalId":"%s","scheduleInfo":{"expiration":{"type":"afterDuration","duration":"PT4H"}}}
                """.formatted(role, other)).statusCode(201).body("status", equalTo("Provisioned"));
    }

    @Test
    void twoApproversDecidingAtOnceGiveOneDecisionAndOneConflict() throws Exception {
        String second = FakeDirectory.newUser();
        String role = roleNeedingApproval(singleUser(approver) + "," + singleUser(second));
        String requestId = activate(role, "PT1H").statusCode(201).extract().path("id");
        String stepId = stepOf(Tokens.user(approver), requestId);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.concurrent.Future<Integer> approve = pool.submit(() -> decide(Tokens.user(approver), requestId, stepId,
                    "{\"reviewResult\":\"Approve\",\"justification\":\"go\"}").extract().statusCode());
            java.util.concurrent.Future<Integer> deny = pool.submit(() -> decide(Tokens.user(second), requestId, stepId,
                    "{\"reviewResult\":\"Deny\",\"justification\":\"stop\"}").extract().statusCode());
            java.util.List<Integer> answers = java.util.List.of(approve.get(), deny.get());
            org.junit.jupiter.api.Assertions.assertTrue(answers.containsAll(java.util.List.of(204, 409)), "answers " + answers);
            String expected = approve.get() == 204 ? "Provisioned" : "Denied";
            given().auth().oauth2(Tokens.user(user)).when().get(ASSIGNMENT_REQUESTS + "/" + requestId).then()
                    .body("status", equalTo(expected));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aGroupMembersActivationWaitsForApprovalLikeADirectOne() {
        String member = FakeDirectory.newUser();
        String group = FakeDirectory.newGroup(true, member);
        String role = roleNeedingApproval(singleUser(approver));
        post(pra, D + "roleEligibilityScheduleRequests", """
                {"action":"adminAssign","justification":"rota","roleDefinitionId":"%s","directoryScopeId":"/",
                 "principalId":"%s","scheduleInfo":{"expiration":{"type":"noExpiration"}}}
                """.formatted(role, group)).statusCode(201);
        String requestId = post(Tokens.builder(member).mfa(true).sign(), ASSIGNMENT_REQUESTS, """
                {"action":"selfActivate","principalId":"%s","roleDefinitionId":"%s","directoryScopeId":"/",
                 "justification":"incident 4712","scheduleInfo":{"expiration":{"type":"AfterDuration","duration":"PT1H"}}}
                """.formatted(member, role)).statusCode(201).body("status", equalTo("PendingApproval")).extract().path("id");
        decide(Tokens.user(approver), requestId, stepOf(Tokens.user(approver), requestId),
                "{\"reviewResult\":\"Approve\",\"justification\":\"ok\"}").statusCode(204);
        String scheduleId = given().auth().oauth2(Tokens.user(member)).when().get(ASSIGNMENT_REQUESTS + "/" + requestId).then()
                .body("status", equalTo("Provisioned")).extract().path("targetScheduleId");
        given().auth().oauth2(Tokens.user(member)).when().get(D + "roleAssignmentSchedules/" + scheduleId).then()
                .statusCode(200).body("principalId", equalTo(member)).body("memberType", equalTo("Group"));
    }

    @Test
    void approvalRequiresTheRequestorsJustification() {
        String role = roleNeedingApproval(singleUser(approver));
        given().auth().oauth2(pra).contentType(ContentType.JSON).body("""
                {"@odata.type":"#microsoft.graph.unifiedRoleManagementPolicyEnablementRule","enabledRules":[]}
                """).when().patch(POLICIES + "/" + policyOf(role) + "/rules/Enablement_EndUser_Assignment").then().statusCode(204);
        post(Tokens.user(user), ASSIGNMENT_REQUESTS, """
                {"action":"selfActivate","principalId":"%s","roleDefinitionId":"%s","directoryScopeId":"/",
                 "scheduleInfo":{"expiration":{"type":"AfterDuration","duration":"PT1H"}}}
                """.formatted(user, role)).statusCode(400).body("error.message", containsString("JustificationRule"));
    }

    private static JsonNode read(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
