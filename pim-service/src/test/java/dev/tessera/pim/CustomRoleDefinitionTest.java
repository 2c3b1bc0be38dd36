package dev.tessera.pim;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tessera.common.DirectoryRoles;
import dev.tessera.testsupport.Burst;
import dev.tessera.testsupport.MutableClock;
import dev.tessera.testsupport.TesseraInfraResource;
import dev.tessera.testsupport.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Custom directory roles: created, changed and deleted by a Privileged Role Administrator, as Entra allows. */
@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class CustomRoleDefinitionTest {

    static final String ROLES = "/v1.0/roleManagement/directory/roleDefinitions";
    static final String ELIGIBILITY = "/v1.0/roleManagement/directory/roleEligibilityScheduleRequests";

    @Inject
    MutableClock clock;

    final String pra = Tokens.admin(UUID.randomUUID().toString(), "Privileged Role Administrator");

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    ValidatableResponse send(String method, String token, String path, String body) {
        var request = given().auth().oauth2(token).contentType(ContentType.JSON);
        if (body != null) {
            request = request.body(body);
        }
        return request.when().request(method, path).then();
    }

    static String role(String name, String actions) {
        return """
                {"description":"Update basic properties of application registrations","displayName":"%s",
                 "rolePermissions":[{"allowedResourceActions":[%s]}],"isEnabled":true}
                """.formatted(name, actions);
    }

    @Test
    void aCustomRoleIsCreatedReadChangedAndDeleted() {
        String name = "Application Support Administrator " + UUID.randomUUID();
        String id = send("POST", pra, ROLES, role(name, "\"microsoft.directory/applications/basic/update\""))
                .statusCode(201)
                .body("'@odata.context'", containsString("$metadata#roleManagement/directory/roleDefinitions/$entity"))
                .body("isBuiltIn", equalTo(false)).body("isEnabled", equalTo(true))
                .body("displayName", equalTo(name)).body("resourceScopes", equalTo(List.of("/")))
                .body("rolePermissions[0].allowedResourceActions", equalTo(List.of("microsoft.directory/applications/basic/update")))
                .extract().path("id");
        given().auth().oauth2(Tokens.user(UUID.randomUUID().toString())).when().get(ROLES + "/" + id).then()
                .statusCode(200).body("templateId", equalTo(id)).body("version", equalTo("1"));
        given().auth().oauth2(pra).queryParam("$filter", "isBuiltIn eq false").when().get(ROLES).then()
                .statusCode(200).body("value.id", hasItem(id));

        send("PATCH", pra, ROLES + "/" + id, """
                {"displayName":"%s (renamed)","rolePermissions":[{"allowedResourceActions":
                  ["microsoft.directory/applications/basic/update","microsoft.directory/applications/credentials/update"]}]}
                """.formatted(name)).statusCode(204);
        given().auth().oauth2(pra).when().get(ROLES + "/" + id).then().statusCode(200)
                .body("displayName", equalTo(name + " (renamed)"))
                .body("rolePermissions[0].allowedResourceActions", hasItem("microsoft.directory/applications/credentials/update"));

        send("DELETE", pra, ROLES + "/" + id, null).statusCode(204);
        given().auth().oauth2(pra).when().get(ROLES + "/" + id).then().statusCode(404);
    }

    @Test
    void badRoleDefinitionsAreRefusedAndBuiltInRolesAreReadOnly() {
        String name = "Custom " + UUID.randomUUID();
        send("POST", Tokens.user(UUID.randomUUID().toString()), ROLES, role(name, "\"microsoft.directory/groups/create\""))
                .statusCode(403);
        send("POST", pra, ROLES, role("", "\"microsoft.directory/groups/create\"")).statusCode(400)
                .body("error.message", containsString("displayName"));
        send("POST", pra, ROLES, role(name, "")).statusCode(400).body("error.message", containsString("at least one"));
        send("POST", pra, ROLES, role(name, "\"delete everything\"")).statusCode(400)
                .body("error.message", containsString("delete everything"));
        send("POST", pra, ROLES, """
                {"displayName":"%s","rolePermissions":[{"allowedResourceActions":["microsoft.directory/groups/create"],
                 "excludedResourceActions":["microsoft.directory/groups/delete"]}]}
                """.formatted(name)).statusCode(400).body("error.message", containsString("exclude"));
        send("POST", pra, ROLES, role("Global Administrator", "\"microsoft.directory/groups/create\"")).statusCode(409);
        send("POST", pra, ROLES, role("global administrator", "\"microsoft.directory/groups/create\"")).statusCode(409);
        given().auth().oauth2(pra).queryParam("$filter", "displayName eq '" + name + "'").when().get(ROLES).then()
                .statusCode(200).body("value.size()", equalTo(0));

        send("PATCH", pra, ROLES + "/" + DirectoryRoles.GROUPS_ADMINISTRATOR, "{\"displayName\":\"Mine now\"}")
                .statusCode(400).body("error.message", containsString("Built-in"));
        send("DELETE", pra, ROLES + "/" + DirectoryRoles.GROUPS_ADMINISTRATOR, null).statusCode(400);
        given().auth().oauth2(pra).when().get(ROLES + "/" + DirectoryRoles.GROUPS_ADMINISTRATOR).then()
                .body("displayName", equalTo("Groups Administrator"));
    }

    @Test
    void aRoleInUseCannotBeDeletedAndADisabledRoleCannotBeGranted() {
        String id = send("POST", pra, ROLES, role("Custom " + UUID.randomUUID(), "\"microsoft.directory/users/basic/update\""))
                .statusCode(201).extract().path("id");
        String principal = FakeDirectory.newUser();
        String assign = """
                {"action":"%s","justification":"helpdesk","roleDefinitionId":"%s","directoryScopeId":"/",
                 "principalId":"%s","scheduleInfo":{"expiration":{"type":"noExpiration"}}}
                """;
        send("POST", pra, ELIGIBILITY, assign.formatted("adminAssign", id, principal)).statusCode(201);
        send("DELETE", pra, ROLES + "/" + id, null).statusCode(400).body("error.code", equalTo("RoleDefinitionInUse"));

        send("PATCH", pra, ROLES + "/" + id, "{\"isEnabled\":false}").statusCode(204);
        send("POST", pra, ELIGIBILITY, assign.formatted("adminAssign", id, FakeDirectory.newUser())).statusCode(400)
                .body("error.code", equalTo("RoleDefinitionDisabled"));

        clock.advance(Duration.ofMinutes(6)); // past the five-minute rule
        send("POST", pra, ELIGIBILITY, """
                {"action":"adminRemove","roleDefinitionId":"%s","directoryScopeId":"/","principalId":"%s"}
                """.formatted(id, principal)).statusCode(201).body("status", equalTo("Revoked"));
        send("DELETE", pra, ROLES + "/" + id, null).statusCode(204);
    }

    /** The same DELETE by several clients at once: one wins, the others find nothing (404); no 5xx, no hang. */
    @Test
    void concurrentDeletesOfACustomRoleLetOneWin() {
        String id = send("POST", pra, ROLES, role("Raced role " + UUID.randomUUID(),
                "\"microsoft.directory/applications/basic/update\"")).statusCode(201).extract().path("id");
        assertEquals(List.of(204, 404, 404, 404), Burst.delete(pra, ROLES + "/" + id, 4));
        given().auth().oauth2(pra).when().get(ROLES + "/" + id).then().statusCode(404);
    }
}
