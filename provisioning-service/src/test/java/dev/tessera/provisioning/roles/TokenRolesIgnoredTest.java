package dev.tessera.provisioning.roles;

import static dev.tessera.provisioning.roles.RolesFromTesseraTest.publish;
import static dev.tessera.provisioning.roles.RolesFromTesseraTest.role;
import static dev.tessera.provisioning.roles.RolesFromTesseraTest.state;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.common.DirectoryRoles;
import dev.tessera.provisioning.Directory;
import dev.tessera.testsupport.TesseraInfraResource;
import dev.tessera.testsupport.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code tessera.authorization.token-directory-roles=ignored}: a token's {@code wids} grant nothing, even
 * Global Administrator; only Tessera's role state counts. (The {@code auto} decision for Entra's issuers
 * is TokenDirectoryRolesTest in graph-http.)
 */
@QuarkusTest
@TestProfile(TokenRolesIgnoredTest.Ignored.class)
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class TokenRolesIgnoredTest {

    public static class Ignored implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tessera.authorization.token-directory-roles", "ignored");
        }
    }

    @Inject
    ObjectMapper mapper;

    @Test
    void widsCountForNothingAndTesserasRoleStateDoes() {
        String userId = UUID.randomUUID().toString();
        String widsToken = Tokens.admin(userId, "Global Administrator");
        createUser(widsToken).statusCode(403);
        createUser(Tokens.admin(userId, "User Administrator")).statusCode(403);

        publish(mapper, state(userId, 1, role(DirectoryRoles.USER_ADMINISTRATOR, "User Administrator", "/", null)));

        await().atMost(RolesFromTesseraTest.BOUND).untilAsserted(() -> createUser(widsToken).statusCode(201));
        // the role the view holds, not the wids: still no Global Administrator's rights (a role-assignable group)
        given().auth().oauth2(widsToken).contentType(ContentType.JSON)
                .body(Map.of("displayName", "Admins", "mailNickname", Directory.unique("admins"), "mailEnabled", false,
                        "securityEnabled", true, "isAssignableToRole", true))
                .when().post("/v1.0/groups").then().statusCode(403);
    }

    private static ValidatableResponse createUser(String token) {
        String nickname = Directory.unique("ignoredwids");
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("accountEnabled", true, "displayName", "Made With Ignored Wids", "mailNickname", nickname,
                        "userPrincipalName", nickname + "@contoso.onmicrosoft.com",
                        "passwordProfile", Map.of("forceChangePasswordNextSignIn", true, "password", "xWwvJ]6NMw+bWH-d")))
                .when().post("/v1.0/users").then();
    }
}
