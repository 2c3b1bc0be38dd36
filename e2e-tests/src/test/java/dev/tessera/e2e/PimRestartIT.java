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

    /**
     * One kill -9 of pim-service while a scheduled start waits (20 s ahead) and an activation waits for its
     * approver: the start fires once after the restart, and the approver decides as before.
     */
    @Test
    void aScheduledStartAndAPendingApprovalSurviveAKilledPimService() throws Exception {
        // a start 20 s ahead
        String onCall = Tessera.createUser(admin, "OnCall-" + UUID.randomUUID().toString().substring(0, 8));
        Instant start = Instant.now().plusSeconds(20).truncatedTo(ChronoUnit.SECONDS);
        String scheduled = pra.post(D + "roleAssignmentScheduleRequests", """
                {"action":"adminAssign","justification":"night shift","roleDefinitionId":"%s","directoryScopeId":"/",
                 "principalId":"%s","scheduleInfo":{"startDateTime":"%s","expiration":{"type":"afterDuration","duration":"PT8H"}}}
                """.formatted(GROUPS_ADMINISTRATOR, onCall, start))
                .statusCode(201).body("status", equalTo("Granted")).extract().path("id");
        // an activation waiting for its approver
        String asker = Tessera.createUser(admin, "Asker-" + UUID.randomUUID().toString().substring(0, 8));
        String approver = Tessera.createUser(admin, "Approver-" + UUID.randomUUID().toString().substring(0, 8));
        String role = roleNeedingApproval(approver);
        eligible(asker, role);
        String pending = activate(asker, role).statusCode(201).body("status", equalTo("PendingApproval"))
                .extract().path("id");

        Restarts.crash(stack, LocalStack.PIM);

        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> pra.get(D + "roleAssignmentScheduleRequests/" + scheduled)
                .statusCode(200).body("status", equalTo("Provisioned")));
        pra.get(D + "roleAssignmentScheduleInstances", "$filter", "principalId eq '" + onCall + "'")
                .statusCode(200).body("value", hasSize(1))
                .body("value[0].roleDefinitionId", equalTo(GROUPS_ADMINISTRATOR))
                .body("value[0].startDateTime", equalTo(start.toString()));

        Graph asApprover = admin.as(stack.tokenMinter().forUser(approver).sign());
        String stepId = asApprover.get(D + "roleAssignmentApprovals/" + pending).statusCode(200)
                .body("steps[0].status", equalTo("InProgress")).extract().path("steps[0].id");
        decide(asApprover, pending, stepId).statusCode(204);
        pra.get(D + "roleAssignmentScheduleRequests/" + pending).statusCode(200).body("status", equalTo("Provisioned"));
        instances(asker).body("value", hasSize(1)).body("value[0].roleDefinitionId", equalTo(role))
                .body("value[0].assignmentType", equalTo("Activated"));
        decide(asApprover, pending, stepId).statusCode(409);
    }

    /**
     * One kill -9 of pim-service, restarted with its clock a day and an hour ahead, while three timers wait:
     * an activation's end (1 h), a PIM approval's timeout (1 day), and the end of a Privileged Role
     * Administrator activation that gave a user real rights (issue 17's "done when": the same token, with no
     * {@code wids}, is refused, then allowed while the activation lasts, then refused once it has ended).
     * Each timer fires once after the restart and not again after the next one (back on the real clock).
     */
    @Test
    void timersThatCameDueWhilePimServiceWasDownFireOnceAfterTheRestart() throws Exception {
        // an activation (1 h) of an eligibility
        String activator = Tessera.createUser(admin, "Activator-" + UUID.randomUUID().toString().substring(0, 8));
        eligible(activator, GROUPS_ADMINISTRATOR);
        String scheduleId = activate(activator, GROUPS_ADMINISTRATOR).statusCode(201)
                .body("status", equalTo("Provisioned")).extract().path("targetScheduleId");
        instances(activator).body("value", hasSize(1)).body("value[0].assignmentType", equalTo("Activated"));
        // an activation waiting for an approver who never answers (the stage times out after one day)
        String waiter = Tessera.createUser(admin, "Waiter-" + UUID.randomUUID().toString().substring(0, 8));
        String sleeper = Tessera.createUser(admin, "Sleeper-" + UUID.randomUUID().toString().substring(0, 8));
        String role = roleNeedingApproval(sleeper);
        eligible(waiter, role);
        String requestId = activate(waiter, role).statusCode(201).body("status", equalTo("PendingApproval"))
                .extract().path("id");
        Graph asSleeper = admin.as(stack.tokenMinter().forUser(sleeper).sign());
        String stepId = asSleeper.get(D + "roleAssignmentApprovals/" + requestId).statusCode(200)
                .extract().path("steps[0].id");
        // PIM grants real rights: an activated Privileged Role Administrator administers PIM with the same token
        String rights = Tessera.createUser(admin, "Rights-" + UUID.randomUUID().toString().substring(0, 8));
        String other = Tessera.createUser(admin, "Target-" + UUID.randomUUID().toString().substring(0, 8));
        eligible(rights, PRIVILEGED_ROLE_ADMINISTRATOR);
        Graph asRights = admin.as(stack.tokenMinter().forUser(rights).mfa(true).sign()); // no wids, ever
        adminAssignEligibility(asRights, other).statusCode(403).body("error.code", org.hamcrest.Matchers.notNullValue());
        activate(rights, PRIVILEGED_ROLE_ADMINISTRATOR).statusCode(201).body("status", equalTo("Provisioned"));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> adminAssignEligibility(asRights, other).statusCode(201));

        try {
            Restarts.crashAndWakeAhead(stack, LocalStack.PIM, Duration.ofDays(1).plusHours(1));

            // the activation ended by its timer; the eligibility it came from is untouched
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> instances(activator).body("value", hasSize(0)));
            pra.get(D + "roleAssignmentSchedules", "$filter", "principalId eq '" + activator + "'")
                    .statusCode(200).body("value", hasSize(0));
            pra.get(D + "roleEligibilityScheduleInstances", "$filter", "principalId eq '" + activator + "'")
                    .statusCode(200).body("value", hasSize(1));
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertEquals(1, scheduleChanges(activator, scheduleId, "expired")));
            assertEquals(0, scheduleChanges(activator, scheduleId, "removed"), "ended by its timer, not removed");
            // the approval timed out
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> pra.get(D + "roleAssignmentScheduleRequests/" + requestId)
                    .statusCode(200).body("status", equalTo("TimedOut")).body("targetScheduleId", nullValue()));
            asSleeper.get(D + "roleAssignmentApprovals/" + requestId).statusCode(200)
                    .body("steps[0].status", equalTo("Expired")).body("steps[0].reviewResult", equalTo("NotReviewed"));
            decide(asSleeper, requestId, stepId).statusCode(409);
            instances(waiter).body("value", hasSize(0));
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertEquals(1, timeouts(waiter, requestId)));
            // the Privileged Role Administrator's rights ended with the activation
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> adminAssignEligibility(asRights, other).statusCode(403));
        } finally {
            Restarts.backToRealTime(stack, LocalStack.PIM);
        }
        assertEquals(1, scheduleChanges(activator, scheduleId, "expired"), "the end fired once, not again after the second restart");
        instances(activator).body("value", hasSize(0));
        assertEquals(1, timeouts(waiter, requestId), "timed out once, not again after the second restart");
        // back on the real clock the ended activation stays ended: nothing grants the role again
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> adminAssignEligibility(asRights, other).statusCode(403));
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
