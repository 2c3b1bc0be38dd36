package dev.tessera.catalog;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.tessera.platform.messaging.events.Topics;
import dev.tessera.testsupport.TesseraInfraResource;
import dev.tessera.testsupport.TestEvents;
import dev.tessera.testsupport.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class CatalogAdminFlowTest {

    static final String EM = "/v1.0/identityGovernance/entitlementManagement";

    String groupId;

    @BeforeEach
    void group() {
        groupId = UUID.randomUUID().toString();
        FakeDirectoryApi.group(groupId);
    }

    static RequestSpecification admin() {
        return given().auth().oauth2(Tokens.admin(UUID.randomUUID().toString(), "Identity Governance Administrator"))
                .contentType(ContentType.JSON);
    }

    static String general() {
        return admin().queryParam("$filter", "displayName eq 'General'").when().get(EM + "/catalogs")
                .then().statusCode(200).body("value", hasSize(1)).body("value[0].catalogType", equalTo("serviceDefault"))
                .extract().path("value[0].id");
    }

    /** Adds the group to a catalog; returns {resourceId, scopeId, memberRoleId}. */
    String[] onboard(String catalog) {
        admin().body("""
                {"requestType":"adminAdd","resource":{"originId":"%s","originSystem":"AadGroup"},"catalog":{"id":"%s"}}
                """.formatted(groupId, catalog))
                .when().post(EM + "/resourceRequests")
                .then().statusCode(201).body("state", equalTo("delivered")).body("requestType", equalTo("adminAdd"));
        var resource = admin().queryParam("$filter", "originId eq '" + groupId + "'").queryParam("$expand", "roles,scopes")
                .when().get(EM + "/catalogs/" + catalog + "/resources")
                .then().statusCode(200).body("value", hasSize(1))
                .body("value[0].roles.originId", hasItem("Member_" + groupId))
                .body("value[0].roles.originId", hasItem("Owner_" + groupId))
                .body("value[0].scopes[0].isRootScope", equalTo(true))
                .extract();
        String resourceId = resource.path("value[0].id");
        String role = admin()
                .queryParam("$filter", "(originSystem eq 'AadGroup' and resource/id eq '" + resourceId + "') and displayName eq 'Member'")
                .queryParam("$expand", "resource")
                .when().get(EM + "/catalogs/" + catalog + "/resourceRoles")
                .then().statusCode(200).body("value", hasSize(1)).body("value[0].resource.id", equalTo(resourceId))
                .extract().path("value[0].id");
        return new String[] {resourceId, resource.path("value[0].scopes[0].id"), role};
    }

    String createPackage(String catalog) {
        return admin().body("{\"displayName\":\"Marketing Campaign\",\"description\":\"d\",\"catalog\":{\"id\":\"" + catalog + "\"}}")
                .when().post(EM + "/accessPackages").then().statusCode(201).extract().path("id");
    }

    @Test
    void tutorialAdminStepsBuildAPackageWithAGroupRoleAndAPolicy() {
        String catalog = general();
        String[] resource = onboard(catalog);
        String accessPackage = createPackage(catalog);
        admin().body("{\"role\":{\"id\":\"" + resource[2] + "\"},\"scope\":{\"id\":\"" + resource[1] + "\"}}")
                .when().post(EM + "/accessPackages/" + accessPackage + "/resourceRoleScopes")
                .then().statusCode(201).body("id", equalTo(resource[2] + "_" + resource[1]));
        String user = UUID.randomUUID().toString();
        String policy = admin().body("""
                {"displayName":"Specific users","description":"Specific users can request assignment",
                 "accessPackage":{"id":"%s"},"expiration":{"type":"AfterDuration","duration":"P30D"},
                 "allowedTargetScope":"SpecificDirectoryUsers",
                 "specificAllowedTargets":[{"@odata.type":"microsoft.graph.singleUser","userId":"%s"}],
                 "requestorSettings":{"enableTargetsToSelfAddAccess":"true","allowCustomAssignmentSchedule":false},
                 "requestApprovalSettings":{"isApprovalRequiredForAdd":false,"stages":[]}}
                """.formatted(accessPackage, user))
                .when().post(EM + "/assignmentPolicies")
                .then().statusCode(201)
                .body("allowedTargetScope", equalTo("specificDirectoryUsers"))
                .body("expiration.type", equalTo("afterDuration"))
                .body("specificAllowedTargets[0].'@odata.type'", equalTo("#microsoft.graph.singleUser"))
                .body("requestorSettings.enableTargetsToSelfAddAccess", equalTo(true))
                .extract().path("id");

        admin().queryParam("$expand", "resourceRoleScopes($expand=role,scope),assignmentPolicies,catalog")
                .when().get(EM + "/accessPackages/" + accessPackage)
                .then().statusCode(200)
                .body("resourceRoleScopes[0].role.originId", equalTo("Member_" + groupId))
                .body("resourceRoleScopes[0].scope.isRootScope", equalTo(true))
                .body("assignmentPolicies[0].id", equalTo(policy))
                .body("catalog.displayName", equalTo("General"));

        given().auth().oauth2(Tokens.user(user)).when().get("/internal/v1/accessPackages/" + accessPackage + "/requestContext")
                .then().statusCode(200)
                .body("accessPackage.displayName", equalTo("Marketing Campaign"))
                .body("policies[0].id", equalTo(policy))
                .body("resourceRoles[0].roleOriginId", equalTo("Member_" + groupId))
                .body("resourceRoles[0].resourceOriginId", equalTo(groupId))
                .body("resourceRoles[0].originSystem", equalTo("AadGroup"));
        TestEvents.awaitEvent(Topics.CATALOG_EVENTS, "tessera.catalog.resourceRoleScopeAdded.v1", accessPackage);
    }

    @Test
    void catalogsAreCreatedPatchedFilteredAndDeleted() {
        String name = "Marketing " + UUID.randomUUID();
        String id = admin().body("{\"displayName\":\"" + name + "\",\"description\":\"d\",\"state\":\"Published\",\"isExternallyVisible\":false}")
                .when().post(EM + "/catalogs")
                .then().statusCode(201).body("catalogType", equalTo("userManaged")).body("state", equalTo("published"))
                .body("'@odata.context'", containsString("$metadata#identityGovernance/entitlementManagement/catalogs/$entity"))
                .extract().path("id");
        admin().body("{\"state\":\"unpublished\"}").when().patch(EM + "/catalogs/" + id).then().statusCode(204);
        admin().queryParam("$filter", "contains(tolower(displayName),'" + name.toLowerCase().substring(0, 12) + "')")
                .when().get(EM + "/catalogs").then().statusCode(200).body("value.id", hasItem(id))
                .body("value.find { it.id == '" + id + "' }.state", equalTo("unpublished"));
        String packageId = createPackage(id);
        admin().when().delete(EM + "/catalogs/" + id).then().statusCode(409).body("error.message", containsString("access package"));
        admin().when().delete(EM + "/accessPackages/" + packageId).then().statusCode(204);
        admin().when().delete(EM + "/catalogs/" + id).then().statusCode(204);
        admin().when().get(EM + "/catalogs/" + id).then().statusCode(404).body("error.code", equalTo("itemNotFound"));
    }

    @Test
    void theGeneralCatalogCannotBeDeleted() {
        admin().when().delete(EM + "/catalogs/" + general()).then().statusCode(400);
    }

    @Test
    void aGroupThatDoesNotExistCannotBeOnboarded() {
        String missing = UUID.randomUUID().toString();
        admin().body("""
                {"requestType":"adminAdd","resource":{"originId":"%s","originSystem":"AadGroup"},"catalog":{"id":"%s"}}
                """.formatted(missing, general()))
                .when().post(EM + "/resourceRequests")
                .then().statusCode(400).body("error.message", containsString(missing))
                .body("error.target", equalTo("resource.originId"));
    }

    @Test
    void theSameGroupTwiceInACatalogIsRefused() {
        String catalog = general();
        onboard(catalog);
        admin().body("""
                {"requestType":"adminAdd","resource":{"originId":"%s","originSystem":"AadGroup"},"catalog":{"id":"%s"}}
                """.formatted(groupId, catalog))
                .when().post(EM + "/resourceRequests").then().statusCode(400).body("error.code", equalTo("ResourceAlreadyOnboarded"));
    }

    @Test
    void aResourceInUseCannotBeRemovedUntilThePackageLetsGo() {
        String catalog = general();
        String[] resource = onboard(catalog);
        String accessPackage = createPackage(catalog);
        String rrs = admin().body("{\"role\":{\"originId\":\"Member_" + groupId + "\",\"originSystem\":\"AadGroup\",\"resource\":{\"id\":\""
                        + resource[0] + "\"}},\"scope\":{\"originId\":\"" + groupId + "\",\"originSystem\":\"AadGroup\"}}")
                .when().post(EM + "/accessPackages/" + accessPackage + "/resourceRoleScopes")
                .then().statusCode(201).extract().path("id");
        String remove = "{\"requestType\":\"adminRemove\",\"resource\":{\"id\":\"" + resource[0] + "\"},\"catalog\":{\"id\":\"" + catalog + "\"}}";
        admin().body(remove).when().post(EM + "/resourceRequests").then().statusCode(409);
        admin().when().delete(EM + "/accessPackages/" + accessPackage + "/resourceRoleScopes/" + rrs).then().statusCode(204);
        TestEvents.awaitEvent(Topics.CATALOG_EVENTS, "tessera.catalog.resourceRoleScopeRemoved.v1", accessPackage);
        admin().body(remove).when().post(EM + "/resourceRequests").then().statusCode(201).body("requestType", equalTo("adminRemove"));
    }

    @Test
    void aRoleFromAnotherCatalogCannotBeAddedToAPackage() {
        String other = admin().body("{\"displayName\":\"Other " + UUID.randomUUID() + "\"}").when().post(EM + "/catalogs")
                .then().statusCode(201).extract().path("id");
        String[] resource = onboard(other);
        String accessPackage = createPackage(general());
        admin().body("{\"role\":{\"id\":\"" + resource[2] + "\"},\"scope\":{\"id\":\"" + resource[1] + "\"}}")
                .when().post(EM + "/accessPackages/" + accessPackage + "/resourceRoleScopes")
                .then().statusCode(400).body("error.target", equalTo("role"));
    }

    @Test
    void invalidPoliciesAreRefusedWithTheFieldNamed() {
        String accessPackage = createPackage(general());
        String base = "\"displayName\":\"p\",\"accessPackage\":{\"id\":\"" + accessPackage + "\"}";
        assertPolicyRefused("{" + base + ",\"allowedTargetScope\":\"everybody\"}", "allowedTargetScope");
        assertPolicyRefused("{" + base + ",\"expiration\":{\"type\":\"afterDuration\",\"duration\":\"thirty days\"}}", "expiration.duration");
        assertPolicyRefused("{" + base + ",\"expiration\":{\"type\":\"afterDateTime\",\"endDateTime\":\"2001-01-01T00:00:00Z\"}}", "expiration.endDateTime");
        assertPolicyRefused("{" + base + ",\"allowedTargetScope\":\"specificDirectoryUsers\",\"specificAllowedTargets\":[]}", "specificAllowedTargets");
        assertPolicyRefused("{" + base + ",\"specificAllowedTargets\":[{\"@odata.type\":\"#microsoft.graph.singleUser\",\"userId\":\"nope\"}]}",
                "specificAllowedTargets[0].userId");
        assertPolicyRefused("{" + base + ",\"requestApprovalSettings\":{\"isApprovalRequiredForAdd\":true,\"stages\":[]}}", "requestApprovalSettings.stages");
        assertPolicyRefused("{" + base + ",\"requestApprovalSettings\":{\"isApprovalRequiredForAdd\":true,\"stages\":[{},{},{},{}]}}",
                "requestApprovalSettings.stages");
        assertPolicyRefused("{\"displayName\":\"p\",\"accessPackage\":{\"id\":\"" + UUID.randomUUID() + "\"}}", "accessPackage.id");
        assertPolicyRefused("{\"accessPackage\":{\"id\":\"" + accessPackage + "\"}}", "displayName");
        admin().queryParam("$filter", "accessPackage/id eq '" + accessPackage + "'").when().get(EM + "/assignmentPolicies")
                .then().statusCode(200).body("value", hasSize(0));
    }

    void assertPolicyRefused(String body, String field) {
        admin().body(body).when().post(EM + "/assignmentPolicies")
                .then().statusCode(400).body("error.target", equalTo(field)).body("error.message", notNullValue());
    }

    @Test
    void policiesAreReplacedWithPutAndReturned() {
        String accessPackage = createPackage(general());
        String policy = admin().body("{\"displayName\":\"v1\",\"accessPackage\":{\"id\":\"" + accessPackage + "\"}}")
                .when().post(EM + "/assignmentPolicies").then().statusCode(201).extract().path("id");
        admin().body("{\"displayName\":\"v2\",\"allowedTargetScope\":\"allMemberUsers\",\"accessPackage\":{\"id\":\"" + accessPackage
                        + "\"},\"questions\":[{\"@odata.type\":\"#microsoft.graph.accessPackageTextInputQuestion\",\"text\":\"Why?\",\"isRequired\":true,\"regexPattern\":\"[a-z]+\"}]}")
                .when().put(EM + "/assignmentPolicies/" + policy)
                .then().statusCode(200).body("displayName", equalTo("v2")).body("allowedTargetScope", equalTo("allMemberUsers"))
                .body("questions[0].id", notNullValue());
        admin().queryParam("$expand", "questions").when().get(EM + "/assignmentPolicies/" + policy)
                .then().statusCode(200).body("questions[0].text", equalTo("Why?"));
        admin().when().delete(EM + "/assignmentPolicies/" + policy).then().statusCode(204);
        admin().when().get(EM + "/assignmentPolicies/" + policy).then().statusCode(404);
    }

    @Test
    void onlyEntitlementAdministratorsWriteAndReadersRead() {
        String nobody = Tokens.user(UUID.randomUUID().toString());
        given().auth().oauth2(nobody).contentType(ContentType.JSON).body("{\"displayName\":\"x\"}")
                .when().post(EM + "/catalogs").then().statusCode(403).body("error.code", equalTo("accessDenied"));
        given().auth().oauth2(nobody).when().get(EM + "/catalogs").then().statusCode(403);
        given().auth().oauth2(Tokens.admin(UUID.randomUUID().toString(), "Global Reader"))
                .when().get(EM + "/catalogs").then().statusCode(200);
        given().auth().oauth2(Tokens.admin(UUID.randomUUID().toString(), "Global Reader")).contentType(ContentType.JSON)
                .body("{\"displayName\":\"x\"}").when().post(EM + "/catalogs").then().statusCode(403);
        given().when().get(EM + "/catalogs").then().statusCode(401).body("error.code", equalTo("InvalidAuthenticationToken"));
    }

    @Test
    void malformedRequestsGetGraphErrors() {
        admin().body("{\"displayName\":").when().post(EM + "/catalogs").then().statusCode(400).body("error.code", equalTo("BadRequest"));
        admin().when().get(EM + "/catalogs/not-a-guid").then().statusCode(400);
        admin().queryParam("$top", 1000).when().get(EM + "/catalogs").then().statusCode(400);
        admin().queryParam("$filter", "displayName eq 'x").when().get(EM + "/catalogs").then().statusCode(400)
                .body("error.message", startsWith("Invalid $filter"));
    }

    @Test
    void catalogListsPageWithAbsoluteNextLinks() {
        for (int i = 0; i < 3; i++) {
            admin().body("{\"displayName\":\"Paged " + UUID.randomUUID() + "\"}").when().post(EM + "/catalogs").then().statusCode(201);
        }
        String next = admin().queryParam("$top", 2).when().get(EM + "/catalogs")
                .then().statusCode(200).body("value", hasSize(2))
                .body("'@odata.nextLink'", startsWith("http://localhost:"))
                .extract().path("'@odata.nextLink'");
        given().urlEncodingEnabled(false).auth().oauth2(Tokens.admin(UUID.randomUUID().toString(), "Identity Governance Administrator"))
                .when().get(next).then().statusCode(200).body("value.size()", org.hamcrest.Matchers.greaterThan(0));
    }
}
