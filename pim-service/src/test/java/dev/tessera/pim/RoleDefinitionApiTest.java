package dev.tessera.pim;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.common.DirectoryRoles;
import dev.tessera.common.roles.BuiltInDirectoryRoles;
import dev.tessera.testsupport.TesseraInfraResource;
import dev.tessera.testsupport.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class RoleDefinitionApiTest {

    static final String ROLES = "/v1.0/roleManagement/directory/roleDefinitions";
    static final String DIRECTORY_READERS = "88d8e3e3-8f55-4a1e-953a-9b9898b8876b";

    String token() {
        return Tokens.user(UUID.randomUUID().toString());
    }

    @Test
    void builtInRolesAreServedWithTheirTemplateIds() {
        // other tests create custom roles in the same database: look at the built-in ones
        given().auth().oauth2(token()).queryParam("$filter", "isBuiltIn eq true")
                .when().get(ROLES)
                .then().statusCode(200)
                .body("'@odata.context'", equalTo("http://localhost:" + port() + "/v1.0/$metadata#roleManagement/directory/roleDefinitions"))
                .body("value.id", hasItems(DirectoryRoles.GLOBAL_ADMINISTRATOR, DirectoryRoles.GLOBAL_READER,
                        DirectoryRoles.HELPDESK_ADMINISTRATOR, DirectoryRoles.USER_ADMINISTRATOR,
                        DirectoryRoles.GROUPS_ADMINISTRATOR, DirectoryRoles.EXCHANGE_RECIPIENT_ADMINISTRATOR,
                        DirectoryRoles.POWER_BI_ADMINISTRATOR, DirectoryRoles.PRIVILEGED_ROLE_ADMINISTRATOR,
                        DirectoryRoles.IDENTITY_GOVERNANCE_ADMINISTRATOR))
                .body("value.isBuiltIn", everyItem(equalTo(true)));
    }

    @Test
    void aRoleDefinitionIsReadByIdWithItsPermissions() {
        given().auth().oauth2(token())
                .when().get(ROLES + "/" + DirectoryRoles.GROUPS_ADMINISTRATOR)
                .then().statusCode(200)
                .body("displayName", equalTo("Groups Administrator"))
                .body("templateId", equalTo(DirectoryRoles.GROUPS_ADMINISTRATOR))
                .body("rolePermissions[0].allowedResourceActions", hasItems("microsoft.directory/groups/create"))
                .body("'@odata.context'", startsWith("http://localhost:"));
    }

    @Test
    void filterAndTopPageThroughTheRoles() {
        given().auth().oauth2(token())
                .queryParam("$filter", "displayName eq 'Global Reader'")
                .when().get(ROLES)
                .then().statusCode(200).body("value", hasSize(1)).body("value[0].id", equalTo(DirectoryRoles.GLOBAL_READER));
        int builtIn = BuiltInDirectoryRoles.all().size();
        String next = given().auth().oauth2(token()).queryParam("$top", 100).queryParam("$filter", "isBuiltIn eq true")
                .when().get(ROLES)
                .then().statusCode(200).body("value", hasSize(100))
                .extract().path("'@odata.nextLink'");
        // The link is already percent-encoded: a Graph SDK GETs it verbatim.
        given().urlEncodingEnabled(false).auth().oauth2(token()).when().get(next)
                .then().statusCode(200).body("value", hasSize(builtIn - 100)).body("'@odata.nextLink'", equalTo(null));
    }

    @Test
    void everyBuiltInRoleOfTheDataFileIsServed() {
        List<String> ids = new ArrayList<>();
        String next = ROLES + "?%24filter=isBuiltIn%20eq%20true&%24select=id,displayName,isPrivileged";
        while (next != null) {
            var page = given().urlEncodingEnabled(false).auth().oauth2(token()).when().get(next)
                    .then().statusCode(200).body("value.isPrivileged", everyItem(org.hamcrest.Matchers.notNullValue()))
                    .extract().jsonPath();
            ids.addAll(page.getList("value.id"));
            next = page.getString("'@odata.nextLink'");
        }
        assertTrue(ids.size() > 100, ids.size() + " built-in roles");
        assertEquals(BuiltInDirectoryRoles.all().stream().map(BuiltInDirectoryRoles.Role::templateId).sorted().toList(),
                ids.stream().sorted().toList());
    }

    @Test
    void isPrivilegedIsMicrosoftsFlagAndFilterable() {
        given().auth().oauth2(token()).when().get(ROLES + "/" + DirectoryRoles.GLOBAL_ADMINISTRATOR)
                .then().statusCode(200).body("isPrivileged", equalTo(true)).body("isBuiltIn", equalTo(true));
        given().auth().oauth2(token()).when().get(ROLES + "/" + DIRECTORY_READERS)
                .then().statusCode(200).body("isPrivileged", equalTo(false))
                .body("displayName", equalTo("Directory Readers"))
                .body("templateId", equalTo(DIRECTORY_READERS))
                .body("description", equalTo(BuiltInDirectoryRoles.byTemplateId(DIRECTORY_READERS).orElseThrow().description()))
                .body("rolePermissions[0].allowedResourceActions", hasItems("microsoft.directory/users/standard/read",
                        "microsoft.directory/groups/members/read", "microsoft.directory/roleAssignments/standard/read"))
                .body("rolePermissions[0].allowedResourceActions", hasSize(
                        BuiltInDirectoryRoles.byTemplateId(DIRECTORY_READERS).orElseThrow().allowedResourceActions().size()));
        long privileged = BuiltInDirectoryRoles.all().stream().filter(BuiltInDirectoryRoles.Role::isPrivileged).count();
        given().auth().oauth2(token()).queryParam("$filter", "isPrivileged eq true").queryParam("$top", 999)
                .when().get(ROLES)
                .then().statusCode(200).body("value", hasSize((int) privileged))
                .body("value.id", hasItems(DirectoryRoles.GLOBAL_ADMINISTRATOR, DirectoryRoles.PRIVILEGED_ROLE_ADMINISTRATOR))
                .body("value.isPrivileged", everyItem(equalTo(true)));
        given().auth().oauth2(token()).queryParam("$filter", "isPrivileged eq false and isBuiltIn eq true")
                .queryParam("$top", 999).when().get(ROLES)
                .then().statusCode(200).body("value", hasSize(BuiltInDirectoryRoles.all().size() - (int) privileged))
                .body("value.id", hasItems(DIRECTORY_READERS));
        given().auth().oauth2(token()).queryParam("$filter", "isBuiltIn eq false").queryParam("$top", 999)
                .when().get(ROLES)
                .then().statusCode(200).body("value.isBuiltIn", everyItem(equalTo(false)))
                .body("value.isPrivileged", everyItem(equalTo(false)));
    }

    @Test
    void unknownRoleIsAGraphNotFound() {
        given().auth().oauth2(token())
                .when().get(ROLES + "/00000000-0000-0000-0000-000000000000")
                .then().statusCode(404)
                .contentType("application/json")
                .body("error.code", equalTo("itemNotFound"))
                .body("error.innerError.request-id", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void everyResponseCarriesTheCorrelationIds() {
        given().auth().oauth2(token()).header("client-request-id", "my-client-id")
                .when().get(ROLES)
                .then().statusCode(200)
                .header("client-request-id", equalTo("my-client-id"))
                .header("request-id", org.hamcrest.Matchers.matchesPattern("[0-9a-f-]{36}"));
        given().header("client-request-id", "my-client-id").when().get(ROLES)
                .then().statusCode(401)
                .header("client-request-id", equalTo("my-client-id"))
                .body("error.innerError.client-request-id", equalTo("my-client-id"));
    }

    @Test
    void aMissingTokenIsRefusedWithAGraphError() {
        given().when().get(ROLES)
                .then().statusCode(401)
                .contentType("application/json")
                .body("error.code", equalTo("InvalidAuthenticationToken"));
    }

    @Test
    void anInvalidFilterIsABadRequest() {
        given().auth().oauth2(token()).queryParam("$filter", "displayName eq")
                .when().get(ROLES)
                .then().statusCode(400).body("error.code", equalTo("invalidRequest"));
        given().auth().oauth2(token()).queryParam("$filter", "secret eq 'x'")
                .when().get(ROLES)
                .then().statusCode(400).body("error.message", org.hamcrest.Matchers.containsString("secret"));
    }

    @Test
    void unknownPathsUnderTheGraphRootAreGraphNotFound() {
        given().auth().oauth2(token()).when().get("/v1.0/roleManagement/directory/nothingHere")
                .then().statusCode(404).contentType("application/json").body("error.code", equalTo("itemNotFound"));
    }

    static int port() {
        return io.restassured.RestAssured.port;
    }
}
