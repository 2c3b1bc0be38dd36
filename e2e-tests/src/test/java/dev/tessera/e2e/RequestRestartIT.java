package dev.tessera.e2e;

import static dev.tessera.e2e.Tessera.EM;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tessera.devstack.LocalStack;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * kill -9 of request-service while requests wait for approvers, assignments wait for their end and
 * stages wait for their automatic denial: approvals and timers live in PostgreSQL, so after the
 * restart approvers decide as before, and each timer fires once — with the membership following
 * through provisioning-service. Day-long timers are brought due by restarting request-service with
 * its clock moved ahead ({@link Restarts}).
 */
@ExtendWith(StackExtension.class)
class RequestRestartIT {

    static final String APPROVALS = EM + "/accessPackageAssignmentApprovals";
    static final String ASSIGNMENT_EVENTS = "tessera.assignment.events";
    static final String ASSIGNMENT_REMOVED = "tessera.assignment.removed.v1";

    LocalStack stack;
    Graph admin;
    String suffix;
    String group;
    String accessPackage;

    @BeforeEach
    void connect() throws Exception {
        stack = StackExtension.stack();
        admin = new Graph(stack.gatewayUrl(), stack.tokenMinter().forUser(Tessera.ADMIN)
                .role("Identity Governance Administrator")
                .role("User Administrator").sign());
        suffix = UUID.randomUUID().toString().substring(0, 8);
        group = Tessera.createGroup(admin, "Restart group " + suffix);
        String catalog = Tessera.generalCatalog(admin);
        List<String> resource = Tessera.addGroupToCatalog(admin, catalog, group);
        accessPackage = Tessera.createPackage(admin, catalog, "Restart package " + suffix, resource.get(2), resource.get(1));
    }

