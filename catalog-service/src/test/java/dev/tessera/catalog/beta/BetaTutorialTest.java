package dev.tessera.catalog.beta;

import static dev.tessera.catalog.Fixtures.EM;
import static dev.tessera.catalog.Fixtures.IGA;
import static dev.tessera.catalog.Fixtures.as;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.tessera.catalog.FakeDirectoryApi;
import dev.tessera.catalog.Fixtures;
import dev.tessera.testsupport.TesseraInfraResource;
import dev.tessera.testsupport.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The catalog half of Microsoft's beta PowerShell "Marketing Campaign" tutorial, as the
 * Microsoft.Graph.Beta module sends it (bodies from the cmdlets' parameters, the tutorial's filters as written),
 * against {@code /beta}, and the beta and v1.0 views of the same objects (issue 18, docs/beta.md).
 */
@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class BetaTutorialTest {

    static final String BETA = "/beta/identityGovernance/entitlementManagement";

    @Test
    void theTutorialsCatalogCmdletsRunAsWrittenAndAnswerInBetaShape() {
        String admin = Tokens.admin(UUID.randomUUID().toString(), IGA, "User Administrator", "Groups Administrator");
        String groupName = "Marketing resources " + UUID.randomUUID();
        String groupId = FakeDirectoryApi.newGroup(groupName);

        // Get-MgBetaEntitlementManagementAccessPackageCatalog -Filter "DisplayName eq 'General'"
        String catalog = as(admin).queryParam("$filter", "DisplayName eq 'General'")
                .when().get(BETA + "/accessPackageCatalogs")
                .then().statusCode(200)
                .body("'@odata.context'", endsWith("/beta/$metadata#identityGovernance/entitlementManagement/accessPackageCatalogs"))
                .body("value", hasSize(1))
                .body("value[0].displayName", equalTo("General"))
                .body("value[0].catalogType", equalTo("ServiceDefault"))
                .body("value[0].catalogStatus", equalTo("Published"))
                .body("value[0].isExternallyVisible", notNullValue())
                .body("value[0].state", nullValue())
                .extract().path("value[0].id");

        // New-MgBetaEntitlementManagementAccessPackageResourceRequest -CatalogId … -RequestType "AdminAdd"
        //   -AccessPackageResource @{ "originSystem" = "AadGroup "; OriginId = … }
        as(admin).body("""
                {"catalogId":"%s","requestType":"AdminAdd","accessPackageResource":{"originSystem":"AadGroup ","OriginId":"%s"}}"""
                .formatted(catalog, groupId))
                .when().post(BETA + "/accessPackageResourceRequests")
                .then().statusCode(201)
                .body("'@odata.context'", endsWith("/beta/$metadata#identityGovernance/entitlementManagement/accessPackageResourceRequests/$entity"))
                .body("id", notNullValue())
                .body("catalogId", equalTo(catalog))
                .body("requestType", equalTo("AdminAdd"))
                .body("requestState", equalTo("Delivered"))
                .body("requestStatus", equalTo("Fulfilled"))
                .body("executeImmediately", equalTo(false));

        // Get-MgBetaEntitlementManagementAccessPackageCatalogAccessPackageResource -AccessPackageCatalogId …
        //   -Filter "DisplayName eq 'Marketing resources'"
        String resourceId = as(admin).queryParam("$filter", "DisplayName eq '" + groupName + "'")
                .when().get(BETA + "/accessPackageCatalogs/" + catalog + "/accessPackageResources")
                .then().statusCode(200).body("value", hasSize(1))
                .body("value[0].displayName", equalTo(groupName))
                .body("value[0].originId", equalTo(groupId))
                .body("value[0].originSystem", equalTo("AadGroup"))
                .body("value[0].resourceType", equalTo("Security Group"))
                .body("value[0].isPendingOnboarding", equalTo(false))
                .body("value[0].addedOn", notNullValue())
                .extract().path("value[0].id");

        // …AccessPackageCatalogAccessPackageResourceRole with the tutorial's filter
        as(admin).queryParam("$filter", "originSystem eq 'AadGroup' and accessPackageResource/id eq '" + resourceId
                        + "' and DisplayName eq 'Member'")
                .when().get(BETA + "/accessPackageCatalogs/" + catalog + "/accessPackageResourceRoles")
                .then().statusCode(200).body("value", hasSize(1))
                .body("value[0].displayName", equalTo("Member"))
                .body("value[0].originId", equalTo("Member_" + groupId))
                .body("value[0].originSystem", equalTo("AadGroup"));

        // New-MgBetaEntitlementManagementAccessPackage -CatalogId … -DisplayName 'Marketing Campaign'
        String accessPackage = as(admin).body("""
                {"catalogId":"%s","displayName":"Marketing Campaign"}""".formatted(catalog))
                .when().post(BETA + "/accessPackages")
                .then().statusCode(201)
                .body("'@odata.context'", endsWith("/beta/$metadata#identityGovernance/entitlementManagement/accessPackages/$entity"))
                .body("catalogId", equalTo(catalog))
                .body("displayName", equalTo("Marketing Campaign"))
                .body("isHidden", equalTo(false))
                .body("isRoleScopesVisible", equalTo(false))
                .extract().path("id");

        // New-MgBetaEntitlementManagementAccessPackageResourceRoleScope -AccessPackageId …
        as(admin).body("""
                {"accessPackageResourceRole":{"originId":"Member_%s","displayName":"Member","originSystem":"AadGroup",
                   "accessPackageResource":{"id":"%s","resourceType":"Security Group","originId":"%s","originSystem":"AadGroup"}},
                 "accessPackageResourceScope":{"originId":"%s","originSystem":"AadGroup"}}"""
                .formatted(groupId, resourceId, groupId, groupId))
                .when().post(BETA + "/accessPackages/" + accessPackage + "/accessPackageResourceRoleScopes")
                .then().statusCode(201)
                .body("'@odata.context'", endsWith("/beta/$metadata#identityGovernance/entitlementManagement/accessPackages('"
                        + accessPackage + "')/accessPackageResourceRoleScopes/$entity"))
                .body("id", notNullValue())
                .body("createdDateTime", notNullValue());

        // New-MgBetaEntitlementManagementAccessPackageAssignmentPolicy … -DurationInDays 30
        String requestor = UUID.randomUUID().toString();
        String policy = as(admin).body("""
                {"accessPackageId":"%s","displayName":"Specific users","description":"Specific users can request assignment",
                 "durationInDays":30,
                 "requestorSettings":{"scopeType":"SpecificDirectorySubjects","acceptRequests":true,
                   "allowedRequestors":[{"@odata.type":"#microsoft.graph.singleUser","isBackup":false,"id":"%s","description":"Requestor1"}]},
                 "requestApprovalSettings":{"isApprovalRequired":false,"isApprovalRequiredForExtension":false,
                   "isRequestorJustificationRequired":false,"approvalMode":"NoApproval","approvalStages":"[]"}}"""
                .formatted(accessPackage, requestor))
                .when().post(BETA + "/accessPackageAssignmentPolicies")
                .then().statusCode(201)
                .body("'@odata.context'", endsWith("/beta/$metadata#identityGovernance/entitlementManagement/accessPackageAssignmentPolicies/$entity"))
                .body("accessPackageId", equalTo(accessPackage))
                .body("displayName", equalTo("Specific users"))
                .body("description", equalTo("Specific users can request assignment"))
                .body("durationInDays", equalTo(30))
                .body("expirationDateTime", nullValue())
                .body("canExtend", equalTo(true))
                .body("requestorSettings.scopeType", equalTo("SpecificDirectorySubjects"))
                .body("requestorSettings.acceptRequests", equalTo(true))
                .body("requestorSettings.allowedRequestors[0].id", equalTo(requestor))
                .body("requestorSettings.allowedRequestors[0].'@odata.type'", equalTo("#microsoft.graph.singleUser"))
                .body("requestApprovalSettings.isApprovalRequired", equalTo(false))
                .body("requestApprovalSettings.approvalMode", equalTo("NoApproval"))
                .body("requestApprovalSettings.approvalStages", hasSize(0))
                .extract().path("id");

        // one model: the beta objects are the v1.0 ones
        as(admin).when().get(EM + "/assignmentPolicies/" + policy)
                .then().statusCode(200)
                .body("allowedTargetScope", equalTo("specificDirectoryUsers"))
                .body("specificAllowedTargets[0].userId", equalTo(requestor))
                .body("expiration.type", equalTo("afterDuration"))
                .body("expiration.duration", equalTo("P30D"))
                .body("requestorSettings.enableTargetsToSelfAddAccess", equalTo(true))
                .body("requestApprovalSettings.isApprovalRequiredForAdd", equalTo(false));
        as(admin).queryParam("$expand", "catalog").when().get(EM + "/accessPackages/" + accessPackage)
                .then().statusCode(200).body("catalog.id", equalTo(catalog));

        // the package as the tutorial's $expand writes it
        as(admin).queryParam("$expand",
                        "accessPackageResourceRoleScopes($expand=accessPackageResourceRole,accessPackageResourceScope)")
                .when().get(BETA + "/accessPackages/" + accessPackage)
                .then().statusCode(200)
                .body("catalogId", equalTo(catalog))
                .body("accessPackageCatalog", nullValue())
                .body("catalog", nullValue())
                .body("accessPackageResourceRoleScopes", hasSize(1))
                .body("accessPackageResourceRoleScopes[0].accessPackageResourceRole.originId", equalTo("Member_" + groupId))
                .body("accessPackageResourceRoleScopes[0].accessPackageResourceScope.originId", equalTo(groupId));

        // reading the policy back in beta; Remove-… cleans up
        as(admin).when().get(BETA + "/accessPackageAssignmentPolicies/" + policy)
                .then().statusCode(200).body("accessPackageId", equalTo(accessPackage))
                .body("accessPackage", nullValue())
                .body("durationInDays", equalTo(30));
        as(admin).queryParam("$filter", "accessPackageId eq '" + accessPackage + "'")
                .when().get(BETA + "/accessPackageAssignmentPolicies")
                .then().statusCode(200).body("value.id", equalTo(List.of(policy)));
        as(admin).when().delete(BETA + "/accessPackageAssignmentPolicies/" + policy).then().statusCode(204);
        as(admin).when().delete(BETA + "/accessPackages/" + accessPackage).then().statusCode(204);
        as(admin).when().get(EM + "/accessPackages/" + accessPackage).then().statusCode(404);
    }

    @Test
    void aCatalogMadeInV1IsReadUpdatedAndDeletedInBeta() {
        String id = Fixtures.newCatalog("v1 catalog " + UUID.randomUUID());
        Fixtures.admin().when().get(BETA + "/accessPackageCatalogs/" + id)
                .then().statusCode(200)
                .body("'@odata.context'", endsWith("/beta/$metadata#identityGovernance/entitlementManagement/accessPackageCatalogs/$entity"))
                .body("catalogType", equalTo("UserManaged"))
                .body("description", equalTo("for tests"));
        Fixtures.admin().body("{\"description\":\"changed in beta\",\"catalogStatus\":\"Unpublished\"}")
                .when().patch(BETA + "/accessPackageCatalogs/" + id).then().statusCode(204);
        Fixtures.admin().when().get(EM + "/catalogs/" + id)
                .then().statusCode(200).body("description", equalTo("changed in beta")).body("state", equalTo("unpublished"));
        String created = Fixtures.admin().body("{\"displayName\":\"beta catalog\",\"catalogStatus\":\"Published\"}")
                .when().post(BETA + "/accessPackageCatalogs").then().statusCode(201)
                .body("catalogStatus", equalTo("Published")).extract().path("id");
        Fixtures.admin().when().get(EM + "/catalogs/" + created).then().statusCode(200).body("displayName", equalTo("beta catalog"));
        Fixtures.admin().when().delete(BETA + "/accessPackageCatalogs/" + id).then().statusCode(204);
        Fixtures.admin().when().delete(BETA + "/accessPackageCatalogs/" + created).then().statusCode(204);
        Fixtures.admin().when().get(EM + "/catalogs/" + id).then().statusCode(404);
    }

    @Test
    void betaPathsWithoutAMappingAreA404GraphErrorNamingThem() {
        for (String path : List.of("/beta/users", BETA + "/catalogs", BETA + "/accessReviews", "/beta")) {
            Fixtures.admin().when().get(path)
                    .then().statusCode(404)
                    .body("error.code", equalTo("itemNotFound"))
                    .body("error.message", org.hamcrest.Matchers.containsString("'" + path + "'"));
        }
    }

    @Test
    void aCallerRefusedInV1IsRefusedTheSameInBeta() {
        String noPermission = Tokens.app("User.Read.All");
        String user = Tokens.user(UUID.randomUUID().toString());
        for (String token : List.of(noPermission, user)) {
            var v1 = as(token).when().get(EM + "/catalogs/" + Fixtures.GENERAL).then().extract();
            as(token).when().get(BETA + "/accessPackageCatalogs/" + Fixtures.GENERAL)
                    .then().statusCode(v1.statusCode()).body("error.code", equalTo(v1.path("error.code")));
            var v1Post = as(token).body("{\"displayName\":\"x\"}").when().post(EM + "/accessPackages").then().extract();
            as(token).body("{\"displayName\":\"x\"}").when().post(BETA + "/accessPackages")
                    .then().statusCode(v1Post.statusCode()).body("error.code", equalTo(v1Post.path("error.code")));
        }
        io.restassured.RestAssured.given().when().get(BETA + "/accessPackageCatalogs")
                .then().statusCode(401).body("error.code", equalTo("InvalidAuthenticationToken"));
    }

    @Test
    void v1ErrorsPassUnchanged() {
        Fixtures.admin().body("{\"catalogId\":\"not-a-guid\",\"displayName\":\"x\"}")
                .when().post(BETA + "/accessPackages").then().statusCode(400).body("error.code", notNullValue());
        Fixtures.admin().when().get(BETA + "/accessPackages/" + UUID.randomUUID())
                .then().statusCode(404).body("error.code", equalTo("itemNotFound"));
    }

    @Test
    void betaPagesLinkToTheNextBetaPage() {
        for (int i = 0; i < 2; i++) {
            Fixtures.newCatalog("paged " + UUID.randomUUID());
        }
        String next = Fixtures.admin().queryParam("$top", "1").queryParam("$filter", "CatalogStatus eq 'published'")
                .when().get(BETA + "/accessPackageCatalogs")
                .then().statusCode(200).body("value", hasSize(1))
                .body("'@odata.nextLink'", org.hamcrest.Matchers.containsString(
                        "/beta/identityGovernance/entitlementManagement/accessPackageCatalogs?"))
                .extract().path("'@odata.nextLink'");
        String path = java.net.URI.create(next).getRawPath() + "?" + java.net.URI.create(next).getRawQuery();
        Fixtures.admin().urlEncodingEnabled(false).when().get(path)
                .then().statusCode(200).body("value", hasSize(1))
                .body("value[0].catalogStatus", equalTo("Published"))
                .body("value[0].state", nullValue());
    }
}
