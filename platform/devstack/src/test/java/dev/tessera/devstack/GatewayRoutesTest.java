package dev.tessera.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class GatewayRoutesTest {

    static final String EM = "/v1.0/identityGovernance/entitlementManagement";

    @Test
    void requestsAssignmentsAndApprovalsGoToRequestService() {
        assertEquals(Optional.of(LocalStack.REQUEST), GatewayRoutes.serviceFor(EM + "/assignmentRequests"));
        assertEquals(Optional.of(LocalStack.REQUEST), GatewayRoutes.serviceFor(EM + "/assignmentRequests/abc/cancel"));
        assertEquals(Optional.of(LocalStack.REQUEST),
                GatewayRoutes.serviceFor(EM + "/assignments/filterByCurrentUser(on='target')"));
        assertEquals(Optional.of(LocalStack.REQUEST), GatewayRoutes.serviceFor(EM + "/accessPackageAssignmentApprovals/x"));
    }

    @Test
    void everyOtherEntitlementManagementPathGoesToCatalogService() {
        assertEquals(Optional.of(LocalStack.CATALOG), GatewayRoutes.serviceFor(EM + "/catalogs"));
        assertEquals(Optional.of(LocalStack.CATALOG), GatewayRoutes.serviceFor(EM + "/accessPackages/x/resourceRoleScopes"));
        assertEquals(Optional.of(LocalStack.CATALOG), GatewayRoutes.serviceFor(EM + "/assignmentPolicies"));
        assertEquals(Optional.of(LocalStack.CATALOG),
                GatewayRoutes.serviceFor("/v1.0/roleManagement/entitlementManagement/roleAssignments"));
    }

    @Test
    void theBareEntityPathsBelongToTheirServices() {
        assertEquals(Optional.of(LocalStack.CATALOG), GatewayRoutes.serviceFor(EM));
        assertEquals(Optional.of(LocalStack.CATALOG), GatewayRoutes.serviceFor("/v1.0/roleManagement/entitlementManagement"));
        assertEquals(Optional.of(LocalStack.PIM), GatewayRoutes.serviceFor("/v1.0/roleManagement/directory"));
        assertEquals(Optional.of(LocalStack.PROVISIONING), GatewayRoutes.serviceFor("/v1.0/servicePrincipals/x/appRoleAssignedTo"));
    }

    @Test
    void prefixesMatchWholeSegmentsOnly() {
        assertTrue(GatewayRoutes.serviceFor("/v1.0/directoryObjects").isEmpty());
        assertTrue(GatewayRoutes.serviceFor("/v1.0/identityGovernance/entitlementManagementX").isEmpty());
        assertTrue(GatewayRoutes.serviceFor("/v1.0/identityGovernance/accessReviews").isEmpty());
        // "assignmentsX" is not "assignments": it belongs to catalog-service's catch-all.
        assertEquals(Optional.of(LocalStack.CATALOG), GatewayRoutes.serviceFor(EM + "/assignmentsX"));
        assertTrue(GatewayRoutes.serviceFor("/v1.0/usersettings").isEmpty());
    }

    @Test
    void directoryAndPimPathsGoToTheirServices() {
        assertEquals(Optional.of(LocalStack.PROVISIONING), GatewayRoutes.serviceFor("/v1.0/users"));
        assertEquals(Optional.of(LocalStack.PROVISIONING), GatewayRoutes.serviceFor("/v1.0/groups/x/members/$ref"));
        assertEquals(Optional.of(LocalStack.PROVISIONING), GatewayRoutes.serviceFor("/v1.0/directory/administrativeUnits"));
        assertEquals(Optional.of(LocalStack.PIM), GatewayRoutes.serviceFor("/v1.0/roleManagement/directory/roleDefinitions"));
        assertEquals(Optional.of(LocalStack.PIM), GatewayRoutes.serviceFor("/v1.0/policies/roleManagementPolicies"));
        assertEquals(Optional.of(LocalStack.PIM),
                GatewayRoutes.serviceFor("/v1.0/policies/roleManagementPolicyAssignments"));
    }

    @Test
    void lifecycleWorkflowsGoToProvisioning() {
        assertEquals(Optional.of(LocalStack.PROVISIONING),
                GatewayRoutes.serviceFor("/v1.0/identityGovernance/lifecycleWorkflows/workflows"));
        assertEquals(Optional.of(LocalStack.PROVISIONING),
                GatewayRoutes.serviceFor("/v1.0/identityGovernance/lifecycleWorkflows/taskDefinitions/x"));
        assertEquals(Optional.of(LocalStack.CATALOG), GatewayRoutes.serviceFor(EM + "/catalogs"));
    }

    @Test
    void pathsOutsideTheGraphRootHaveNoRoute() {
        assertTrue(GatewayRoutes.serviceFor("/q/health").isEmpty());
        assertTrue(GatewayRoutes.serviceFor("/v1.0/me").isEmpty());
        assertTrue(GatewayRoutes.serviceFor("/beta/users").isEmpty());
        assertTrue(GatewayRoutes.serviceFor("/q/metrics").isEmpty());
        assertTrue(GatewayRoutes.serviceFor("/internal/v1/catalogs").isEmpty());
        for (GatewayRoutes.Route route : GatewayRoutes.routes()) {
            assertTrue((route.prefix().startsWith("/v1.0/")
                    || route.prefix().startsWith("/beta/identityGovernance/entitlementManagement")) && !route.prefix().contains("/internal")
                    && !route.prefix().contains("/q/"), route.prefix());
        }
    }

    @Test
    void betaEntitySetsGoWhereTheirV1TwinsAreServed() {
        String beta = "/beta/identityGovernance/entitlementManagement";
        assertEquals(Optional.of(LocalStack.REQUEST), GatewayRoutes.serviceFor(beta + "/accessPackageAssignmentRequests"));
        assertEquals(Optional.of(LocalStack.REQUEST), GatewayRoutes.serviceFor(beta + "/accessPackageAssignmentRequests/x"));
        assertEquals(Optional.of(LocalStack.REQUEST), GatewayRoutes.serviceFor(beta + "/accessPackageAssignments?$filter=x"));
        assertEquals(Optional.of(LocalStack.CATALOG), GatewayRoutes.serviceFor(beta + "/accessPackageAssignmentPolicies"));
        assertEquals(Optional.of(LocalStack.CATALOG), GatewayRoutes.serviceFor(beta + "/accessPackageAssignmentsX"));
        assertEquals(Optional.of(LocalStack.CATALOG), GatewayRoutes.serviceFor(beta + "/accessPackageCatalogs/x/accessPackageResources"));
        assertEquals(Optional.of(LocalStack.CATALOG), GatewayRoutes.serviceFor(beta + "/accessPackages/x/accessPackageResourceRoleScopes"));
        // an entitlement-management set not served in beta: catalog-service's beta edge answers the 404 naming it
        assertEquals(Optional.of(LocalStack.CATALOG), GatewayRoutes.serviceFor(beta + "/accessPackageAssignmentApprovals"));
        // other beta roots have no route: the gateway's own 404
        assertTrue(GatewayRoutes.serviceFor("/beta").isEmpty());
        assertTrue(GatewayRoutes.serviceFor("/beta/identityGovernance/accessReviews").isEmpty());
        assertTrue(GatewayRoutes.serviceFor(beta + "X").isEmpty());
    }
}
