package dev.tessera.e2e;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.tessera.devstack.LocalStack;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Microsoft's beta PowerShell "Marketing Campaign" tutorial (issue 18), over the gateway against the whole
 * running system: every Microsoft.Graph.Beta cmdlet in the tutorial's order, with the JSON body the module
 * builds from its parameters and the tutorial's filters as written, checking what the tutorial's sample output
 * shows. Only the base URL ({@code /beta}) and the token differ from Microsoft Graph. The users and the group
 * are made with the v1.0 cmdlets, as in the tutorial.
 */
@ExtendWith(StackExtension.class)
class BetaTutorialIT {

    static final String BETA = "/beta/identityGovernance/entitlementManagement";

    LocalStack stack;
    Graph admin;

    @BeforeEach
    void connect() throws Exception {
        stack = StackExtension.stack();
        admin = Tessera.admin(stack);
    }

    String context(String tail) {
        return stack.gatewayUrl() + "/beta/$metadata#identityGovernance/entitlementManagement/" + tail;
    }

    @Test
    void theBetaTutorialRunsAsWritten() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        // Step 1 (v1.0 cmdlets): New-MgUser, New-MgGroup
        String user = Tessera.createUser(admin, "Requestor1-" + suffix);
        String groupName = "Marketing resources " + suffix;
        String group = Tessera.createGroup(admin, groupName);

        // Get-MgBetaEntitlementManagementAccessPackageCatalog -Filter "DisplayName eq 'General'"
        String catalog = admin.get(BETA + "/accessPackageCatalogs", "$filter", "DisplayName eq 'General'")
                .statusCode(200)
                .body("'@odata.context'", equalTo(context("accessPackageCatalogs")))
                .body("value", hasSize(1))
                .body("value[0].displayName", equalTo("General"))
                .body("value[0].catalogType", equalTo("ServiceDefault"))
                .body("value[0].catalogStatus", equalTo("Published"))
                .body("value[0].id", notNullValue())
                .extract().path("value[0].id");

        // New-MgBetaEntitlementManagementAccessPackageResourceRequest -CatalogId … -RequestType "AdminAdd"
        //   -AccessPackageResource @{ "originSystem" = "AadGroup "; OriginId = … }
        admin.post(BETA + "/accessPackageResourceRequests", """
                {"catalogId":"%s","requestType":"AdminAdd","accessPackageResource":{"originSystem":"AadGroup ","originId":"%s"}}"""
                .formatted(catalog, group))
                .statusCode(201)
                .body("'@odata.context'", equalTo(context("accessPackageResourceRequests/$entity")))
                .body("catalogId", equalTo(catalog))
                .body("requestType", equalTo("AdminAdd"))
                .body("requestState", equalTo("Delivered"))
                .body("requestStatus", equalTo("Fulfilled"))
                .body("executeImmediately", equalTo(false));

        // Get-MgBetaEntitlementManagementAccessPackageCatalogAccessPackageResource -AccessPackageCatalogId …
        //   -Filter "DisplayName eq 'Marketing resources'"
        String resource = admin.get(BETA + "/accessPackageCatalogs/" + catalog + "/accessPackageResources",
                        "$filter", "DisplayName eq '" + groupName + "'")
                .statusCode(200)
                .body("value", hasSize(1))
                .body("value[0].displayName", equalTo(groupName))
                .body("value[0].originId", equalTo(group))
                .body("value[0].originSystem", equalTo("AadGroup"))
                .body("value[0].resourceType", equalTo("Security Group"))
                .body("value[0].isPendingOnboarding", equalTo(false))
                .extract().path("value[0].id");

        // Get-MgBetaEntitlementManagementAccessPackageCatalogAccessPackageResourceRole -AccessPackageCatalogId …
        //   -Filter "originSystem eq 'AadGroup' and accessPackageResource/id eq '…' and DisplayName eq 'Member'"
        admin.get(BETA + "/accessPackageCatalogs/" + catalog + "/accessPackageResourceRoles", "$filter",
                        "originSystem eq 'AadGroup' and accessPackageResource/id eq '" + resource
                                + "' and DisplayName eq 'Member'")
                .statusCode(200)
                .body("value", hasSize(1))
                .body("value[0].displayName", equalTo("Member"))
                .body("value[0].originId", equalTo("Member_" + group))
                .body("value[0].originSystem", equalTo("AadGroup"));

