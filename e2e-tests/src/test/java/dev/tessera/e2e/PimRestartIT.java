package dev.tessera.e2e;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tessera.devstack.LocalStack;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * kill -9 of pim-service while its durable timers wait (a future start, an activation's end, an
 * approval's timeout) or an approval is pending: all of it lives in PostgreSQL, so after the restart
 * each timer fires once and approvers decide as before. Timers hours or a day away are brought due by
 * restarting pim-service with its clock moved ahead ({@link Restarts}).
 */
@ExtendWith(StackExtension.class)
class PimRestartIT {

    static final String D = "/v1.0/roleManagement/directory/";
    static final String GROUPS_ADMINISTRATOR = "fdd7a751-b60b-444a-984c-02652fe8fa1c";
    static final String PRIVILEGED_ROLE_ADMINISTRATOR = "e8611ab8-c189-46e8-94e1-60213ab1f814";
    static final String PIM_EVENTS = "tessera.pim.events";
    static final String SCHEDULE_CHANGED = "tessera.pim.scheduleChanged.v1";
    static final String APPROVAL_CHANGED = "tessera.pim.approvalChanged.v1";

    LocalStack stack;
    Graph admin;
    Graph pra;

    @BeforeEach
    void connect() throws Exception {
        stack = StackExtension.stack();
        admin = Tessera.admin(stack);
        pra = admin.as(stack.tokenMinter().forUser(UUID.randomUUID().toString())
                .role("Privileged Role Administrator").sign());
    }

    @Test
    void aScheduledStartSurvivesAKilledPimService() throws Exception {
        String user = Tessera.createUser(admin, "OnCall-" + UUID.randomUUID().toString().substring(0, 8));
        Instant start = Instant.now().plusSeconds(20).truncatedTo(ChronoUnit.SECONDS);

        String request = pra.post(D + "roleAssignmentScheduleRequests", """
                {"action":"adminAssign","justification":"night shift","roleDefinitionId":"%s","directoryScopeId":"/",
                 "principalId":"%s","scheduleInfo":{"startDateTime":"%s","expiration":{"type":"afterDuration","duration":"PT8H"}}}
                """.formatted(GROUPS_ADMINISTRATOR, user, start))
                .statusCode(201).body("status", equalTo("Granted")).extract().path("id");

        Restarts.crash(stack, LocalStack.PIM);

        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> pra.get(D + "roleAssignmentScheduleRequests/" + request)
                .statusCode(200).body("status", equalTo("Provisioned")));
        pra.get(D + "roleAssignmentScheduleInstances", "$filter", "principalId eq '" + user + "'")
                .statusCode(200).body("value", hasSize(1))
                .body("value[0].roleDefinitionId", equalTo(GROUPS_ADMINISTRATOR))
                .body("value[0].startDateTime", equalTo(start.toString()));
    }

    @Test
    void anActivationWhoseEndPassedWhilePimServiceWasDownEndsOnceAfterTheRestart() throws Exception {
        String user = Tessera.createUser(admin, "Activator-" + UUID.randomUUID().toString().substring(0, 8));
        eligible(user, GROUPS_ADMINISTRATOR);
        String scheduleId = activate(user, GROUPS_ADMINISTRATOR).statusCode(201)
                .body("status", equalTo("Provisioned")).extract().path("targetScheduleId");
        instances(user).body("value", hasSize(1)).body("value[0].assignmentType", equalTo("Activated"));

        try {
            Restarts.crashAndWakeAhead(stack, LocalStack.PIM, Duration.ofHours(2));

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> instances(user).body("value", hasSize(0)));
            pra.get(D + "roleAssignmentSchedules", "$filter", "principalId eq '" + user + "'")
                    .statusCode(200).body("value", hasSize(0));
            // the eligibility the activation came from is untouched
            pra.get(D + "roleEligibilityScheduleInstances", "$filter", "principalId eq '" + user + "'")
                    .statusCode(200).body("value", hasSize(1));
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertEquals(1, scheduleChanges(user, scheduleId, "expired")));
            assertEquals(0, scheduleChanges(user, scheduleId, "removed"), "ended by its timer, not removed");
        } finally {
            Restarts.backToRealTime(stack, LocalStack.PIM);
        }
        assertEquals(1, scheduleChanges(user, scheduleId, "expired"), "the end fired once, not again after the second restart");
        instances(user).body("value", hasSize(0));
    }

    @Test
    void anActivationPendingApprovalIsApprovedAfterPimServiceWasKilled() throws Exception {
        String user = Tessera.createUser(admin, "Asker-" + UUID.randomUUID().toString().substring(0, 8));
        String approver = Tessera.createUser(admin, "Approver-" + UUID.randomUUID().toString().substring(0, 8));
        String role = roleNeedingApproval(approver);
        eligible(user, role);
        String requestId = activate(user, role).statusCode(201).body("status", equalTo("PendingApproval"))
                .extract().path("id");

        Restarts.crash(stack, LocalStack.PIM);

        Graph asApprover = admin.as(stack.tokenMinter().forUser(approver).sign());
        String stepId = asApprover.get(D + "roleAssignmentApprovals/" + requestId).statusCode(200)
                .body("steps[0].status", equalTo("InProgress")).extract().path("steps[0].id");
        decide(asApprover, requestId, stepId).statusCode(204);
        pra.get(D + "roleAssignmentScheduleRequests/" + requestId).statusCode(200).body("status", equalTo("Provisioned"));
        instances(user).body("value", hasSize(1)).body("value[0].roleDefinitionId", equalTo(role))
                .body("value[0].assignmentType", equalTo("Activated"));
        decide(asApprover, requestId, stepId).statusCode(409);
    }

    @Test
    void anActivationPendingApprovalTimesOutOnceWhenItsTimeoutPassedWhilePimServiceWasDown() throws Exception {
        String user = Tessera.createUser(admin, "Waiter-" + UUID.randomUUID().toString().substring(0, 8));
        String approver = Tessera.createUser(admin, "Sleeper-" + UUID.randomUUID().toString().substring(0, 8));
        String role = roleNeedingApproval(approver);
        eligible(user, role);
        String requestId = activate(user, role).statusCode(201).body("status", equalTo("PendingApproval"))
                .extract().path("id");
        Graph asApprover = admin.as(stack.tokenMinter().forUser(approver).sign());
        String stepId = asApprover.get(D + "roleAssignmentApprovals/" + requestId).statusCode(200)
                .extract().path("steps[0].id");

        try {
            // the stage times out after one day
            Restarts.crashAndWakeAhead(stack, LocalStack.PIM, Duration.ofDays(1).plusHours(1));

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> pra.get(D + "roleAssignmentScheduleRequests/" + requestId)
                    .statusCode(200).body("status", equalTo("TimedOut")).body("targetScheduleId", nullValue()));
            asApprover.get(D + "roleAssignmentApprovals/" + requestId).statusCode(200)
                    .body("steps[0].status", equalTo("Expired")).body("steps[0].reviewResult", equalTo("NotReviewed"));
            decide(asApprover, requestId, stepId).statusCode(409);
            instances(user).body("value", hasSize(0));
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertEquals(1, timeouts(user, requestId)));
        } finally {
            Restarts.backToRealTime(stack, LocalStack.PIM);
        }
        assertEquals(1, timeouts(user, requestId), "timed out once, not again after the second restart");
    }

    /**
     * Issue 17's "done when": PIM grants real rights. A user eligible for Privileged Role Administrator,
     * with a token that has no {@code wids}, is refused a PIM admin call; activates (MFA, justification: the
     * role's default policy); the same token then succeeds, within the roles view's staleness; once the
     * activation's end has passed (pim-service restarted with its clock two hours ahead) it is refused again.
     */
    @Test
    void anActivatedPrivilegedRoleAdministratorAdministersPimWithTheSameTokenUntilTheActivationEnds() throws Exception {
        String user = Tessera.createUser(admin, "Rights-" + UUID.randomUUID().toString().substring(0, 8));
        String other = Tessera.createUser(admin, "Target-" + UUID.randomUUID().toString().substring(0, 8));
        eligible(user, PRIVILEGED_ROLE_ADMINISTRATOR);
        Graph asUser = admin.as(stack.tokenMinter().forUser(user).mfa(true).sign()); // no wids, ever

        adminAssignEligibility(asUser, other).statusCode(403).body("error.code", org.hamcrest.Matchers.notNullValue());

        activate(user, PRIVILEGED_ROLE_ADMINISTRATOR).statusCode(201).body("status", equalTo("Provisioned"));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> adminAssignEligibility(asUser, other).statusCode(201));

        try {
            Restarts.crashAndWakeAhead(stack, LocalStack.PIM, Duration.ofHours(2));
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> adminAssignEligibility(asUser, other).statusCode(403));
        } finally {
            Restarts.backToRealTime(stack, LocalStack.PIM);
        }
        // back on the real clock the ended activation stays ended: nothing grants the role again
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> adminAssignEligibility(asUser, other).statusCode(403));
    }

    /** An administrator's call of PIM: make {@code principal} eligible for Groups Administrator. */
    io.restassured.response.ValidatableResponse adminAssignEligibility(Graph caller, String principal) {
        return caller.post(D + "roleEligibilityScheduleRequests", """
                {"action":"adminAssign","justification":"rota","roleDefinitionId":"%s","directoryScopeId":"/",
                 "principalId":"%s","scheduleInfo":{"expiration":{"type":"noExpiration"}}}
                """.formatted(GROUPS_ADMINISTRATOR, principal));
    }

    void eligible(String user, String role) {
        pra.post(D + "roleEligibilityScheduleRequests", """
                {"action":"adminAssign","justification":"rota","roleDefinitionId":"%s","directoryScopeId":"/",
                 "principalId":"%s","scheduleInfo":{"expiration":{"type":"noExpiration"}}}
                """.formatted(role, user)).statusCode(201);
    }

    io.restassured.response.ValidatableResponse activate(String user, String role) {
        Graph asUser = admin.as(stack.tokenMinter().forUser(user).mfa(true).sign());
        return asUser.post(D + "roleAssignmentScheduleRequests", """
                {"action":"selfActivate","principalId":"%s","roleDefinitionId":"%s","directoryScopeId":"/",
                 "justification":"incident 4711","scheduleInfo":{"expiration":{"type":"afterDuration","duration":"PT1H"}}}
                """.formatted(user, role));
    }

    io.restassured.response.ValidatableResponse instances(String user) {
        return pra.get(D + "roleAssignmentScheduleInstances", "$filter", "principalId eq '" + user + "'").statusCode(200);
    }

    /** A custom role whose policy (Approval_EndUser_Assignment) needs the approver, timing out after a day. */
    String roleNeedingApproval(String approver) {
        String role = pra.post(D + "roleDefinitions", """
                {"displayName":"Restart approval %s","isEnabled":true,
                 "rolePermissions":[{"allowedResourceActions":["microsoft.directory/groups/members/update"]}]}
                """.formatted(UUID.randomUUID())).statusCode(201).extract().path("id");
        String policy = pra.get("/v1.0/policies/roleManagementPolicyAssignments", "$filter",
                        "scopeId eq '/' and scopeType eq 'DirectoryRole' and roleDefinitionId eq '" + role + "'")
                .statusCode(200).extract().path("value[0].policyId");
        pra.call().body("""
                {"@odata.type":"#microsoft.graph.unifiedRoleManagementPolicyApprovalRule","id":"Approval_EndUser_Assignment",
                 "setting":{"isApprovalRequired":true,"isApprovalRequiredForExtension":false,"isRequestorJustificationRequired":true,
                  "approvalMode":"SingleStage","approvalStages":[{"approvalStageTimeOutInDays":1,"isApproverJustificationRequired":true,
                   "escalationTimeInMinutes":0,"isEscalationEnabled":false,"escalationApprovers":[],
                   "primaryApprovers":[{"@odata.type":"#microsoft.graph.singleUser","userId":"%s"}]}]},
                 "target":{"caller":"EndUser","operations":["All"],"level":"Assignment","inheritableSettings":[],"enforcedSettings":[]}}
                """.formatted(approver)).contentType(ContentType.JSON)
                .when().patch("/v1.0/policies/roleManagementPolicies/" + policy + "/rules/Approval_EndUser_Assignment")
                .then().statusCode(204);
        return role;
    }

    static io.restassured.response.ValidatableResponse decide(Graph approver, String requestId, String stepId) {
        return approver.call().body("{\"reviewResult\":\"Approve\",\"justification\":\"on call tonight\"}")
                .when().patch(D + "roleAssignmentApprovals/" + requestId + "/steps/" + stepId).then();
    }

    long scheduleChanges(String user, String scheduleId, String change) {
        return Events.of(stack.kafkaBootstrap(), PIM_EVENTS, SCHEDULE_CHANGED, user).stream()
                .filter(e -> scheduleId.equals(e.body().getString("scheduleId")) && change.equals(e.body().getString("change")))
                .count();
    }

    long timeouts(String user, String requestId) {
        return Events.of(stack.kafkaBootstrap(), PIM_EVENTS, APPROVAL_CHANGED, user).stream()
                .filter(e -> requestId.equals(e.body().getString("approvalId")) && "timedOut".equals(e.body().getString("change")))
                .count();
    }
}
