package dev.tessera.platform.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The permission table: each family's read and write permissions, and deny unless a family covers the path. */
class GraphPermissionsTest {

    static final String EM = "/v1.0/identityGovernance/entitlementManagement";
    static final String PIM = "/v1.0/roleManagement/directory";
    static final String ME = "6e9f4a07-2f3b-4c8e-9a55-1d2c3b4a5e6f";

    static boolean allows(String method, String path, String... granted) {
        return GraphPermissions.required(method, path).map(r -> r.allows(Set.of(granted), false)).orElse(false);
    }

    @Test
    void entitlementManagementReadsWithReadOrReadWriteAndWritesOnlyWithReadWrite() {
        for (String path : List.of(EM + "/catalogs", EM + "/accessPackages/x/resourceRoleScopes",
                EM + "/assignmentRequests/filterByCurrentUser(on='target')", "/v1.0/roleManagement/entitlementManagement/roleAssignments")) {
            assertEquals("entitlementManagement", GraphPermissions.required("GET", path).orElseThrow().family(), path);
            assertTrue(allows("GET", path, "EntitlementManagement.Read.All"), path);
            assertTrue(allows("GET", path, "EntitlementManagement.ReadWrite.All"), path);
            assertFalse(allows("POST", path, "EntitlementManagement.Read.All"), path);
            assertTrue(allows("POST", path, "EntitlementManagement.ReadWrite.All"), path);
            assertFalse(allows("GET", path, "User.Read", "RoleManagement.ReadWrite.Directory", "Directory.ReadWrite.All"), path);
        }
        assertTrue(allows("HEAD", EM + "/catalogs", "EntitlementManagement.Read.All"));
        assertFalse(allows("DELETE", EM + "/catalogs/x", "EntitlementManagement.Read.All"));
        assertFalse(allows("PATCH", EM + "/catalogs/x", "EntitlementManagement.Read.All"));
    }

    @Test
    void getApplicablePolicyRequirementsIsPostedButReadsAsGraphDocuments() {
        String action = EM + "/accessPackages/x/getApplicablePolicyRequirements";
        assertTrue(allows("POST", action, "EntitlementManagement.Read.All"));
        assertFalse(GraphPermissions.required("POST", action).orElseThrow().write());
        assertFalse(allows("POST", EM + "/accessPackages", "EntitlementManagement.Read.All"));
        assertFalse(allows("POST", EM + "/assignmentRequests/x/cancel", "EntitlementManagement.Read.All"));
    }

    @Test
    void roleDefinitionsAreReadWithAnyDirectoryReadPermissionAsInGraph() {
        for (String permission : List.of("RoleManagement.Read.Directory", "RoleManagement.ReadWrite.Directory",
                "Directory.Read.All", "Directory.ReadWrite.All")) {
            assertTrue(allows("GET", PIM + "/roleDefinitions", permission), permission);
        }
        assertFalse(allows("POST", PIM + "/roleDefinitions", "Directory.ReadWrite.All"));
    }

    @Test
    void pimFamiliesTakeTheirOwnPermissionsOrRoleManagement() {
        assertTrue(allows("POST", PIM + "/roleEligibilityScheduleRequests", "RoleEligibilitySchedule.ReadWrite.Directory"));
        assertFalse(allows("POST", PIM + "/roleEligibilityScheduleRequests", "RoleAssignmentSchedule.ReadWrite.Directory"));
        assertTrue(allows("POST", PIM + "/roleAssignmentScheduleRequests", "RoleAssignmentSchedule.ReadWrite.Directory"));
        assertTrue(allows("POST", PIM + "/roleAssignmentScheduleRequests/x/cancel", "RoleManagement.ReadWrite.Directory"));
        assertFalse(allows("POST", PIM + "/roleAssignmentScheduleRequests", "RoleManagement.Read.Directory"));
        assertTrue(allows("GET", PIM + "/roleEligibilityScheduleInstances", "RoleManagement.Read.Directory"));
        assertTrue(allows("GET", PIM + "/roleAssignmentSchedules/x", "RoleAssignmentSchedule.Read.Directory"));
        assertTrue(allows("GET", PIM + "/roleDefinitions/x", "Directory.Read.All"));
        assertFalse(allows("POST", PIM + "/roleDefinitions", "Directory.ReadWrite.All"));
        assertTrue(allows("POST", PIM + "/roleDefinitions", "RoleManagement.ReadWrite.Directory"));
        assertTrue(allows("PATCH", "/v1.0/policies/roleManagementPolicies/x/rules/y", "RoleManagementPolicy.ReadWrite.Directory"));
        assertFalse(allows("PATCH", "/v1.0/policies/roleManagementPolicies/x/rules/y", "RoleManagementPolicy.Read.Directory"));
        assertTrue(allows("GET", "/v1.0/policies/roleManagementPolicyAssignments", "RoleManagement.Read.Directory"));
        assertTrue(allows("PATCH", PIM + "/roleAssignmentApprovals/x/steps/y", "RoleAssignmentSchedule.ReadWrite.Directory"));
        assertFalse(allows("PATCH", PIM + "/roleAssignmentApprovals/x/steps/y", "EntitlementManagement.ReadWrite.All"));
    }

