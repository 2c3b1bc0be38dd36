package dev.tessera.e2e;

import static dev.tessera.e2e.Tessera.EM;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import dev.tessera.devstack.LocalStack;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Lifecycle workflows over the gateway against the whole system: a joiner workflow on employeeHireDate
 * assigns a package on the person's first day, and a leaver workflow on employeeLeaveDateTime removes all
 * their packages and disables them on their last — reached by restarting provisioning-service with its
 * clock a day ahead ({@link Restarts}), so its daily evaluation is due and finds the leaver.
 */
@ExtendWith(StackExtension.class)
class LifecycleWorkflowsIT {

    static final String WORKFLOWS = "/v1.0/identityGovernance/lifecycleWorkflows/workflows";

    LocalStack stack;
    Graph admin;
    Graph lifecycleAdmin;
    String suffix;

    @BeforeEach
    void connect() throws Exception {
        stack = StackExtension.stack();
        admin = Tessera.admin(stack);
        lifecycleAdmin = admin.as(stack.tokenMinter().forUser(UUID.randomUUID().toString())
                .role("Lifecycle Workflows Administrator").sign());
        suffix = UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aJoinerGetsThePackageOnTheirFirstDayAndALeaverLosesEverythingOnTheirLast() throws Exception {
        String department = "Lcw " + suffix;
        String group = Tessera.createGroup(admin, "Lcw tools " + suffix);
        String catalog = Tessera.generalCatalog(admin);
        List<String> resource = Tessera.addGroupToCatalog(admin, catalog, group);
        String accessPackage = Tessera.createPackage(admin, catalog, "Lcw tools " + suffix, resource.get(2), resource.get(1));
        String policy = admin.post(EM + "/assignmentPolicies", """
                {"displayName":"Lifecycle %s","description":"Administrators assign","accessPackage":{"id":"%s"},
                 "allowedTargetScope":"notSpecified","expiration":{"type":"noExpiration"},
                 "requestApprovalSettings":{"isApprovalRequiredForAdd":false,"isApprovalRequiredForUpdate":false,"stages":[]}}
                """.formatted(suffix, accessPackage)).statusCode(201).extract().path("id");

        String name = "joiner-" + suffix;
        String user = admin.post("/v1.0/users", """
                {"accountEnabled":true,"displayName":"%s","mailNickname":"%s","userPrincipalName":"%s@contoso.onmicrosoft.com",
                 "department":"%s","employeeHireDate":"%s","employeeLeaveDateTime":"%s"}
                """.formatted(name, name, name, department, Instant.now(), Instant.now().plus(Duration.ofDays(1))))
                .statusCode(201).extract().path("id");

        String joiner = workflow("joiner", "employeeHireDate", department, """
                [{"displayName":"Request the tools","taskDefinitionId":"c1ec1e76-f374-4375-aaa6-0bb6bd4c60be",
                  "arguments":[{"name":"accessPackageId","value":"%s"},{"name":"assignmentPolicyId","value":"%s"}]}]
                """.formatted(accessPackage, policy));
        String leaver = workflow("leaver", "employeeLeaveDateTime", department, """
                [{"displayName":"Remove all packages","taskDefinitionId":"42ae2956-193d-4f39-be06-691b8ac4fa1d"},
                 {"displayName":"Disable","taskDefinitionId":"1dfdfcc7-52fa-4c2e-bf3a-e3919cc12950"}]""");

        // the first day: evaluated when the workflow is made (and daily after), the package is requested and delivered
        awaitRun(joiner, "completed");
        lifecycleAdmin.get(WORKFLOWS + "/" + joiner + "/userProcessingResults").statusCode(200)
                .body("value", hasSize(1)).body("value[0].subject.id", equalTo(user))
                .body("value[0].workflowExecutionType", equalTo("scheduled"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                admin.get("/v1.0/groups/" + group + "/members").statusCode(200).body("value.id", hasItem(user)));
        admin.get(EM + "/assignmentRequests", "$filter", "accessPackage/id eq '" + accessPackage + "'").statusCode(200)
                .body("value.justification", hasItem("Lifecycle workflow " + suffix + " joiner"));
        // not their last day yet: the leaver workflow has run for nobody
        lifecycleAdmin.get(WORKFLOWS + "/" + leaver + "/runs").statusCode(200).body("value", hasSize(0));

        // the last day: provisioning-service wakes a day (and an hour) later; its daily evaluation is due
        Restarts.crashAndWakeAhead(stack, LocalStack.PROVISIONING, Duration.ofHours(25));
        try {
            awaitRun(leaver, "completed");
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    admin.get("/v1.0/groups/" + group + "/members").statusCode(200).body("value.id", not(hasItem(user))));
            admin.get("/v1.0/users/" + user).statusCode(200).body("accountEnabled", equalTo(false));
            admin.get(EM + "/assignmentRequests", "$filter", "accessPackage/id eq '" + accessPackage + "'").statusCode(200)
                    .body("value.requestType", hasItem("adminRemove"));
            String result = lifecycleAdmin.get(WORKFLOWS + "/" + leaver + "/userProcessingResults").statusCode(200)
                    .body("value", hasSize(1)).body("value[0].subject.id", equalTo(user))
                    .extract().path("value[0].id");
            lifecycleAdmin.get(WORKFLOWS + "/" + leaver + "/userProcessingResults/" + result + "/taskProcessingResults")
                    .statusCode(200).body("value.processingStatus", equalTo(List.of("completed", "completed")))
                    .body("value[0].accessPackageAssignmentRequestIds", hasSize(1));
            // the joiner workflow does not process them again
            lifecycleAdmin.get(WORKFLOWS + "/" + joiner + "/runs").statusCode(200).body("value", hasSize(1));
        } finally {
            Restarts.backToRealTime(stack, LocalStack.PROVISIONING);
        }
    }

    private String workflow(String category, String attribute, String department, String tasks) {
        return lifecycleAdmin.post(WORKFLOWS, """
                {"category":"%s","displayName":"%s %s","isEnabled":true,"isSchedulingEnabled":true,
                 "executionConditions":{"@odata.type":"#microsoft.graph.identityGovernance.triggerAndScopeBasedConditions",
                   "scope":{"@odata.type":"#microsoft.graph.identityGovernance.ruleBasedSubjectSet",
                            "rule":"(user.department -eq \\"%s\\")"},
                   "trigger":{"@odata.type":"#microsoft.graph.identityGovernance.timeBasedAttributeTrigger",
                              "timeBasedAttribute":"%s","offsetInDays":0}},
                 "tasks":%s}
                """.formatted(category, suffix, category, department, attribute, tasks))
                .statusCode(201).extract().path("id");
    }

    private void awaitRun(String workflow, String status) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                lifecycleAdmin.get(WORKFLOWS + "/" + workflow + "/runs").statusCode(200)
                        .body("value", hasSize(1)).body("value[0].processingStatus", equalTo(status)));
    }
}
