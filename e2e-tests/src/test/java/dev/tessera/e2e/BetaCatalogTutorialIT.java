package dev.tessera.e2e;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import dev.tessera.devstack.LocalStack;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The catalog half of the beta PowerShell "Marketing Campaign" tutorial over the gateway, as the
 * Microsoft.Graph.Beta module sends it (docs/beta.md): routing of /beta and links on the gateway's URL.
 * The request half (accessPackageAssignmentRequests, accessPackageAssignments) is request-service's.
 */
@ExtendWith(StackExtension.class)
class BetaCatalogTutorialIT {

    static final String BETA = "/beta/identityGovernance/entitlementManagement";

    LocalStack stack;
    Graph admin;

    @BeforeEach
    void connect() throws Exception {
        stack = StackExtension.stack();
        admin = Tessera.admin(stack);
    }

    @Test
    void theTutorialsCatalogCmdletsRunThroughTheGatewayAsWritten() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String user = Tessera.createUser(admin, "Requestor1-" + suffix);
        String groupName = "Marketing resources " + suffix;
        String group = Tessera.createGroup(admin, groupName);

        String catalog = admin.get(BETA + "/accessPackageCatalogs", "$filter", "DisplayName eq 'General'")
                .statusCode(200).body("value", hasSize(1))
                .body("'@odata.context'", equalTo(stack.gatewayUrl()
                        + "/beta/$metadata#identityGovernance/entitlementManagement/accessPackageCatalogs"))
                .body("value[0].catalogType", equalTo("ServiceDefault"))
                .body("value[0].catalogStatus", equalTo("Published"))
                .extract().path("value[0].id");

        admin.post(BETA + "/accessPackageResourceRequests", """
                {"catalogId":"%s","requestType":"AdminAdd","accessPackageResource":{"originSystem":"AadGroup ","OriginId":"%s"}}"""
                        .formatted(catalog, group))
                .statusCode(201).body("requestState", equalTo("Delivered")).body("requestStatus", equalTo("Fulfilled"))
                .body("requestType", equalTo("AdminAdd")).body("catalogId", equalTo(catalog));

        String resource = admin.get(BETA + "/accessPackageCatalogs/" + catalog + "/accessPackageResources",
                        "$filter", "DisplayName eq '" + groupName + "'")
                .statusCode(200).body("value", hasSize(1))
                .body("value[0].originSystem", equalTo("AadGroup")).body("value[0].resourceType", equalTo("Security Group"))
                .extract().path("value[0].id");
        admin.get(BETA + "/accessPackageCatalogs/" + catalog + "/accessPackageResourceRoles", "$filter",
                        "originSystem eq 'AadGroup' and accessPackageResource/id eq '" + resource + "' and DisplayName eq 'Member'")
                .statusCode(200).body("value", hasSize(1)).body("value[0].originId", equalTo("Member_" + group));

        String accessPackage = admin.post(BETA + "/accessPackages", """
                {"catalogId":"%s","displayName":"Marketing Campaign %s"}""".formatted(catalog, suffix))
                .statusCode(201).body("catalogId", equalTo(catalog)).extract().path("id");
        admin.post(BETA + "/accessPackages/" + accessPackage + "/accessPackageResourceRoleScopes", """
                {"accessPackageResourceRole":{"originId":"Member_%s","displayName":"Member","originSystem":"AadGroup",
                   "accessPackageResource":{"id":"%s","resourceType":"Security Group","originId":"%s","originSystem":"AadGroup"}},
                 "accessPackageResourceScope":{"originId":"%s","originSystem":"AadGroup"}}"""
                        .formatted(group, resource, group, group))
                .statusCode(201).body("'@odata.context'", containsString("/beta/$metadata#identityGovernance/"
                        + "entitlementManagement/accessPackages('" + accessPackage + "')/accessPackageResourceRoleScopes/$entity"));
        String policy = admin.post(BETA + "/accessPackageAssignmentPolicies", """
                {"accessPackageId":"%s","displayName":"Specific users","description":"Specific users can request assignment",
                 "durationInDays":30,
                 "requestorSettings":{"scopeType":"SpecificDirectorySubjects","acceptRequests":true,
                   "allowedRequestors":[{"@odata.type":"#microsoft.graph.singleUser","isBackup":false,"id":"%s","description":"Requestor1"}]},
                 "requestApprovalSettings":{"isApprovalRequired":false,"isApprovalRequiredForExtension":false,
                   "isRequestorJustificationRequired":false,"approvalMode":"NoApproval","approvalStages":"[]"}}"""
                        .formatted(accessPackage, user))
                .statusCode(201).body("accessPackageId", equalTo(accessPackage)).body("durationInDays", equalTo(30))
                .body("canExtend", equalTo(true))
                .body("requestorSettings.scopeType", equalTo("SpecificDirectorySubjects"))
                .body("requestApprovalSettings.approvalMode", equalTo("NoApproval"))
                .extract().path("id");

        // the same objects in v1.0
        admin.get(Tessera.EM + "/assignmentPolicies/" + policy).statusCode(200)
                .body("allowedTargetScope", equalTo("specificDirectoryUsers")).body("expiration.duration", equalTo("P30D"));
        admin.get(BETA + "/accessPackages/" + accessPackage, "$expand",
                        "accessPackageResourceRoleScopes($expand=accessPackageResourceRole,accessPackageResourceScope)")
                .statusCode(200).body("catalogId", equalTo(catalog))
                .body("accessPackageResourceRoleScopes[0].accessPackageResourceRole.originId", equalTo("Member_" + group))
                .body("accessPackageResourceRoleScopes[0].id", notNullValue());

        // Remove-MgBetaEntitlementManagementAccessPackageAssignmentPolicy / …AccessPackage
        admin.call().when().delete(BETA + "/accessPackageAssignmentPolicies/" + policy).then().statusCode(204);
        admin.call().when().delete(BETA + "/accessPackages/" + accessPackage).then().statusCode(204);
    }

    @Test
    void betaPathsNotServedAreGraph404sNamingThem() {
        admin.get(BETA + "/accessPackageAssignmentApprovals").statusCode(404)
                .body("error.code", equalTo("itemNotFound"))
                .body("error.message", containsString("not served in beta"));
        admin.get("/beta/users").statusCode(404).body("error.code", equalTo("itemNotFound"))
                .body("error.message", containsString("/beta/users"));
        admin.get(BETA + "/accessPackageCatalogs/%2e%2e/x").statusCode(400);
    }
}
