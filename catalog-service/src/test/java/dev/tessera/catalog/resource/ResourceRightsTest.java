package dev.tessera.catalog.resource;

import static dev.tessera.catalog.Fixtures.EM;
import static dev.tessera.catalog.Fixtures.IGA;
import static dev.tessera.catalog.Fixtures.admin;
import static dev.tessera.catalog.Fixtures.as;
import static dev.tessera.catalog.Fixtures.newCatalog;
import static dev.tessera.catalog.Fixtures.newCatalogOwner;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.tessera.catalog.FakeDirectoryApi;
import dev.tessera.catalog.FakeOriginApis;
import dev.tessera.testsupport.TesseraInfraResource;
import dev.tessera.testsupport.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Adding a resource to a catalog takes a role in the catalog and rights over the resource: its
 * ownership, or a directory role administering it (Entra's table); role-assignable groups and directory
 * roles only a Privileged Role or Global Administrator. Each refusal leaves the catalog as it was.
 */
@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class ResourceRightsTest {

    String catalog;

    @BeforeEach
    void aCatalog() {
        catalog = newCatalog("Rights " + UUID.randomUUID());
    }

    static String addRequest(String system, String originId, String catalogId) {
        return """
                {"requestType":"adminAdd","resource":{"originId":"%s","originSystem":"%s"},"catalog":{"id":"%s"}}
                """.formatted(originId, system, catalogId);
    }

    static String removeRequest(String system, String originId, String catalogId) {
        return addRequest(system, originId, catalogId).replace("adminAdd", "adminRemove");
    }

    ValidatableResponse add(String token, String system, String originId) {
        return as(token).body(addRequest(system, originId, catalog)).when().post(EM + "/resourceRequests").then();
    }

    /** A token of this catalog's owner, who also holds the directory roles given. */
    String catalogOwner(String... roles) {
        return Tokens.admin(newCatalogOwner(catalog), roles);
    }

    static String freshAdmin(String... roles) {
        return Tokens.admin(UUID.randomUUID().toString(), roles);
    }

    void catalogHolds(int resources) {
        admin().when().get(EM + "/catalogs/" + catalog + "/resources").then().statusCode(200)
                .body("value", hasSize(resources));
    }

    @Test
    void aCatalogOwnerAddsOnlyTheGroupsTheyOwnOrAdminister() {
        String owner = newCatalogOwner(catalog);
        String notTheirs = FakeDirectoryApi.newGroup("Finance " + UUID.randomUUID());
        add(Tokens.user(owner), "AadGroup", notTheirs).statusCode(403)
                .body("error.code", equalTo("accessDenied"))
                .body("error.message", equalTo("Only an owner of the group or an administrator of groups (Global, "
                        + "User, Groups or Intune Administrator) may add it to a catalog."));
        catalogHolds(0);

        String theirs = FakeDirectoryApi.newGroup("Owned " + UUID.randomUUID(), owner);
        add(Tokens.user(owner), "AadGroup", theirs).statusCode(201).body("state", equalTo("delivered"));

        add(catalogOwner("Groups Administrator"), "AadGroup", notTheirs).statusCode(201);
        add(catalogOwner("User Administrator"), "AadGroup", FakeDirectoryApi.newGroup("U " + UUID.randomUUID()))
                .statusCode(201);
        catalogHolds(3);
        // a Groups Administrator without a role in the catalog is refused by the catalog
        add(freshAdmin("Groups Administrator"), "AadGroup", FakeDirectoryApi.newGroup("X " + UUID.randomUUID()))
                .statusCode(403);
        catalogHolds(3);
    }

    @Test
    void anIdentityGovernanceAdministratorAddsGroupsOnlyTheyOwnOrAlsoAdminister() {
        // Entra: the role holds groups/members/update but not groups/owners/update
        String iga = UUID.randomUUID().toString();
        add(Tokens.admin(iga, IGA), "AadGroup", FakeDirectoryApi.newGroup("G " + UUID.randomUUID())).statusCode(403);
        add(Tokens.admin(iga, IGA), "AadGroup", FakeDirectoryApi.newGroup("G " + UUID.randomUUID(), iga))
                .statusCode(201);
        add(freshAdmin(IGA, "Groups Administrator"), "AadGroup", FakeDirectoryApi.newGroup("G " + UUID.randomUUID()))
                .statusCode(201);
        add(freshAdmin("Global Administrator"), "AadGroup", FakeDirectoryApi.newGroup("G " + UUID.randomUUID()))
                .statusCode(201);
        catalogHolds(3);
    }

    @Test
    void aMicrosoft365GroupMayAlsoBeAddedByExchangeAndSharePointAdministrators() {
        add(catalogOwner("Exchange Administrator"), "AadGroup", FakeDirectoryApi.newGroup("S " + UUID.randomUUID()))
                .statusCode(403);
        add(catalogOwner("Exchange Administrator"), "AadGroup", FakeDirectoryApi.newUnifiedGroup("M " + UUID.randomUUID()))
                .statusCode(201);
        add(catalogOwner("SharePoint Administrator"), "AadGroup", FakeDirectoryApi.newUnifiedGroup("M " + UUID.randomUUID()))
                .statusCode(201);
        add(catalogOwner("Intune Administrator"), "AadGroup", FakeDirectoryApi.newGroup("S " + UUID.randomUUID()))
                .statusCode(201);
    }

    @Test
    void aRoleAssignableGroupNeedsAPrivilegedRoleOrGlobalAdministrator() {
        String groupOwner = newCatalogOwner(catalog);
        String group = FakeDirectoryApi.newRoleAssignableGroup("Tier 0 " + UUID.randomUUID(), groupOwner);
        String refusal = "Group '" + group + "' is role-assignable: only a Privileged Role Administrator or Global "
                + "Administrator may add it to a catalog.";
        add(freshAdmin(IGA), "AadGroup", group).statusCode(403).body("error.message", equalTo(refusal));
        add(Tokens.user(groupOwner), "AadGroup", group).statusCode(403).body("error.message", equalTo(refusal));
        add(catalogOwner("Groups Administrator", "User Administrator"), "AadGroup", group).statusCode(403);
        add(freshAdmin(IGA, "Groups Administrator"), "AadGroup", group).statusCode(403);
        // a Privileged Role Administrator still needs a role in the catalog
        add(freshAdmin("Privileged Role Administrator"), "AadGroup", group).statusCode(403);
        catalogHolds(0);

        add(catalogOwner("Privileged Role Administrator"), "AadGroup", group).statusCode(201);
        add(freshAdmin(IGA, "Privileged Role Administrator"), "AadGroup",
                FakeDirectoryApi.newRoleAssignableGroup("Tier 0 " + UUID.randomUUID())).statusCode(201);
        add(freshAdmin("Global Administrator"), "AadGroup",
                FakeDirectoryApi.newRoleAssignableGroup("Tier 0 " + UUID.randomUUID())).statusCode(201);
        catalogHolds(3);
    }

    @Test
    void aDirectoryRoleNeedsAPrivilegedRoleOrGlobalAdministrator() {
        String role = FakeOriginApis.newRoleDefinition("Helpdesk Administrator");
        add(freshAdmin(IGA), "DirectoryRole", role).statusCode(403).body("error.message", equalTo("Directory role '"
                + role + "': only a Privileged Role Administrator or Global Administrator may add it to a catalog."));
        add(catalogOwner("Groups Administrator", "Application Administrator"), "DirectoryRole", role).statusCode(403);
        catalogHolds(0);
        add(catalogOwner("Privileged Role Administrator"), "DirectoryRole", role).statusCode(201);
        add(freshAdmin("Global Administrator"), "DirectoryRole",
                FakeOriginApis.newRoleDefinition("Global Reader")).statusCode(201);
        catalogHolds(2);
    }

    @Test
    void anApplicationIsAddedByItsOwnersAndApplicationAdministrators() {
        String owner = newCatalogOwner(catalog);
        String app = FakeOriginApis.newApplication("Payroll " + UUID.randomUUID(), List.of(), owner);
        String other = FakeOriginApis.newApplication("Other " + UUID.randomUUID(), List.of());
        add(Tokens.user(owner), "AadApplication", other).statusCode(403).body("error.message", containsString(
                "Only an owner of the application or an administrator of applications"));
        add(catalogOwner("Groups Administrator"), "AadApplication", other).statusCode(403);
        catalogHolds(0);
        add(Tokens.user(owner), "AadApplication", app).statusCode(201);
        add(catalogOwner("Application Administrator"), "AadApplication", other).statusCode(201);
        add(catalogOwner("Cloud Application Administrator"), "AadApplication",
                FakeOriginApis.newApplication("C " + UUID.randomUUID(), List.of())).statusCode(201);
        // Entra's table: Identity Governance Administrators may add applications
        add(freshAdmin(IGA), "AadApplication", FakeOriginApis.newApplication("I " + UUID.randomUUID(), List.of()))
                .statusCode(201);
        catalogHolds(4);
    }

    @Test
    void aSiteIsAddedByTheOwnersOfTheSiteAndSharePointAdministrators() {
        String owner = newCatalogOwner(catalog);
        String url = "https://contoso.sharepoint.com/sites/" + UUID.randomUUID();
        FakeOriginApis.newSite("Owned", url, owner);
        String otherUrl = "https://contoso.sharepoint.com/sites/" + UUID.randomUUID();
        FakeOriginApis.newSite("Other", otherUrl);
        add(Tokens.user(owner), "SharePointOnline", otherUrl).statusCode(403).body("error.message", equalTo(
                "Only an owner of the site (its Owners role) or a SharePoint Administrator or Global Administrator "
                        + "may add it to a catalog."));
        add(freshAdmin(IGA), "SharePointOnline", otherUrl).statusCode(403);
        add(catalogOwner("Groups Administrator", "Application Administrator"), "SharePointOnline", otherUrl)
                .statusCode(403);
        catalogHolds(0);
        add(Tokens.user(owner), "SharePointOnline", url).statusCode(201);
        add(catalogOwner("SharePoint Administrator"), "SharePointOnline", otherUrl).statusCode(201);
        catalogHolds(2);
    }

    @Test
    void removingAResourceNeedsTheSameRightsUnlessItIsGoneFromTheDirectory() {
        String owner = newCatalogOwner(catalog);
        String group = FakeDirectoryApi.newGroup("Added by an admin " + UUID.randomUUID());
        add(catalogOwner("Groups Administrator"), "AadGroup", group).statusCode(201);
        as(Tokens.user(owner)).body(removeRequest("AadGroup", group, catalog)).when().post(EM + "/resourceRequests")
                .then().statusCode(403).body("error.message", equalTo("Only an owner of the group or an "
                        + "administrator of groups (Global, User, Groups or Intune Administrator) may remove it "
                        + "from a catalog."));
        catalogHolds(1);
        FakeDirectoryApi.delete(group);
        as(Tokens.user(owner)).body(removeRequest("AadGroup", group, catalog)).when().post(EM + "/resourceRequests")
                .then().statusCode(201).body("requestType", equalTo("adminRemove"));
        catalogHolds(0);

        String role = FakeOriginApis.newRoleDefinition("Helpdesk Administrator");
        add(catalogOwner("Privileged Role Administrator"), "DirectoryRole", role).statusCode(201);
        as(freshAdmin(IGA)).body(removeRequest("DirectoryRole", role, catalog)).when().post(EM + "/resourceRequests")
                .then().statusCode(403);
        as(catalogOwner("Privileged Role Administrator")).body(removeRequest("DirectoryRole", role, catalog))
                .when().post(EM + "/resourceRequests").then().statusCode(201);
        catalogHolds(0);
    }

    @Test
    void renamingAResourceInTheCatalogNeedsOnlyTheCatalogRole() {
        String group = FakeDirectoryApi.newGroup("Renamed " + UUID.randomUUID());
        add(catalogOwner("Groups Administrator"), "AadGroup", group).statusCode(201);
        as(catalogOwner()).body("""
                        {"requestType":"adminUpdate","resource":{"originId":"%s","originSystem":"AadGroup",
                          "displayName":"Sales"},"catalog":{"id":"%s"}}
                        """.formatted(group, catalog))
                .when().post(EM + "/resourceRequests").then().statusCode(201);
        admin().when().get(EM + "/catalogs/" + catalog + "/resources").then().body("value[0].displayName",
                equalTo("Sales"));
    }

    @Test
    void anAppOnlyCallerNeedsTheApplicationPermissionOverTheResource() {
        String group = FakeDirectoryApi.newGroup("App " + UUID.randomUUID());
        String emOnly = Tokens.app("EntitlementManagement.ReadWrite.All");
        add(emOnly, "AadGroup", group).statusCode(403);
        add(emOnly, "AadApplication", FakeOriginApis.newApplication("A " + UUID.randomUUID(), List.of()))
                .statusCode(403);
        catalogHolds(0);
        add(Tokens.app("EntitlementManagement.ReadWrite.All", "Group.ReadWrite.All"), "AadGroup", group).statusCode(201);
        String tierZero = FakeDirectoryApi.newRoleAssignableGroup("Tier 0 " + UUID.randomUUID());
        add(Tokens.app("EntitlementManagement.ReadWrite.All", "Group.ReadWrite.All"), "AadGroup", tierZero).statusCode(403);
        add(Tokens.app("EntitlementManagement.ReadWrite.All", "RoleManagement.ReadWrite.Directory"), "AadGroup", tierZero).statusCode(201);
        catalogHolds(2);
    }
}