        // New-MgBetaEntitlementManagementAccessPackage -CatalogId … -DisplayName 'Marketing Campaign'
        String accessPackage = admin.post(BETA + "/accessPackages", """
                {"catalogId":"%s","displayName":"Marketing Campaign %s"}""".formatted(catalog, suffix))
                .statusCode(201)
                .body("'@odata.context'", equalTo(context("accessPackages/$entity")))
                .body("catalogId", equalTo(catalog))
                .body("displayName", equalTo("Marketing Campaign " + suffix))
                .body("isHidden", equalTo(false))
                .body("isRoleScopesVisible", equalTo(false))
                .extract().path("id");

        // New-MgBetaEntitlementManagementAccessPackageResourceRoleScope -AccessPackageId …
        //   -AccessPackageResourceRole $accessPackageResourceRole -AccessPackageResourceScope $accessPackageResourceScope
        admin.post(BETA + "/accessPackages/" + accessPackage + "/accessPackageResourceRoleScopes", """
                {"accessPackageResourceRole":{"originId":"Member_%s","displayName":"Member","originSystem":"AadGroup",
                   "accessPackageResource":{"id":"%s","resourceType":"Security Group","originId":"%s","originSystem":"AadGroup"}},
                 "accessPackageResourceScope":{"originId":"%s","originSystem":"AadGroup"}}"""
                .formatted(group, resource, group, group))
                .statusCode(201)
                .body("'@odata.context'", equalTo(context("accessPackages('" + accessPackage
                        + "')/accessPackageResourceRoleScopes/$entity")))
                .body("id", notNullValue())
                .body("createdDateTime", notNullValue());

        // New-MgBetaEntitlementManagementAccessPackageAssignmentPolicy -AccessPackageId … -DisplayName 'Specific users'
        //   -Description … -DurationInDays 30 -RequestorSettings $requestorSettings -RequestApprovalSettings $…
        String policy = admin.post(BETA + "/accessPackageAssignmentPolicies", """
                {"accessPackageId":"%s","displayName":"Specific users","description":"Specific users can request assignment",
                 "durationInDays":30,
                 "requestorSettings":{"scopeType":"SpecificDirectorySubjects","acceptRequests":true,
                   "allowedRequestors":[{"@odata.type":"#microsoft.graph.singleUser","isBackup":false,"id":"%s",
                                         "description":"Requestor1"}]},
                 "requestApprovalSettings":{"isApprovalRequired":false,"isApprovalRequiredForExtension":false,
                   "isRequestorJustificationRequired":false,"approvalMode":"NoApproval","approvalStages":"[]"}}"""
                .formatted(accessPackage, user))
                .statusCode(201)
                .body("'@odata.context'", equalTo(context("accessPackageAssignmentPolicies/$entity")))
                .body("accessPackageId", equalTo(accessPackage))
                .body("displayName", equalTo("Specific users"))
                .body("description", equalTo("Specific users can request assignment"))
                .body("durationInDays", equalTo(30))
                .body("canExtend", equalTo(true))
                .body("requestorSettings.scopeType", equalTo("SpecificDirectorySubjects"))
                .body("requestorSettings.acceptRequests", equalTo(true))
                .body("requestorSettings.allowedRequestors[0].id", equalTo(user))
                .body("requestApprovalSettings.isApprovalRequired", equalTo(false))
                .body("requestApprovalSettings.approvalMode", equalTo("NoApproval"))
                .extract().path("id");

        // Step 3, as Requestor1: New-MgBetaEntitlementManagementAccessPackageAssignmentRequest -RequestType 'UserAdd'
        //   -AccessPackageId … -AssignmentPolicyId … -TargetId …
        Graph requestor = admin.as(stack.tokenMinter().forUser(user).sign());
        String request = requestor.post(BETA + "/accessPackageAssignmentRequests", """
                {"requestType":"UserAdd","accessPackageId":"%s","assignmentPolicyId":"%s","targetId":"%s"}"""
                .formatted(accessPackage, policy, user))
                .statusCode(201)
                .body("'@odata.context'", equalTo(context("accessPackageAssignmentRequests/$entity")))
                .body("id", notNullValue())
                .body("requestType", equalTo("UserAdd"))
                .body("requestState", equalTo("Submitted"))
                .body("requestStatus", equalTo("Accepted"))
                .body("isValidationOnly", equalTo(false))
                .body("completedDate", nullValue())
                .extract().path("id");

