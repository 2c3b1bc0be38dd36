package dev.tessera.e2e;

import static dev.tessera.e2e.Tessera.EM;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The objects every cell of the matrix is called on, created through the Graph API by an
 * administrator: a user per caller kind, catalog A (with owner, package manager and assignment
 * manager) and catalog B (whose owner and reader are the "other" columns), packages with a delivered
 * assignment and a pending request of the requestor that the approver decides, directory objects,
 * PIM roles with an eligibility, an active assignment and an activation waiting for approval, and a
 * few victims for the DELETE rows. {@link #ids} maps each name to its id.
 */
final class MatrixFixtures {

    static final String RM = "/v1.0/roleManagement/directory/";
    static final String CATALOG_OWNER = "ae79f266-94d4-4dab-b730-feca7e132178";
    static final String CATALOG_READER = "44272f93-9762-48e8-af59-1b5351b1d6b3";
    static final String PACKAGE_MANAGER = "7f480852-ebdc-47d4-87de-0d8498384a83";
    static final String ASSIGNMENT_MANAGER = "e2182095-804a-4656-ae11-64734e9b7ae5";

    /** The users standing for the delegated columns (and a few more the rows need). */
    static final List<String> USERS = List.of("delegatedRolesClaim", "member", "requestor", "approver",
            "catalogReaderOther", "catalogOwnerOther", "catalogOwner", "packageManager", "assignmentManager",
            "groupsAdmin", "userAdmin", "iga", "pra", "ga", "plainUser", "victimUser", "victimRoleHolder");

    final Map<String, String> ids = new LinkedHashMap<>();
    private final Graph admin;
    private final String suffix = UUID.randomUUID().toString().substring(0, 8);

    MatrixFixtures(Graph admin) {
        this.admin = admin;
    }

    String id(String name) {
        String id = ids.get(name);
        if (id == null) {
            throw new IllegalStateException("No fixture '" + name + "'");
        }
        return id;
    }

    /** The directory users of the delegated columns, by column name. */
    Map<String, String> users() {
        Map<String, String> users = new LinkedHashMap<>();
        USERS.forEach(u -> users.put(u, id(u)));
        users.put("guest", id("guest"));
        return users;
    }

    MatrixFixtures create(MatrixCallers callers) {
        directory();
        entitlementManagement(callers);
        pim(callers);
        return this;
    }

    private void directory() {
        for (String user : USERS) {
            ids.put(user, Tessera.createUser(admin, user + "-" + suffix));
        }
        ids.put("guest", admin.post("/v1.0/users", """
                {"accountEnabled":true,"displayName":"Guest %1$s","mailNickname":"guest%1$s","userType":"Guest",
                 "mail":"guest-%1$s@fabrikam.example","userPrincipalName":"guest-%1$s_fabrikam.example#EXT#@contoso.onmicrosoft.com",
                 "passwordProfile":{"forceChangePasswordNextSignIn":true,"password":"not-stored-1!"}}
                """.formatted(suffix)).statusCode(201).extract().path("id"));
        ids.put("resourceGroup", Tessera.createGroup(admin, "Matrix resource " + suffix));
        ids.put("plainGroup", Tessera.createGroup(admin, "Matrix plain " + suffix));
        ids.put("victimGroup", Tessera.createGroup(admin, "Matrix victim " + suffix));
        ids.put("emptyGroup", Tessera.createGroup(admin, "Matrix empty " + suffix));
        admin.post("/v1.0/groups/" + id("plainGroup") + "/members/$ref", ref(id("plainUser"))).statusCode(204);
        admin.call().body(ref(id("member"))).when().put("/v1.0/users/" + id("plainUser") + "/manager/$ref")
                .then().statusCode(204);
        var sp = admin.post("/v1.0/servicePrincipals", """
                {"displayName":"Matrix app %s","appRoles":[{"displayName":"Reader","value":"Matrix.Read%s",
                 "allowedMemberTypes":["User"]}]}""".formatted(suffix, suffix.replace("-", ""))).statusCode(201).extract();
        ids.put("servicePrincipal", sp.path("id"));
        ids.put("appRoleAssignment", admin.post("/v1.0/servicePrincipals/" + id("servicePrincipal") + "/appRoleAssignedTo", """
                {"principalId":"%s","resourceId":"%s","appRoleId":"%s"}""".formatted(id("plainUser"),
                id("servicePrincipal"), sp.path("appRoles[0].id"))).statusCode(201).extract().path("id"));
        ids.put("site", admin.post("/v1.0/sites", """
                {"displayName":"Matrix %1$s","webUrl":"https://contoso.sharepoint.com/sites/matrix-%1$s"}""".formatted(suffix))
                .statusCode(201).extract().path("id"));
        admin.post("/v1.0/sites/" + id("site") + "/roles/4/members/$ref", ref(id("plainUser"))).statusCode(204);
        ids.put("administrativeUnit", admin.post("/v1.0/directory/administrativeUnits",
                "{\"displayName\":\"Matrix unit " + suffix + "\"}").statusCode(201).extract().path("id"));
        admin.post("/v1.0/directory/administrativeUnits/" + id("administrativeUnit") + "/members/$ref",
                ref(id("plainUser"))).statusCode(204);
    }

    private void entitlementManagement(MatrixCallers callers) {
        ids.put("catalogA", catalog("Matrix A " + suffix));
        ids.put("catalogB", catalog("Matrix B " + suffix));
        roleAssignment(CATALOG_OWNER, "catalogA", "catalogOwner");
        roleAssignment(PACKAGE_MANAGER, "catalogA", "packageManager");
        roleAssignment(ASSIGNMENT_MANAGER, "catalogA", "assignmentManager");
        roleAssignment(CATALOG_OWNER, "catalogB", "catalogOwnerOther");
        roleAssignment(CATALOG_READER, "catalogB", "catalogReaderOther");
        ids.put("victimRoleAssignment", roleAssignment(CATALOG_READER, "catalogA", "victimRoleHolder"));
        List<String> resource = Tessera.addGroupToCatalog(admin, id("catalogA"), id("resourceGroup"));
        ids.put("package", Tessera.createPackage(admin, id("catalogA"), "Matrix delivered " + suffix, resource.get(2),
                resource.get(1)));
        ids.put("approvalPackage", emptyPackage("Matrix approval " + suffix));
        ids.put("cancelPackage", emptyPackage("Matrix cancel " + suffix));
        ids.put("policy", Tessera.createPolicy(admin, id("package"), List.of(id("requestor"))));
        // a custom workflow extension of catalog A, bound by the approval policies (so it cannot be deleted)
        ids.put("customExtension", admin.post(EM + "/catalogs/" + id("catalogA") + "/customWorkflowExtensions", """
                {"@odata.type":"#microsoft.graph.accessPackageAssignmentWorkflowExtension","displayName":"Matrix",
                 "endpointConfiguration":{"url":"https://extension.matrix.example/hook"}}""")
                .statusCode(201).extract().path("id"));
        ids.put("approvalPolicy", approvalPolicy("approvalPackage"));
        ids.put("cancelPolicy", approvalPolicy("cancelPackage"));
        ids.put("connectedOrganization", admin.post(EM + "/connectedOrganizations", """
                {"displayName":"Matrix %1$s","identitySources":[{"@odata.type":"#microsoft.graph.domainIdentitySource",
                 "domainName":"matrix-%1$s.example","displayName":"matrix"}],"state":"configured"}""".formatted(suffix))
                .statusCode(201).extract().path("id"));
        ids.put("connectedOrganizationDomain", "matrix-" + suffix + ".example");

        Graph requestor = admin.as(callers.delegated(id("requestor"), MatrixCallers.ALL_SCOPES));
        ids.put("deliveredRequest", userAdd(requestor, "package", "policy"));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> admin.get(EM + "/assignmentRequests/"
                + id("deliveredRequest")).statusCode(200).body("state", equalTo("delivered")));
        ids.put("assignment", admin.call().queryParam("$expand", "assignment").when()
                .get(EM + "/assignmentRequests/" + id("deliveredRequest")).then().statusCode(200)
                .extract().path("assignment.id"));
        ids.put("pendingRequest", userAdd(requestor, "approvalPackage", "approvalPolicy"));
        ids.put("cancelRequest", userAdd(requestor, "cancelPackage", "cancelPolicy"));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> admin.get(EM
                + "/accessPackageAssignmentApprovals/" + id("pendingRequest") + "/stages").statusCode(200)
                .body("value.size()", equalTo(1)));
        ids.put("approvalStage", admin.get(EM + "/accessPackageAssignmentApprovals/" + id("pendingRequest") + "/stages")
                .extract().path("value[0].id"));
        ids.put("bulkJob", admin.post(EM + "/assignments/tessera.assignGroupMembers", """
                {"accessPackageId":"%s","assignmentPolicyId":"%s","groupId":"%s"}""".formatted(id("package"),
                id("policy"), id("emptyGroup"))).statusCode(202).extract().path("id"));
    }

    private void pim(MatrixCallers callers) {
        ids.put("approvalRole", customRole("approval"));
        ids.put("activeRole", customRole("active"));
        ids.put("victimRole", customRole("victim"));
        ids.put("rolePolicy", admin.get("/v1.0/policies/roleManagementPolicyAssignments", "$filter",
                "scopeId eq '/' and scopeType eq 'DirectoryRole' and roleDefinitionId eq '" + id("approvalRole") + "'")
                .statusCode(200).extract().path("value[0].policyId"));
        ids.put("rolePolicyAssignment", admin.get("/v1.0/policies/roleManagementPolicyAssignments", "$filter",
                "scopeId eq '/' and scopeType eq 'DirectoryRole' and roleDefinitionId eq '" + id("approvalRole") + "'")
                .statusCode(200).extract().path("value[0].id"));
        admin.call().body("""
                {"@odata.type":"#microsoft.graph.unifiedRoleManagementPolicyApprovalRule","id":"Approval_EndUser_Assignment",
                 "setting":{"isApprovalRequired":true,"isApprovalRequiredForExtension":false,"isRequestorJustificationRequired":true,
                  "approvalMode":"SingleStage","approvalStages":[{"approvalStageTimeOutInDays":1,"isApproverJustificationRequired":true,
                   "escalationTimeInMinutes":0,"isEscalationEnabled":false,"escalationApprovers":[],
                   "primaryApprovers":[{"@odata.type":"#microsoft.graph.singleUser","userId":"%s"}]}]},
                 "target":{"caller":"EndUser","operations":["All"],"level":"Assignment","inheritableSettings":[],"enforcedSettings":[]}}
                """.formatted(id("approver"))).when()
                .patch("/v1.0/policies/roleManagementPolicies/" + id("rolePolicy") + "/rules/Approval_EndUser_Assignment")
                .then().statusCode(204);
        ids.put("eligibilityRequest", admin.post(RM + "roleEligibilityScheduleRequests", adminAssign("approvalRole"))
                .statusCode(201).extract().path("id"));
        admin.post(RM + "roleAssignmentScheduleRequests", adminAssign("activeRole")).statusCode(201);
        ids.put("eligibilitySchedule", scheduleOf("roleEligibilitySchedules", "approvalRole"));
        ids.put("eligibilityInstance", scheduleOf("roleEligibilityScheduleInstances", "approvalRole"));
        ids.put("assignmentSchedule", scheduleOf("roleAssignmentSchedules", "activeRole"));
        ids.put("assignmentInstance", scheduleOf("roleAssignmentScheduleInstances", "activeRole"));
        // a directory role assignment of the requestor's, of a role of its own (DELETE may end it)
        ids.put("assignedRole", customRole("assigned"));
        ids.put("directoryRoleAssignment", admin.post(RM + "roleAssignments", """
                {"principalId":"%s","roleDefinitionId":"%s","directoryScopeId":"/"}
                """.formatted(id("requestor"), id("assignedRole"))).statusCode(201).extract().path("id"));
        Graph requestor = admin.as(callers.delegated(id("requestor"), MatrixCallers.ALL_SCOPES));
        ids.put("activationRequest", requestor.post(RM + "roleAssignmentScheduleRequests", """
                {"action":"selfActivate","principalId":"%s","roleDefinitionId":"%s","directoryScopeId":"/",
                 "justification":"matrix","scheduleInfo":{"startDateTime":"%s","expiration":{"type":"AfterDuration","duration":"PT1H"}}}
                """.formatted(id("requestor"), id("approvalRole"), Instant.now())).statusCode(201)
                .body("status", equalTo("PendingApproval")).extract().path("id"));
        ids.put("approvalStep", admin.get(RM + "roleAssignmentApprovals/" + id("activationRequest")).statusCode(200)
                .extract().path("steps[0].id"));
    }

    private String catalog(String name) {
        return admin.post(EM + "/catalogs", "{\"displayName\":\"" + name + "\",\"isExternallyVisible\":false}")
                .statusCode(201).extract().path("id");
    }

    private String roleAssignment(String role, String catalog, String principal) {
        return admin.post("/v1.0/roleManagement/entitlementManagement/roleAssignments", """
                {"roleDefinitionId":"%s","appScopeId":"/AccessPackageCatalog/%s","principalId":"%s"}"""
                .formatted(role, id(catalog), id(principal))).statusCode(201).extract().path("id");
    }

    private String emptyPackage(String name) {
        return admin.post(EM + "/accessPackages", """
                {"displayName":"%s","description":"matrix","isHidden":false,"catalog":{"id":"%s"}}"""
                .formatted(name, id("catalogA"))).statusCode(201).extract().path("id");
    }

    /** The requestor may ask; the approver decides, and must give a reason. */
    private String approvalPolicy(String packageName) {
        return admin.post(EM + "/assignmentPolicies", """
                {"displayName":"Matrix approval","description":"matrix","accessPackage":{"id":"%s"},
                 "expiration":{"type":"afterDuration","duration":"P30D"},
                 "allowedTargetScope":"specificDirectoryUsers",
                 "specificAllowedTargets":[{"@odata.type":"#microsoft.graph.singleUser","userId":"%s"}],
                 "requestorSettings":{"enableTargetsToSelfAddAccess":true},
                 "requestApprovalSettings":{"isApprovalRequiredForAdd":true,"isApprovalRequiredForUpdate":false,
                  "stages":[{"durationBeforeAutomaticDenial":"P7D","isApproverJustificationRequired":true,
                   "primaryApprovers":[{"@odata.type":"#microsoft.graph.singleUser","userId":"%s"}]}]},
                 "customExtensionStageSettings":[{"stage":"assignmentOneDayBeforeExpiration",
                   "customExtension":{"id":"%s"}}]}
                """.formatted(id(packageName), id("requestor"), id("approver"), id("customExtension")))
                .statusCode(201).extract().path("id");
    }

    private String userAdd(Graph requestor, String packageName, String policy) {
        return requestor.post(EM + "/assignmentRequests", """
                {"requestType":"userAdd","assignment":{"targetId":"%s","assignmentPolicyId":"%s","accessPackageId":"%s"}}
                """.formatted(id("requestor"), id(policy), id(packageName))).statusCode(201).extract().path("id");
    }

    private String customRole(String name) {
        return admin.post(RM + "roleDefinitions", """
                {"displayName":"Matrix %s %s","isEnabled":true,
                 "rolePermissions":[{"allowedResourceActions":["microsoft.directory/groups/members/update"]}]}
                """.formatted(name, suffix)).statusCode(201).extract().path("id");
    }

    private String adminAssign(String role) {
        return """
                {"action":"adminAssign","justification":"matrix","roleDefinitionId":"%s","directoryScopeId":"/",
                 "principalId":"%s","scheduleInfo":{"expiration":{"type":"noExpiration"}}}
                """.formatted(id(role), id("requestor"));
    }

    private String scheduleOf(String set, String role) {
        String filter = "principalId eq '" + id("requestor") + "' and roleDefinitionId eq '" + id(role) + "'";
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> admin.get(RM + set, "$filter", filter)
                .statusCode(200).body("value.size()", equalTo(1)));
        return admin.get(RM + set, "$filter", filter).extract().path("value[0].id");
    }

    static String ref(String objectId) {
        return "{\"@odata.id\":\"https://graph.microsoft.com/v1.0/directoryObjects/" + objectId + "\"}";
    }
}
