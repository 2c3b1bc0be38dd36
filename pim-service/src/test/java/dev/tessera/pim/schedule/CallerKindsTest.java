package dev.tessera.pim.schedule;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import dev.tessera.common.DirectoryRoles;
import dev.tessera.pim.FakeDirectory;
import dev.tessera.testsupport.TesseraInfraResource;
import dev.tessera.testsupport.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Who may administer PIM, by the kind of token: a delegated token by its user's directory roles (wids) and
 * only with the operation's scope; an app-only token by its application permissions (roles). A roles claim
 * in a user's token is some app's role and grants nothing; a token for another audience is not Tessera's.
 */
@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class CallerKindsTest {

    static final String D = "/v1.0/roleManagement/directory/";

    static ValidatableResponse adminAssign(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body("""
                {"action":"adminAssign","justification":"rota","roleDefinitionId":"%s","directoryScopeId":"/",
                 "principalId":"%s","scheduleInfo":{"expiration":{"type":"noExpiration"}}}
                """.formatted(DirectoryRoles.GROUPS_ADMINISTRATOR, FakeDirectory.newUser()))
                .when().post(D + "roleEligibilityScheduleRequests").then();
    }

    static ValidatableResponse newRoleDefinition(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body("""
                {"displayName":"Reader %s","isEnabled":true,"rolePermissions":[{"allowedResourceActions":
                  ["microsoft.directory/applications/basic/read"]}]}
                """.formatted(UUID.randomUUID())).when().post(D + "roleDefinitions").then();
    }

    @Test
    void aRoleManagementPermissionInAUsersTokenDoesNotMakeThemAnAdministrator() {
        String member = Tokens.builder(UUID.randomUUID().toString())
                .appRoles(List.of("RoleManagement.ReadWrite.Directory", "RoleEligibilitySchedule.ReadWrite.Directory")).sign();
        adminAssign(member).statusCode(403).body("error.code", equalTo("accessDenied"));
        newRoleDefinition(member).statusCode(403);
    }

    @Test
    void anApplicationWithRoleManagementReadWriteAdministers() {
        String app = Tokens.app("RoleManagement.ReadWrite.Directory");
        adminAssign(app).statusCode(201).body("status", equalTo("Provisioned"));
        newRoleDefinition(app).statusCode(201);
        // directory roles in an app-only token grant nothing: it has only what its application permissions say
        String readOnly = Tokens.appBuilder("pim-reader").role("Privileged Role Administrator")
                .appRole("RoleManagement.Read.Directory").sign();
        given().auth().oauth2(readOnly).when().get(D + "roleEligibilityScheduleInstances").then().statusCode(200);
        adminAssign(readOnly).statusCode(403).body("error.code", equalTo("Authorization_RequestDenied"));
    }

    @Test
    void aDelegatedTokenNeedsTheScopeWhateverItsUsersRoles() {
        String narrow = Tokens.builder(UUID.randomUUID().toString()).role("Privileged Role Administrator")
                .scopes("User.Read").sign();
        given().auth().oauth2(narrow).when().get(D + "roleEligibilityScheduleInstances").then().statusCode(403)
                .contentType(ContentType.JSON)
                .body("error.code", equalTo("Authorization_RequestDenied"))
                .body("error.message", equalTo("Insufficient privileges to complete the operation."));
        adminAssign(narrow).statusCode(403).body("error.code", equalTo("Authorization_RequestDenied"));
        String eligibilityOnly = Tokens.builder(UUID.randomUUID().toString()).role("Privileged Role Administrator")
                .scopes("RoleEligibilitySchedule.ReadWrite.Directory").sign();
        adminAssign(eligibilityOnly).statusCode(201);
        newRoleDefinition(eligibilityOnly).statusCode(403).body("error.code", equalTo("Authorization_RequestDenied"));
        adminAssign(Tokens.admin(UUID.randomUUID().toString(), "Privileged Role Administrator")).statusCode(201);
    }

    @Test
    void aTokenForAnotherAudienceIs401() {
        String other = Tokens.builder(UUID.randomUUID().toString()).role("Privileged Role Administrator")
                .audience("https://graph.microsoft.com").sign();
        given().auth().oauth2(other).when().get(D + "roleEligibilityScheduleInstances").then().statusCode(401)
                .contentType(ContentType.JSON).body("error.code", equalTo("InvalidAuthenticationToken"));
    }
}