        // Step 4, as the administrator: Get-MgBetaEntitlementManagementAccessPackageAssignmentRequest
        //   -AccessPackageAssignmentRequestId …  (Delivered, Fulfilled)
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> admin.get(BETA + "/accessPackageAssignmentRequests/"
                        + request)
                .statusCode(200)
                .body("'@odata.context'", equalTo(context("accessPackageAssignmentRequests/$entity")))
                .body("id", equalTo(request))
                .body("requestType", equalTo("UserAdd"))
                .body("requestState", equalTo("Delivered"))
                .body("requestStatus", startsWith("Fulfilled"))
                .body("completedDate", notNullValue())
                .body("createdDateTime", notNullValue())
                .body("isValidationOnly", equalTo(false))
                .body("answers", hasSize(0)));

        // Get-MgBetaEntitlementManagementAccessPackageAssignment -Filter "(AccessPackageAssignmentPolicy/Id eq '…')"
        String assignment = admin.get(BETA + "/accessPackageAssignments", "$filter",
                        "(AccessPackageAssignmentPolicy/Id eq '" + policy + "')")
                .statusCode(200)
                .body("'@odata.context'", equalTo(context("accessPackageAssignments")))
                .body("value", hasSize(1))
                .body("value[0].accessPackageId", equalTo(accessPackage))
                .body("value[0].assignmentPolicyId", equalTo(policy))
                .body("value[0].assignmentState", equalTo("Delivered"))
                .body("value[0].assignmentStatus", equalTo("Delivered"))
                .body("value[0].catalogId", equalTo(catalog))
                .body("value[0].expiredDateTime", nullValue())
                .body("value[0].isExtended", equalTo(false))
                .body("value[0].targetId", equalTo(user))
                .body("value[0].schedule", notNullValue())
                .extract().path("value[0].id");

        // Get-MgGroupMember (v1.0)
        admin.get("/v1.0/groups/" + group + "/members").statusCode(200).body("value.id", hasItem(user));

        // Step 5: New-MgBetaEntitlementManagementAccessPackageAssignmentRequest -RequestType 'AdminRemove'
        //   -AccessPackageAssignmentId …
        admin.post(BETA + "/accessPackageAssignmentRequests", """
                {"requestType":"AdminRemove","accessPackageAssignmentId":"%s"}""".formatted(assignment))
                .statusCode(201)
                .body("id", notNullValue())
                .body("requestType", equalTo("AdminRemove"))
                .body("requestState", equalTo("Submitted"))
                .body("requestStatus", equalTo("Accepted"))
                .body("isValidationOnly", equalTo(false));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                admin.get("/v1.0/groups/" + group + "/members").statusCode(200).body("value.id", not(hasItem(user))));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> admin.get(BETA + "/accessPackageAssignments/"
                        + assignment)
                .statusCode(200).body("assignmentState", equalTo("Expired")).body("expiredDateTime", notNullValue()));

        // Remove-MgBetaEntitlementManagementAccessPackageAssignmentPolicy, Remove-MgBetaEntitlementManagementAccessPackage
        admin.call().when().delete(BETA + "/accessPackageAssignmentPolicies/" + policy).then().statusCode(204);
        admin.call().when().delete(BETA + "/accessPackages/" + accessPackage).then().statusCode(204);
        admin.get(BETA + "/accessPackages/" + accessPackage).statusCode(404).body("error.code", notNullValue());
        admin.get(Tessera.EM + "/accessPackages/" + accessPackage).statusCode(404);
    }

    @Test
    void aBetaPathTesseraDoesNotServeIsAGraph404NamingIt() {
        admin.get("/beta/identityGovernance/entitlementManagement/accessPackageAssignmentResourceRoles")
                .statusCode(404)
                .body("error.code", notNullValue())
                .body("error.message", org.hamcrest.Matchers.containsString("accessPackageAssignmentResourceRoles"));
    }
}