    @Test
    void aRequestPendingApprovalIsApprovedAfterRequestServiceWasKilledAndDelivered() throws Exception {
        String user = Tessera.createUser(admin, "Asker-" + suffix);
        String approver = Tessera.createUser(admin, "Approver-" + suffix);
        String policy = policyWithApproval(user, approver);
        String request = userAdd(user, policy);

        Restarts.crash(stack, LocalStack.REQUEST);

        Graph asApprover = admin.as(stack.tokenMinter().forUser(approver).sign());
        String stage = currentStage(asApprover, request);
        decide(asApprover, request, stage).statusCode(204);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> admin.get(EM + "/assignmentRequests/" + request)
                .statusCode(200).body("state", equalTo("delivered")));
        admin.get(EM + "/assignments", "$filter", "target/objectId eq '" + user + "' and accessPackage/id eq '" + accessPackage + "'")
                .statusCode(200).body("value", hasSize(1)).body("value[0].state", equalTo("delivered"));
        admin.get("/v1.0/groups/" + group + "/members").statusCode(200).body("value.id", hasItem(user));
        decide(asApprover, request, stage).statusCode(409);
    }

    @Test
    void anAssignmentWhoseEndPassedWhileRequestServiceWasDownExpiresOnceAndTheMembershipGoes() throws Exception {
        String user = Tessera.createUser(admin, "Temp-" + suffix);
        String policy = policy(user, "P1D", "{\"isApprovalRequiredForAdd\":false,\"isApprovalRequiredForUpdate\":false,\"stages\":[]}");
        String request = admin.post(EM + "/assignmentRequests", """
                {"requestType":"adminAdd","assignment":{"targetId":"%s","assignmentPolicyId":"%s","accessPackageId":"%s"}}
                """.formatted(user, policy, accessPackage)).statusCode(201).extract().path("id");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> admin.get(EM + "/assignmentRequests/" + request)
                .statusCode(200).body("state", equalTo("delivered")));
        String assignment = admin.get(EM + "/assignments", "$filter", "target/objectId eq '" + user + "'")
                .statusCode(200).body("value", hasSize(1)).body("value[0].state", equalTo("delivered"))
                .extract().path("value[0].id");
        admin.get("/v1.0/groups/" + group + "/members").statusCode(200).body("value.id", hasItem(user));

        try {
            Restarts.crashAndWakeAhead(stack, LocalStack.REQUEST, Duration.ofDays(1).plusHours(1));

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> admin.get(EM + "/assignments/" + assignment)
                    .statusCode(200).body("state", equalTo("expired")));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    admin.get("/v1.0/groups/" + group + "/members").statusCode(200).body("value.id", not(hasItem(user))));
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertEquals(1, removals(assignment)));
        } finally {
            Restarts.backToRealTime(stack, LocalStack.REQUEST);
        }
        assertEquals(1, removals(assignment), "expired once, not again after the second restart");
        admin.get(EM + "/assignments/" + assignment).statusCode(200).body("state", equalTo("expired"));
    }

    @Test
    void aStageUndecidedPastItsAutomaticDenialWhileRequestServiceWasDownIsDenied() throws Exception {
        String user = Tessera.createUser(admin, "Forgotten-" + suffix);
        String approver = Tessera.createUser(admin, "Absent-" + suffix);
        String policy = policyWithApproval(user, approver);
        String request = userAdd(user, policy);
        Graph asApprover = admin.as(stack.tokenMinter().forUser(approver).sign());
        String stage = currentStage(asApprover, request);

        try {
            // the stage denies automatically after one day
            Restarts.crashAndWakeAhead(stack, LocalStack.REQUEST, Duration.ofDays(1).plusHours(1));

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> admin.get(EM + "/assignmentRequests/" + request)
                    .statusCode(200).body("state", equalTo("denied")).body("status", equalTo("Denied")));
            admin.get(APPROVALS + "/" + request).statusCode(200).body("stages[0].status", equalTo("Expired"));
            decide(asApprover, request, stage).statusCode(409);
        } finally {
            Restarts.backToRealTime(stack, LocalStack.REQUEST);
        }
        admin.get(EM + "/assignmentRequests/" + request).statusCode(200).body("state", equalTo("denied"));
        admin.get(EM + "/assignments", "$filter", "target/objectId eq '" + user + "'").statusCode(200).body("value", hasSize(0));
        admin.get("/v1.0/groups/" + group + "/members").statusCode(200).body("value.id", not(hasItem(user)));
    }

    /** The user may ask for the package; one stage, the approver, denied automatically after a day. */
    String policyWithApproval(String user, String approver) {
        return policy(user, "P30D", """
                {"isApprovalRequiredForAdd":true,"isApprovalRequiredForUpdate":false,"stages":[
                 {"durationBeforeAutomaticDenial":"P1D","isApproverJustificationRequired":false,"isEscalationEnabled":false,
                  "primaryApprovers":[{"@odata.type":"#microsoft.graph.singleUser","userId":"%s"}]}]}""".formatted(approver));
    }

    String policy(String user, String duration, String approvalSettings) {
        return admin.post(EM + "/assignmentPolicies", """
                {"displayName":"Restart %s","description":"restart test","accessPackage":{"id":"%s"},
                 "expiration":{"type":"afterDuration","duration":"%s"},
                 "allowedTargetScope":"specificDirectoryUsers",
                 "specificAllowedTargets":[{"@odata.type":"#microsoft.graph.singleUser","userId":"%s"}],
                 "requestorSettings":{"enableTargetsToSelfAddAccess":true},
                 "requestApprovalSettings":%s}
                """.formatted(suffix, accessPackage, duration, user, approvalSettings)).statusCode(201).extract().path("id");
    }

    String userAdd(String user, String policy) {
        return admin.as(stack.tokenMinter().forUser(user).sign()).post(EM + "/assignmentRequests", """
                {"requestType":"userAdd","justification":"quarter close",
                 "assignment":{"targetId":"%s","assignmentPolicyId":"%s","accessPackageId":"%s"}}
                """.formatted(user, policy, accessPackage))
                .statusCode(201).body("state", equalTo("pendingApproval")).extract().path("id");
    }

    static String currentStage(Graph approver, String request) {
        return approver.get(APPROVALS + "/filterByCurrentUser(on='approver')").statusCode(200)
                .body("value.id", hasItem(request))
                .extract().path("value.find { it.id == '" + request + "' }.stages.find { it.status == 'InProgress' }.id");
    }

    static ValidatableResponse decide(Graph approver, String request, String stage) {
        return approver.call().body("{\"reviewResult\":\"Approve\",\"justification\":\"needed for the close\"}")
                .when().patch(APPROVALS + "/" + request + "/stages/" + stage).then();
    }

    long removals(String assignment) {
        return Events.of(stack.kafkaBootstrap(), ASSIGNMENT_EVENTS, ASSIGNMENT_REMOVED, assignment).size();
    }
}
