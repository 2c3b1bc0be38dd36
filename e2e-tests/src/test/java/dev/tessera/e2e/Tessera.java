package dev.tessera.e2e;

import static org.hamcrest.Matchers.equalTo;

import dev.tessera.devstack.LocalStack;
import java.util.List;

/** The tutorial's administrator steps, reused by the end-to-end scenarios. */
final class Tessera {

    static final String EM = "/v1.0/identityGovernance/entitlementManagement";
    static final String ADMIN = "00000000-0000-0000-0000-0000000000a1";

    private Tessera() {
    }

    /**
     * The tutorial's administrator: Identity Governance Administrator for entitlement management, and
     * User Administrator for the users and groups it sets up (an Identity Governance Administrator
     * writes no directory objects, as in Entra).
     */
    static Graph admin(LocalStack stack) {
        return new Graph(stack.gatewayUrl(), stack.tokenMinter().forUser(ADMIN)
                .role("Identity Governance Administrator").role("User Administrator").sign());
    }

    static String createUser(Graph admin, String name) {
        return admin.post("/v1.0/users", """
                {"accountEnabled":true,"displayName":"%s","mailNickname":"%s","userPrincipalName":"%s@contoso.onmicrosoft.com",
                 "passwordProfile":{"forceChangePasswordNextSignIn":true,"password":"not-stored-1!"}}
                """.formatted(name, name, name)).statusCode(201).extract().path("id");
    }

    static String createGroup(Graph admin, String name) {
        return admin.post("/v1.0/groups", """
                {"displayName":"%s","description":"%s","mailEnabled":false,"mailNickname":"%s","securityEnabled":true}
                """.formatted(name, name, name.replace(" ", ""))).statusCode(201).extract().path("id");
    }

    static String generalCatalog(Graph admin) {
        return admin.get(EM + "/catalogs", "$filter", "displayName eq 'General'")
                .statusCode(200)
                .body("value[0].catalogType", equalTo("serviceDefault"))
                .extract().path("value[0].id");
    }

    /** Adds the group to the catalog and returns {resourceId, scopeId, memberRoleId}. */
    static List<String> addGroupToCatalog(Graph admin, String catalogId, String groupId) {
        admin.post(EM + "/resourceRequests", """
                {"requestType":"adminAdd","resource":{"originId":"%s","originSystem":"AadGroup"},"catalog":{"id":"%s"}}
                """.formatted(groupId, catalogId)).statusCode(201).body("state", equalTo("delivered"));
        var resource = admin.call().queryParam("$filter", "originId eq '" + groupId + "'")
                .queryParam("$expand", "scopes")
                .when().get(EM + "/catalogs/" + catalogId + "/resources")
                .then().statusCode(200).extract();
        String resourceId = resource.path("value[0].id");
        String scopeId = resource.path("value[0].scopes[0].id");
        String roleId = admin.call()
                .queryParam("$filter", "(originSystem eq 'AadGroup' and resource/id eq '" + resourceId
                        + "' and displayName eq 'Member')")
                .queryParam("$expand", "resource")
                .when().get(EM + "/catalogs/" + catalogId + "/resourceRoles")
                .then().statusCode(200)
                .body("value[0].originId", equalTo("Member_" + groupId))
                .extract().path("value[0].id");
        return List.of(resourceId, scopeId, roleId);
    }

    static String createPackage(Graph admin, String catalogId, String name, String roleId, String scopeId) {
        String packageId = admin.post(EM + "/accessPackages", """
                {"displayName":"%s","description":"Access to resources for the campaign","isHidden":false,"catalog":{"id":"%s"}}
                """.formatted(name, catalogId)).statusCode(201).extract().path("id");
        admin.post(EM + "/accessPackages/" + packageId + "/resourceRoleScopes", """
                {"role":{"id":"%s"},"scope":{"id":"%s"}}
                """.formatted(roleId, scopeId)).statusCode(201).body("id", equalTo(roleId + "_" + scopeId));
        return packageId;
    }

    /** Anyone listed may request it without approval; access lasts 30 days. */
    static String createPolicy(Graph admin, String packageId, List<String> requestors) {
        StringBuilder targets = new StringBuilder();
        for (String user : requestors) {
            if (!targets.isEmpty()) {
                targets.append(',');
            }
            targets.append("{\"@odata.type\":\"#microsoft.graph.singleUser\",\"userId\":\"").append(user).append("\"}");
        }
        return admin.post(EM + "/assignmentPolicies", """
                {"displayName":"Specific users","description":"Specific users can request assignment",
                 "accessPackage":{"id":"%s"},"expiration":{"type":"afterDuration","duration":"P30D"},
                 "allowedTargetScope":"specificDirectoryUsers","specificAllowedTargets":[%s],
                 "requestorSettings":{"enableTargetsToSelfAddAccess":true,"enableTargetsToSelfUpdateAccess":false,
                   "enableTargetsToSelfRemoveAccess":true,"allowCustomAssignmentSchedule":false,
                   "enableOnBehalfRequestorsToAddAccess":false,"enableOnBehalfRequestorsToUpdateAccess":false,
                   "enableOnBehalfRequestorsToRemoveAccess":false,"onBehalfRequestors":[]},
                 "requestApprovalSettings":{"isApprovalRequiredForAdd":false,"isApprovalRequiredForUpdate":false,"stages":[]}}
                """.formatted(packageId, targets)).statusCode(201).extract().path("id");
    }
}
