package dev.tessera.catalog;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import dev.tessera.testsupport.Tokens;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.UUID;

/** Builds test data through the public API, with fresh ids, as an administrator would. */
public final class Fixtures {

    public static final String EM = "/v1.0/identityGovernance/entitlementManagement";
    public static final String GENERAL = "4a8f1b9c-0000-4000-8000-000000000001";
    public static final String IGA = "Identity Governance Administrator";
    public static final String RM = "/v1.0/roleManagement/entitlementManagement";
    public static final String CATALOG_OWNER = "ae79f266-94d4-4dab-b730-feca7e132178";

    private Fixtures() {
    }

    /** A request as a fresh Identity Governance Administrator. */
    public static RequestSpecification admin() {
        return as(Tokens.admin(UUID.randomUUID().toString(), IGA));
    }

    /**
     * A request as a fresh Identity Governance Administrator who is also Groups Administrator: an
     * administrator of entitlement management may add only the groups they may administer (Groups
     * Administrator), as in Entra.
     */
    public static RequestSpecification groupAdmin() {
        return as(Tokens.admin(UUID.randomUUID().toString(), IGA, "Groups Administrator"));
    }

    /** A fresh member of the directory made owner of the catalog; returns their id. */
    public static String newCatalogOwner(String catalogId) {
        String user = FakeOriginApis.newUser("Member");
        admin().body("{\"principalId\":\"" + user + "\",\"roleDefinitionId\":\"" + CATALOG_OWNER
                        + "\",\"appScopeId\":\"/AccessPackageCatalog/" + catalogId + "\"}")
                .when().post(RM + "/roleAssignments").then().statusCode(201);
        return user;
    }

    public static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    public static String newCatalog(String displayName) {
        return admin().body("{\"displayName\":\"" + displayName + "\",\"description\":\"for tests\"}")
                .when().post(EM + "/catalogs").then().statusCode(201).extract().path("id");
    }

    public static String onboardRequest(String groupId, String catalogId) {
        return """
                {"requestType":"adminAdd","resource":{"originId":"%s","originSystem":"AadGroup"},"catalog":{"id":"%s"}}
                """.formatted(groupId, catalogId);
    }

    /** A group of the (fake) directory added to the catalog, with its roles and root scope. */
    public record Onboarded(String groupId, String resourceId, String memberRoleId, String ownerRoleId,
            String rootScopeId) {
    }

    public static Onboarded onboardNewGroup(String catalogId) {
        String groupId = FakeDirectoryApi.newGroup("Group " + UUID.randomUUID());
        groupAdmin().body(onboardRequest(groupId, catalogId)).when().post(EM + "/resourceRequests")
                .then().statusCode(201).body("state", equalTo("delivered"));
        var resource = admin().queryParam("$filter", "originId eq '" + groupId + "'")
                .queryParam("$expand", "roles,scopes")
                .when().get(EM + "/catalogs/" + catalogId + "/resources")
                .then().statusCode(200).extract();
        String member = resource.path("value[0].roles.find { it.displayName == 'Member' }.id");
        String owner = resource.path("value[0].roles.find { it.displayName == 'Owner' }.id");
        return new Onboarded(groupId, resource.path("value[0].id"), member, owner,
                resource.path("value[0].scopes[0].id"));
    }

    public static String newPackage(String catalogId, String displayName) {
        return admin().body("{\"displayName\":\"" + displayName + "\",\"description\":\"d\",\"isHidden\":false,"
                        + "\"catalog\":{\"id\":\"" + catalogId + "\"}}")
                .when().post(EM + "/accessPackages").then().statusCode(201).extract().path("id");
    }

    public static String addRoleScope(String packageId, String roleId, String scopeId) {
        return admin().body("{\"role\":{\"id\":\"" + roleId + "\"},\"scope\":{\"id\":\"" + scopeId + "\"}}")
                .when().post(EM + "/accessPackages/" + packageId + "/resourceRoleScopes")
                .then().statusCode(201).extract().path("id");
    }

    /** A fresh domain no other test uses, e.g. {@code org-1f0c….example.com}. */
    public static String newDomain() {
        return "org-" + UUID.randomUUID() + ".example.com";
    }

    /** A connected organization with one fresh domain identity source, in the given state. */
    public static String newConnectedOrganization(String displayName, String state) {
        return admin().body("""
                        {"displayName":"%s","identitySources":[{"@odata.type":"#microsoft.graph.domainIdentitySource",
                          "domainName":"%s","displayName":"%s"}],"state":"%s"}
                        """.formatted(displayName, newDomain(), displayName, state))
                .when().post(EM + "/connectedOrganizations").then().statusCode(201).extract().path("id");
    }

    /** The tutorial's "Specific users" policy, exactly as the tutorial sends it. */
    public static String tutorialPolicyBody(String packageId, String userId) {
        return """
                {"displayName":"Specific users","description":"Specific users can request assignment",
                 "accessPackage":{"id":"%s"},"expiration":{"type":"afterDuration","duration":"P30D"},
                 "allowedTargetScope":"specificDirectoryUsers",
                 "specificAllowedTargets":[{"@odata.type":"#microsoft.graph.singleUser","userId":"%s"}],
                 "requestorSettings":{"enableTargetsToSelfAddAccess":true,"enableTargetsToSelfUpdateAccess":false,
                   "enableTargetsToSelfRemoveAccess":true,"allowCustomAssignmentSchedule":false,
                   "enableOnBehalfRequestorsToAddAccess":false,"enableOnBehalfRequestorsToUpdateAccess":false,
                   "enableOnBehalfRequestorsToRemoveAccess":false,"onBehalfRequestors":[]},
                 "requestApprovalSettings":{"isApprovalRequiredForAdd":false,"isApprovalRequiredForUpdate":false,
                   "stages":[]}}
                """.formatted(packageId, userId);
    }
}
