package dev.tessera.catalog.role;

import static dev.tessera.catalog.Fixtures.admin;
import static dev.tessera.catalog.Fixtures.as;
import static dev.tessera.catalog.Fixtures.newCatalog;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import dev.tessera.catalog.FakeDirectoryApi;
import dev.tessera.catalog.FakeOriginApis;
import dev.tessera.testsupport.TesseraInfraResource;
import dev.tessera.testsupport.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code /roleManagement/entitlementManagement}: role definitions, and assignments with every refusal. */
@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class RoleAssignmentApiTest {

    static final String RM = "/v1.0/roleManagement/entitlementManagement";
    static final String OWNER = "ae79f266-94d4-4dab-b730-feca7e132178";
    static final String READER = "44272f93-9762-48e8-af59-1b5351b1d6b3";
    static final String PACKAGE_MANAGER = "7f480852-ebdc-47d4-87de-0d8498384a83";
    static final String ASSIGNMENT_MANAGER = "e2182095-804a-4656-ae11-64734e9b7ae5";
    static final String CREATOR = "ba92d953-d8e0-4e39-a797-0cbedb0a89e8";

    static String body(String principalId, String roleId, String catalogId) {
        return "{\"principalId\":\"" + principalId + "\",\"roleDefinitionId\":\"" + roleId
                + "\",\"appScopeId\":\"/AccessPackageCatalog/" + catalogId + "\"}";
    }

    /** Assigns the role in the catalog as an administrator; returns the assignment id. */
    static String assign(String principalId, String roleId, String catalogId) {
        return admin().body(body(principalId, roleId, catalogId)).when().post(RM + "/roleAssignments")
                .then().statusCode(201).extract().path("id");
    }

    @Test
    void theFiveBuiltInRoleDefinitionsAreListedWithTheirGraphIds() {
        String user = Tokens.user(FakeOriginApis.newUser("Member"));
        as(user).when().get(RM + "/roleDefinitions").then().statusCode(200)
                .body("value", hasSize(5))
                .body("value.id", containsInAnyOrder(OWNER, READER, PACKAGE_MANAGER, ASSIGNMENT_MANAGER, CREATOR))
                .body("value.isBuiltIn", everyItem(equalTo(true)));
        as(user).when().get(RM + "/roleDefinitions/" + CREATOR).then().statusCode(200)
                .body("displayName", equalTo("Catalog creator"))
                .body("rolePermissions[0].allowedResourceActions[0]",
                        equalTo("microsoft.entitlementManagement/AccessPackageCatalog/Create"))
                .body("'@odata.context'", containsString("roleManagement/entitlementManagement/roleDefinitions"));
        as(user).queryParam("$filter", "displayName eq 'Catalog reader'").when().get(RM + "/roleDefinitions")
                .then().statusCode(200).body("value.id", equalTo(java.util.List.of(READER)));
        as(user).queryParam("$filter", "isBuiltIn eq true and id eq '" + OWNER + "'").when().get(RM + "/roleDefinitions")
                .then().statusCode(200).body("value.id", equalTo(java.util.List.of(OWNER)));
        as(user).queryParam("$filter", "color eq 'red'").when().get(RM + "/roleDefinitions").then().statusCode(400);
        as(user).when().get(RM + "/roleDefinitions/" + UUID.randomUUID()).then().statusCode(404)
                .body("error.code", equalTo("itemNotFound"));
    }

    @Test
    void anAdministratorAssignsACatalogRoleReadsFiltersExpandsAndDeletesIt() {
        String catalog = newCatalog("Roles " + UUID.randomUUID());
        String user = FakeOriginApis.newUser("Member");
        String id = admin().body(body(user, OWNER, catalog)).when().post(RM + "/roleAssignments").then()
                .statusCode(201)
                .body("principalId", equalTo(user))
                .body("roleDefinitionId", equalTo(OWNER))
                .body("appScopeId", equalTo("/AccessPackageCatalog/" + catalog))
                .body("directoryScopeId", nullValue())
                .body("'@odata.context'", containsString("roleManagement/entitlementManagement/roleAssignments"))
                .extract().path("id");
        admin().when().get(RM + "/roleAssignments/" + id + "?$expand=roleDefinition,principal").then().statusCode(200)
                .body("roleDefinition.displayName", equalTo("Catalog owner"))
                .body("principal.id", equalTo(user))
                .body("principal.'@odata.type'", equalTo("#microsoft.graph.user"));
        admin().queryParam("$filter", "appScopeId eq '/AccessPackageCatalog/" + catalog + "'")
                .when().get(RM + "/roleAssignments").then().statusCode(200)
                .body("value.id", equalTo(java.util.List.of(id)));
        admin().queryParam("$filter", "principalId eq '" + user + "' and roleDefinitionId eq '" + OWNER + "'")
                .when().get(RM + "/roleAssignments").then().statusCode(200).body("value.id", equalTo(java.util.List.of(id)));
        admin().queryParam("$filter", "principalId eq '" + user + "' and roleDefinitionId eq '" + READER + "'")
                .when().get(RM + "/roleAssignments").then().statusCode(200).body("value", hasSize(0));
        // the catalog's last owner may go: administrators can always manage the catalog
        admin().when().delete(RM + "/roleAssignments/" + id).then().statusCode(204);
        admin().when().get(RM + "/roleAssignments/" + id).then().statusCode(404).body("error.code", equalTo("itemNotFound"));
        admin().when().delete(RM + "/roleAssignments/" + id).then().statusCode(404);
    }

    @Test
    void theSameAssignmentTwiceIsAConflict() {
        String catalog = newCatalog("Twice " + UUID.randomUUID());
        String user = FakeOriginApis.newUser("Member");
        assign(user, READER, catalog);
        admin().body(body(user, READER, catalog)).when().post(RM + "/roleAssignments").then().statusCode(409)
                .body("error.code", equalTo("RoleAssignmentExists"));
        admin().queryParam("$filter", "principalId eq '" + user + "'").when().get(RM + "/roleAssignments")
                .then().body("value", hasSize(1));
    }

    @Test
    void catalogCreatorIsTenantWideWithDirectoryScopeSlash() {
        String user = FakeOriginApis.newUser("Member");
        admin().body("{\"principalId\":\"" + user + "\",\"roleDefinitionId\":\"" + CREATOR + "\",\"directoryScopeId\":\"/\"}")
                .when().post(RM + "/roleAssignments").then().statusCode(201)
                .body("directoryScopeId", equalTo("/")).body("appScopeId", nullValue());
        String catalog = newCatalog("Creator scope " + UUID.randomUUID());
        admin().body(body(FakeOriginApis.newUser("Member"), CREATOR, catalog)).when().post(RM + "/roleAssignments")
                .then().statusCode(400).body("error.target", equalTo("appScopeId"))
                .body("error.message", containsString("tenant-wide"));
    }

    @Test
    void badBodiesAreRefusedWithTheFieldNamedAndNothingWritten() {
        String catalog = newCatalog("Bad " + UUID.randomUUID());
        String user = FakeOriginApis.newUser("Member");
        admin().body(body(user, UUID.randomUUID().toString(), catalog)).when().post(RM + "/roleAssignments")
                .then().statusCode(400).body("error.target", equalTo("roleDefinitionId"));
        admin().body(body(user, OWNER, UUID.randomUUID().toString())).when().post(RM + "/roleAssignments")
                .then().statusCode(400).body("error.target", equalTo("appScopeId"))
                .body("error.message", containsString("was not found"));
        admin().body("{\"principalId\":\"" + user + "\",\"roleDefinitionId\":\"" + OWNER + "\"}")
                .when().post(RM + "/roleAssignments").then().statusCode(400).body("error.target", equalTo("appScopeId"));
        admin().body("{\"principalId\":\"" + user + "\",\"roleDefinitionId\":\"" + OWNER + "\",\"appScopeId\":\"/Catalogs/x\"}")
                .when().post(RM + "/roleAssignments").then().statusCode(400).body("error.target", equalTo("appScopeId"));
        admin().body("{\"principalId\":\"" + user + "\",\"roleDefinitionId\":\"" + OWNER + "\",\"directoryScopeId\":\"/\"}")
                .when().post(RM + "/roleAssignments").then().statusCode(400).body("error.target", equalTo("directoryScopeId"));
        admin().body(body(UUID.randomUUID().toString(), OWNER, catalog)).when().post(RM + "/roleAssignments")
                .then().statusCode(400).body("error.target", equalTo("principalId"))
                .body("error.message", containsString("not a user or group"));
        admin().body(body("not-a-guid", OWNER, catalog)).when().post(RM + "/roleAssignments")
                .then().statusCode(400).body("error.target", equalTo("principalId"));
        admin().body("").when().post(RM + "/roleAssignments").then().statusCode(400);
        admin().queryParam("$filter", "appScopeId eq '/AccessPackageCatalog/" + catalog + "'")
                .when().get(RM + "/roleAssignments").then().statusCode(200).body("value", hasSize(0));
    }

    @Test
    void aGroupMayHoldARole() {
        String catalog = newCatalog("Group role " + UUID.randomUUID());
        String group = FakeDirectoryApi.newGroup("Catalog readers " + UUID.randomUUID());
        admin().body(body(group, READER, catalog)).when().post(RM + "/roleAssignments?$expand=principal")
                .then().statusCode(201);
        admin().queryParam("$filter", "principalId eq '" + group + "'").queryParam("$expand", "principal")
                .when().get(RM + "/roleAssignments").then().statusCode(200)
                .body("value[0].principal.'@odata.type'", equalTo("#microsoft.graph.group"));
    }

    @Test
    void aCatalogOwnerManagesTheRolesOfTheirCatalogOnly() {
        String a = newCatalog("Owned A " + UUID.randomUUID());
        String b = newCatalog("Other B " + UUID.randomUUID());
        String owner = FakeOriginApis.newUser("Member");
        assign(owner, OWNER, a);
        String token = Tokens.user(owner);
        String colleague = FakeOriginApis.newUser("Member");
        String delegated = as(token).body(body(colleague, ASSIGNMENT_MANAGER, a)).when().post(RM + "/roleAssignments")
                .then().statusCode(201).extract().path("id");
        as(token).body(body(colleague, READER, b)).when().post(RM + "/roleAssignments").then().statusCode(403)
                .body("error.code", equalTo("accessDenied"));
        as(token).body("{\"principalId\":\"" + colleague + "\",\"roleDefinitionId\":\"" + CREATOR + "\",\"directoryScopeId\":\"/\"}")
                .when().post(RM + "/roleAssignments").then().statusCode(403);
        // they see their catalog's assignments, not other catalogs'
        String inB = assign(FakeOriginApis.newUser("Member"), READER, b);
        as(token).when().get(RM + "/roleAssignments").then().statusCode(200)
                .body("value.id", hasItem(delegated)).body("value.id", not(hasItem(inB)))
                .body("value.appScopeId", everyItem(equalTo("/AccessPackageCatalog/" + a)));
        as(token).when().get(RM + "/roleAssignments/" + inB).then().statusCode(403);
        as(token).when().delete(RM + "/roleAssignments/" + inB).then().statusCode(403);
        as(token).when().delete(RM + "/roleAssignments/" + delegated).then().statusCode(204);
        // the assignee of a role cannot hand out roles
        String reader = FakeOriginApis.newUser("Member");
        assign(reader, READER, a);
        as(Tokens.user(reader)).body(body(colleague, READER, a)).when().post(RM + "/roleAssignments").then().statusCode(403);
    }

    /**
     * A caller who may assign no role learns nothing from validation: 403 whatever the body. One who
     * may assign in some catalog (its owner) gets the 400 of a bad body.
     */
    @Test
    void aCallerWhoMayAssignNothingIsRefusedBeforeTheBodyIsRead() {
        String catalog = newCatalog("Authorize first " + UUID.randomUUID());
        String reader = FakeOriginApis.newUser("Member");
        assign(reader, READER, catalog);
        String owner = FakeOriginApis.newUser("Member");
        assign(owner, OWNER, catalog);
        String badRole = body(FakeOriginApis.newUser("Member"), UUID.randomUUID().toString(), catalog);
        String badScope = "{\"principalId\":\"" + FakeOriginApis.newUser("Member") + "\",\"roleDefinitionId\":\""
                + READER + "\",\"appScopeId\":\"/Catalogs/x\"}";
        for (String token : java.util.List.of(Tokens.user(FakeOriginApis.newUser("Member")), Tokens.user(reader))) {
            for (String bad : java.util.List.of(badRole, badScope, "{}", "")) {
                as(token).body(bad).when().post(RM + "/roleAssignments").then().statusCode(403)
                        .body("error.code", equalTo("accessDenied"));
            }
        }
        as(Tokens.user(owner)).body(badRole).when().post(RM + "/roleAssignments").then().statusCode(400)
                .body("error.target", equalTo("roleDefinitionId"));
        as(Tokens.user(owner)).body(badScope).when().post(RM + "/roleAssignments").then().statusCode(400)
                .body("error.target", equalTo("appScopeId"));
        as(Tokens.user(owner)).body("{}").when().post(RM + "/roleAssignments").then().statusCode(400);
    }
}