    @Test
    void directoryFamilies() {
        assertTrue(allows("GET", "/v1.0/users", "User.ReadBasic.All"));
        assertTrue(allows("GET", "/v1.0/users/x/memberOf", "Directory.Read.All"));
        assertFalse(allows("POST", "/v1.0/users", "User.Read.All"));
        assertTrue(allows("PATCH", "/v1.0/users/x", "User.ReadWrite.All"));
        assertTrue(allows("PUT", "/v1.0/users/x/manager/$ref", "Directory.ReadWrite.All"));
        assertTrue(allows("GET", "/v1.0/users/x/appRoleAssignments", "AppRoleAssignment.ReadWrite.All"));
        assertTrue(allows("GET", "/v1.0/groups/x", "GroupMember.Read.All"));
        assertFalse(allows("POST", "/v1.0/groups", "GroupMember.ReadWrite.All"));
        assertTrue(allows("POST", "/v1.0/groups/x/members/$ref", "GroupMember.ReadWrite.All"));
        assertTrue(allows("DELETE", "/v1.0/groups/x/owners/y/$ref", "GroupMember.ReadWrite.All"));
        assertTrue(allows("POST", "/v1.0/groups/x/members/$ref", "Group.ReadWrite.All"));
        assertFalse(allows("POST", "/v1.0/groups/x/members/$ref", "Group.Read.All"));
        assertTrue(allows("GET", "/v1.0/servicePrincipals/x", "Application.Read.All"));
        assertTrue(allows("POST", "/v1.0/servicePrincipals/x/appRoleAssignedTo", "AppRoleAssignment.ReadWrite.All"));
        assertFalse(allows("POST", "/v1.0/servicePrincipals", "AppRoleAssignment.ReadWrite.All"));
        assertTrue(allows("GET", "/v1.0/sites/x/roles", "Sites.Read.All"));
        assertFalse(allows("POST", "/v1.0/sites/x/roles/y/members/$ref", "Sites.Read.All"));
        assertTrue(allows("POST", "/v1.0/sites/x/roles/y/members/$ref", "Sites.FullControl.All"));
        assertTrue(allows("GET", "/v1.0/directory/administrativeUnits/x/members", "AdministrativeUnit.Read.All"));
        assertTrue(allows("POST", "/v1.0/directory/administrativeUnits", "Directory.ReadWrite.All"));
    }

    @Test
    void userReadReadsOnlyTheCallerThemself() {
        GraphPermissions.Required own = GraphPermissions.required("GET", "/v1.0/users/" + ME).orElseThrow();
        assertTrue(GraphPermissions.targetsSelf("/v1.0/users/" + ME, ME));
        assertTrue(GraphPermissions.targetsSelf("/v1.0/users/" + ME.toUpperCase(), ME));
        assertTrue(GraphPermissions.targetsSelf("/v1.0/me", ME));
        assertTrue(own.allows(Set.of("User.Read"), true));
        assertFalse(own.allows(Set.of("User.Read"), false));
        assertFalse(GraphPermissions.targetsSelf("/v1.0/users/" + ME + "/memberOf", ME));
        assertFalse(GraphPermissions.targetsSelf("/v1.0/users", ME));
        assertFalse(GraphPermissions.required("PATCH", "/v1.0/users/" + ME).orElseThrow().allows(Set.of("User.Read"), true));
    }

    @Test
    void aPathNoFamilyCoversIsDenied() {
        for (String path : List.of("/v1.0", "/v1.0/", "/v1.0/applications", "/v1.0/identityGovernance/accessReviews",
                "/v1.0/roleManagement/directory/somethingNew", "/v1.0/users/../internal/v1/usage", "/v1.0//users",
                "/internal/v1/usage", "/q/metrics", "relative", "")) {
            assertTrue(GraphPermissions.required("GET", path).isEmpty(), path);
        }
        assertTrue(GraphPermissions.required("GET", "/v1.0/users/?$top=1").isPresent(), "a query and a trailing slash");
    }
}
