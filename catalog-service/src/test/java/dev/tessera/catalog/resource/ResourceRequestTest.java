package dev.tessera.catalog.resource;

import static dev.tessera.catalog.Fixtures.EM;
import static dev.tessera.catalog.Fixtures.GENERAL;
import static dev.tessera.catalog.Fixtures.admin;
import static dev.tessera.catalog.Fixtures.onboardRequest;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.tessera.catalog.FakeDirectoryApi;
import dev.tessera.catalog.FakeOriginApis;
import dev.tessera.testsupport.Tokens;
import dev.tessera.catalog.Fixtures;
import dev.tessera.testsupport.TesseraInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class ResourceRequestTest {

    @Test
    void aGroupTakesItsNameFromTheDirectoryUnlessOneIsGiven() {
        String catalog = Fixtures.newCatalog("Names " + UUID.randomUUID());
        String named = FakeDirectoryApi.newGroup("Directory name");
        String renamed = FakeDirectoryApi.newGroup("Ignored name");
        Fixtures.groupAdmin().body(onboardRequest(named, catalog)).when().post(EM + "/resourceRequests").then().statusCode(201);
        Fixtures.groupAdmin().body("""
                {"requestType":"AdminAdd","resource":{"displayName":"Test group","originId":"%s","originSystem":"aadgroup"},
                 "catalog":{"id":"%s"}}""".formatted(renamed, catalog))
                .when().post(EM + "/resourceRequests").then().statusCode(201).body("requestType", equalTo("adminAdd"));
        admin().queryParam("$filter", "originId eq '" + named + "'").when().get(EM + "/catalogs/" + catalog + "/resources")
                .then().statusCode(200).body("value[0].displayName", equalTo("Directory name"))
                .body("value[0].description", equalTo("Group Directory name"))
                .body("value[0].attributes", hasSize(0))
                .body("value[0].roles", org.hamcrest.Matchers.nullValue());
        admin().queryParam("$filter", "displayName eq 'Test group' and originSystem eq 'AadGroup'")
                .when().get(EM + "/catalogs/" + catalog + "/resources")
                .then().statusCode(200).body("value.originId", equalTo(List.of(renamed)));
    }

    @Test
    void aGroupThatIsNotInTheDirectoryIsRefusedByName() {
        String missing = UUID.randomUUID().toString();
        admin().body(onboardRequest(missing, GENERAL)).when().post(EM + "/resourceRequests")
                .then().statusCode(400).body("error.target", equalTo("resource.originId"))
                .body("error.message", containsString(missing));
    }

    @Test
    void theSameGroupTwiceInACatalogIsRefusedButAnotherCatalogMayHaveIt() {
        String catalog = Fixtures.newCatalog("Twice " + UUID.randomUUID());
        Fixtures.Onboarded group = Fixtures.onboardNewGroup(catalog);
        Fixtures.groupAdmin().body(onboardRequest(group.groupId(), catalog)).when().post(EM + "/resourceRequests")
                .then().statusCode(400).body("error.code", equalTo("ResourceAlreadyOnboarded"));
        Fixtures.groupAdmin().body(onboardRequest(group.groupId(), Fixtures.newCatalog("Other " + UUID.randomUUID())))
                .when().post(EM + "/resourceRequests").then().statusCode(201);
    }

    /** Adds sites: SharePoint Administrator (and, for the catalog, Identity Governance Administrator). */
    static RequestSpecification siteAdmin() {
        return Fixtures.as(Tokens.admin(UUID.randomUUID().toString(), Fixtures.IGA, "SharePoint Administrator"));
    }

    static String addRequest(String originSystem, String originId, String catalog) {
        return """
                {"requestType":"adminAdd","resource":{"originId":"%s","originSystem":"%s"},"catalog":{"id":"%s"}}
                """.formatted(originId, originSystem, catalog);
    }

    @Test
    void anApplicationBringsTheAppRolesUsersCanHoldOrDefaultAccess() {
        String catalog = Fixtures.newCatalog("Apps " + UUID.randomUUID());
        String reader = UUID.randomUUID().toString();
        String app = FakeOriginApis.newApplication("Expenses", List.of(
                new FakeOriginApis.AppRole(reader, "Expense reader", List.of("User"), true),
                new FakeOriginApis.AppRole(UUID.randomUUID().toString(), "Daemon", List.of("Application"), true),
                new FakeOriginApis.AppRole(UUID.randomUUID().toString(), "Retired", List.of("User"), false)));
        admin().body(addRequest("AadApplication", app.toUpperCase(), catalog)).when().post(EM + "/resourceRequests")
                .then().statusCode(201).body("state", equalTo("delivered"));
        admin().queryParam("$filter", "originSystem eq 'AadApplication'").queryParam("$expand", "roles,scopes")
                .when().get(EM + "/catalogs/" + catalog + "/resources").then().statusCode(200)
                .body("value", hasSize(1)).body("value[0].originId", equalTo(app))
                .body("value[0].displayName", equalTo("Expenses"))
                .body("value[0].roles.originId", equalTo(List.of(reader)))
                .body("value[0].roles[0].displayName", equalTo("Expense reader"))
                .body("value[0].roles[0].originSystem", equalTo("AadApplication"))
                .body("value[0].scopes[0].originId", equalTo(app));

        String bare = FakeOriginApis.newApplication("No roles", List.of());
        admin().body(addRequest("aadapplication", bare, catalog)).when().post(EM + "/resourceRequests").then().statusCode(201);
        admin().queryParam("$filter", "originId eq '" + OriginObjects.DEFAULT_ACCESS + "'")
                .when().get(EM + "/catalogs/" + catalog + "/resourceRoles").then().statusCode(200)
                .body("value.displayName", equalTo(List.of("Default Access")));

        String missing = UUID.randomUUID().toString();
        admin().body(addRequest("AadApplication", missing, catalog)).when().post(EM + "/resourceRequests")
                .then().statusCode(400).body("error.message", containsString("Application '" + missing + "' does not exist"));

        // an app role goes into an access package like a group's role
        String roleId = admin().queryParam("$filter", "originId eq '" + reader + "'")
                .when().get(EM + "/catalogs/" + catalog + "/resourceRoles").then().extract().path("value[0].id");
        String scopeId = admin().queryParam("$filter", "originId eq '" + app + "'").queryParam("$expand", "scopes")
                .when().get(EM + "/catalogs/" + catalog + "/resources").then().extract().path("value[0].scopes[0].id");
        Fixtures.addRoleScope(Fixtures.newPackage(catalog, "Expense readers"), roleId, scopeId);
    }

    @Test
    void aSiteIsFoundByItsUrlAndBringsItsRoles() {
        String catalog = Fixtures.newCatalog("Sites " + UUID.randomUUID());
        String url = "https://contoso.sharepoint.com/sites/Marketing-" + UUID.randomUUID();
        FakeOriginApis.newSite("Marketing", url);
        siteAdmin().body(addRequest("SharePointOnline", url + "/", catalog)).when().post(EM + "/resourceRequests")
                .then().statusCode(201);
        admin().queryParam("$filter", "originSystem eq 'SharePointOnline'").queryParam("$expand", "roles")
                .when().get(EM + "/catalogs/" + catalog + "/resources").then().statusCode(200)
                .body("value[0].originId", equalTo(url)).body("value[0].displayName", equalTo("Marketing"))
                .body("value[0].roles.originId", containsInAnyOrder("3", "4", "5"))
                .body("value[0].roles.find { it.originId == '4' }.displayName", equalTo("Marketing Members"));
        siteAdmin().body(addRequest("SharePointOnline", url, catalog)).when().post(EM + "/resourceRequests")
                .then().statusCode(400).body("error.code", equalTo("ResourceAlreadyOnboarded"));

        String nowhere = "https://contoso.sharepoint.com/sites/Nowhere-" + UUID.randomUUID();
        siteAdmin().body(addRequest("SharePointOnline", nowhere, catalog)).when().post(EM + "/resourceRequests")
                .then().statusCode(400).body("error.message", containsString(nowhere));
        siteAdmin().body(addRequest("SharePointOnline", "Marketing", catalog)).when().post(EM + "/resourceRequests")
                .then().statusCode(400).body("error.target", equalTo("resource.originId"))
                .body("error.message", containsString("URL"));
    }

    @Test
    void directoryRolesNeedAPrivilegedRoleAdministratorAndAreGrantedEligibleOrActive() {
        String catalog = Fixtures.newCatalog("Roles " + UUID.randomUUID());
        String role = FakeOriginApis.newRoleDefinition("Helpdesk Administrator");
        admin().body(addRequest("DirectoryRole", role, catalog)).when().post(EM + "/resourceRequests")
                .then().statusCode(403);
        var pra = Fixtures.as(Tokens.admin(UUID.randomUUID().toString(), Fixtures.IGA, "Privileged Role Administrator"));
        pra.body(addRequest("DirectoryRole", role, catalog)).when().post(EM + "/resourceRequests").then().statusCode(201);
        admin().queryParam("$filter", "originSystem eq 'DirectoryRole'").queryParam("$expand", "roles,scopes")
                .when().get(EM + "/catalogs/" + catalog + "/resources").then().statusCode(200)
                .body("value[0].displayName", equalTo("Helpdesk Administrator"))
                .body("value[0].roles.originId", containsInAnyOrder("Eligible", "Active"))
                .body("value[0].roles.find { it.originId == 'Eligible' }.displayName", equalTo("Eligible Member"))
                .body("value[0].roles.find { it.originId == 'Active' }.displayName", equalTo("Active Member"))
                .body("value[0].scopes[0].originId", equalTo(role))
                .body("value[0].scopes[0].isRootScope", equalTo(true));
        String unknown = UUID.randomUUID().toString();
        Fixtures.as(Tokens.admin(UUID.randomUUID().toString(), Fixtures.IGA, "Privileged Role Administrator"))
                .body(addRequest("DirectoryRole", unknown, catalog)).when().post(EM + "/resourceRequests")
                .then().statusCode(400).body("error.message", containsString("Directory role '" + unknown + "'"));
        admin().body(addRequest("Mainframe", unknown, catalog)).when().post(EM + "/resourceRequests")
                .then().statusCode(400).body("error.target", equalTo("resource.originSystem"));
    }

    @Test
    void malformedResourceRequestsAreRefusedWithTheFieldNamed() {
        String group = FakeDirectoryApi.newGroup("Valid");
        admin().body("{\"requestType\":\"adminAdd\",\"resource\":{\"originId\":\"not-a-guid\",\"originSystem\":\"AadGroup\"},"
                + "\"catalog\":{\"id\":\"" + GENERAL + "\"}}").when().post(EM + "/resourceRequests")
                .then().statusCode(400).body("error.target", equalTo("resource.originId"));
        admin().body(onboardRequest(group, "nope")).when().post(EM + "/resourceRequests")
                .then().statusCode(400).body("error.target", equalTo("catalog.id"));
        admin().body(onboardRequest(group, UUID.randomUUID().toString())).when().post(EM + "/resourceRequests")
                .then().statusCode(400).body("error.target", equalTo("catalog.id"))
                .body("error.message", containsString("not found"));
        admin().body("{\"requestType\":\"adminShuffle\",\"resource\":{},\"catalog\":{\"id\":\"" + GENERAL + "\"}}")
                .when().post(EM + "/resourceRequests")
                .then().statusCode(400).body("error.target", equalTo("requestType"));
        admin().body("{\"requestType\":\"userAdd\",\"resource\":{},\"catalog\":{\"id\":\"" + GENERAL + "\"}}")
                .when().post(EM + "/resourceRequests")
                .then().statusCode(400).body("error.target", equalTo("requestType"));
        admin().body("{\"requestType\":\"adminAdd\",\"catalog\":{\"id\":\"" + GENERAL + "\"}}")
                .when().post(EM + "/resourceRequests").then().statusCode(400).body("error.target", equalTo("resource"));
        admin().body("{\"requestType\":\"adminAdd\",\"resource\":{\"originId\":\"" + group + "\"},\"catalog\":{\"id\":\""
                + GENERAL + "\"}}").when().post(EM + "/resourceRequests")
                .then().statusCode(400).body("error.target", equalTo("resource.originSystem"));
    }

    @Test
    void anUnreachableDirectoryIsAServiceUnavailableError() {
        admin().body(onboardRequest(FakeDirectoryApi.BROKEN, GENERAL)).when().post(EM + "/resourceRequests")
                .then().statusCode(503).body("error.code", equalTo("serviceNotAvailable"))
                .header("Retry-After", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void aResourceInUseStaysUntilNoPackageUsesItsRoles() {
        String catalog = Fixtures.newCatalog("In use " + UUID.randomUUID());
        Fixtures.Onboarded group = Fixtures.onboardNewGroup(catalog);
        String accessPackage = Fixtures.newPackage(catalog, "Uses the group");
        String roleScope = Fixtures.addRoleScope(accessPackage, group.ownerRoleId(), group.rootScopeId());
        String remove = "{\"requestType\":\"adminRemove\",\"resource\":{\"id\":\"" + group.resourceId()
                + "\"},\"catalog\":{\"id\":\"" + catalog + "\"}}";

        Fixtures.groupAdmin().body(remove).when().post(EM + "/resourceRequests").then().statusCode(409)
                .body("error.code", equalTo("ResourceInUse"));
        admin().when().delete(EM + "/accessPackages/" + accessPackage + "/resourceRoleScopes/" + roleScope)
                .then().statusCode(204);
        Fixtures.groupAdmin().body(remove).when().post(EM + "/resourceRequests").then().statusCode(201)
                .body("requestType", equalTo("adminRemove")).body("state", equalTo("delivered"));

        admin().queryParam("$filter", "id eq '" + group.resourceId() + "'").when()
                .get(EM + "/catalogs/" + catalog + "/resources").then().statusCode(200).body("value", hasSize(0));
        admin().when().get(EM + "/catalogs/" + catalog + "/resourceRoles").then().statusCode(200).body("value", hasSize(0));
        Fixtures.groupAdmin().body(remove).when().post(EM + "/resourceRequests").then().statusCode(400)
                .body("error.target", equalTo("resource.id"));
    }

    @Test
    void adminUpdateRenamesAResource() {
        String catalog = Fixtures.newCatalog("Rename " + UUID.randomUUID());
        Fixtures.Onboarded group = Fixtures.onboardNewGroup(catalog);
        admin().body("{\"requestType\":\"adminUpdate\",\"resource\":{\"id\":\"" + group.resourceId()
                        + "\",\"displayName\":\"Renamed\"},\"catalog\":{\"id\":\"" + catalog + "\"}}")
                .when().post(EM + "/resourceRequests").then().statusCode(201).body("requestType", equalTo("adminUpdate"));
        admin().queryParam("$filter", "id eq '" + group.resourceId() + "'")
                .when().get(EM + "/catalogs/" + catalog + "/resources")
                .then().statusCode(200).body("value[0].displayName", equalTo("Renamed"));
        admin().queryParam("$filter", "requestType eq 'adminUpdate' and catalog/id eq '" + catalog + "'")
                .when().get(EM + "/resourceRequests")
                .then().statusCode(200).body("value", hasSize(1)).body("value[0].state", equalTo("delivered"));
    }

    @Test
    void resourceRolesAreFilteredByResourceOriginAndNameAndExpandTheirResource() {
        String catalog = Fixtures.newCatalog("Roles " + UUID.randomUUID());
        Fixtures.Onboarded first = Fixtures.onboardNewGroup(catalog);
        Fixtures.Onboarded second = Fixtures.onboardNewGroup(catalog);
        String roles = EM + "/catalogs/" + catalog + "/resourceRoles";

        admin().when().get(roles).then().statusCode(200).body("value", hasSize(4));
        admin().queryParam("$filter", "(originSystem eq 'AadGroup' and resource/id eq '" + second.resourceId() + "')")
                .queryParam("$expand", "resource")
                .when().get(roles).then().statusCode(200).body("value", hasSize(2))
                .body("value.resource.originId", equalTo(List.of(second.groupId(), second.groupId())));
        admin().queryParam("$filter", "displayName eq 'Member'").when().get(roles)
                .then().statusCode(200).body("value", hasSize(2)).body("value[0].resource", org.hamcrest.Matchers.nullValue());
        admin().queryParam("$filter", "originId eq 'Owner_" + first.groupId() + "'").when().get(roles)
                .then().statusCode(200).body("value.id", equalTo(List.of(first.ownerRoleId())));
        admin().queryParam("$filter", "resource/id eq 'x'").when().get(roles).then().statusCode(400);
        admin().when().get(EM + "/catalogs/" + UUID.randomUUID() + "/resourceRoles").then().statusCode(404);
    }

    /** 004: "dynamic groups ... only Owner role": a rule, not an assignment, decides who is a member. */
    @Test
    void aDynamicGroupOffersOnlyItsOwnerRole() {
        String catalog = Fixtures.newCatalog("Dynamic " + UUID.randomUUID());
        String group = FakeDirectoryApi.newDynamicGroup("Dynamic sales");
        Fixtures.groupAdmin().body(onboardRequest(group, catalog)).when().post(EM + "/resourceRequests")
                .then().statusCode(201).body("state", equalTo("delivered"));
        admin().queryParam("$filter", "originId eq '" + group + "'").queryParam("$expand", "roles")
                .when().get(EM + "/catalogs/" + catalog + "/resources")
                .then().statusCode(200).body("value[0].roles.displayName", equalTo(List.of("Owner")))
                .body("value[0].roles.originId", equalTo(List.of("Owner_" + group)));
        String accessPackage = Fixtures.newPackage(catalog, "Dynamic " + UUID.randomUUID());
        admin().body("""
                {"role":{"originId":"Member_%s","originSystem":"AadGroup"},"scope":{"originId":"%s","originSystem":"AadGroup"}}
                """.formatted(group, group))
                .when().post(EM + "/accessPackages/" + accessPackage + "/resourceRoleScopes")
                .then().statusCode(400).body("error.target", equalTo("role"));
    }

    @Test
    void resourcesAreFilteredByIdAndOriginAndPaged() {
        String catalog = Fixtures.newCatalog("Resources " + UUID.randomUUID());
        Fixtures.Onboarded first = Fixtures.onboardNewGroup(catalog);
        Fixtures.onboardNewGroup(catalog);
        Fixtures.onboardNewGroup(catalog);
        String resources = EM + "/catalogs/" + catalog + "/resources";

        admin().queryParam("$filter", "id eq '" + first.resourceId() + "'").queryParam("$expand", "scopes")
                .when().get(resources).then().statusCode(200)
                .body("value.originId", equalTo(List.of(first.groupId())))
                .body("value[0].scopes[0].id", equalTo(first.rootScopeId()));
        admin().queryParam("$filter", "originSystem eq 'AadGroup'").queryParam("$top", 2)
                .when().get(resources).then().statusCode(200).body("value", hasSize(2))
                .body("'@odata.nextLink'", containsString("%24top=2"));
    }
}
