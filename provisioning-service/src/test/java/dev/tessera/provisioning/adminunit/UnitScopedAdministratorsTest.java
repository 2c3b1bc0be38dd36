package dev.tessera.provisioning.adminunit;

import static dev.tessera.provisioning.Directory.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.tessera.common.DirectoryRoles;
import dev.tessera.common.roles.HeldDirectoryRole;
import dev.tessera.platform.messaging.events.EffectiveRolesChanged;
import dev.tessera.platform.messaging.roles.EffectiveRolesView;
import dev.tessera.provisioning.Directory;
import dev.tessera.testsupport.TesseraInfraResource;
import dev.tessera.testsupport.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A User or Groups Administrator whose role Tessera holds scoped to an administrative unit manages the
 * users (groups) that are members of that unit and no one else; the tenant-wide administrator is
 * unchanged. The roles are seeded into the service's {@link EffectiveRolesView} as pim-service's
 * {@code tessera.pim.roles} records would put them there.
 */
@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class UnitScopedAdministratorsTest {

    @Inject
    EffectiveRolesView roles;

    @Test
    void aUnitScopedUserAdministratorManagesTheUnitsMembersOnly() {
        String unit = Directory.createAdministrativeUnit(unique("Unit "));
        String inside = Directory.createUser("Inside User");
        String outside = Directory.createUser("Outside User");
        addToUnit(unit, inside);
        String scoped = holding(DirectoryRoles.USER_ADMINISTRATOR, "/administrativeUnits/" + unit);

        patchUser(scoped, inside).statusCode(204);
        given().auth().oauth2(Directory.admin()).when().get("/v1.0/users/" + inside)
                .then().statusCode(200).body("jobTitle", equalTo("Scoped"));
        patchUser(scoped, outside).statusCode(403).body("error.code", equalTo("accessDenied"));
        deleteUser(scoped, outside).statusCode(403);
        // the tenant-wide administrator still manages everyone
        patchUser(Directory.admin(), outside).statusCode(204);
        deleteUser(scoped, inside).statusCode(204);
        given().auth().oauth2(Directory.admin()).when().get("/v1.0/users/" + inside).then().statusCode(404);
        given().auth().oauth2(Directory.admin()).when().get("/v1.0/users/" + outside).then().statusCode(200);
    }

    @Test
    void leavingTheUnitTakesTheUserOutOfTheScopedAdministratorsReach() {
        String unit = Directory.createAdministrativeUnit(unique("Unit "));
        String user = Directory.createUser("Leaving User");
        addToUnit(unit, user);
        String scoped = holding(DirectoryRoles.USER_ADMINISTRATOR, "/administrativeUnits/" + unit);
        patchUser(scoped, user).statusCode(204);

        given().auth().oauth2(Directory.unitAdmin()).when()
                .delete("/v1.0/directory/administrativeUnits/" + unit + "/members/" + user + "/$ref")
                .then().statusCode(204);

        patchUser(scoped, user).statusCode(403);
        deleteUser(scoped, user).statusCode(403);
    }

    @Test
    void aScopeOfAnotherUnitGrantsNothingHere() {
        String unit = Directory.createAdministrativeUnit(unique("Unit "));
        String other = Directory.createAdministrativeUnit(unique("Other Unit "));
        String user = Directory.createUser("Unit User");
        addToUnit(unit, user);
        patchUser(holding(DirectoryRoles.USER_ADMINISTRATOR, "/administrativeUnits/" + other), user).statusCode(403);
    }

    @Test
    void hostileScopeStringsNeverWidenRights() {
        String unit = Directory.createAdministrativeUnit(unique("Unit "));
        String user = Directory.createUser("Guarded User");
        String outside = Directory.createUser("Outside User");
        addToUnit(unit, user);
        for (String scope : new String[] {
                "/administrativeUnits/" + unit + "/..", "/administrativeUnits/" + unit + "/../..",
                "/administrativeUnits/" + unit + " ", " /administrativeUnits/" + unit,
                "/administrativeUnits/" + unit + "\n/", "/administrativeUnits/*", "/administrativeUnits/",
                "/administrativeUnits/" + unit + "' or '1'='1", "/administrativeunits/" + unit,
                "/" + unit, "//", " /", "/ ", "", "*", "/users/" + user}) {
            String token = holding(DirectoryRoles.USER_ADMINISTRATOR, scope);
            patchUser(token, user).statusCode(403);
            patchUser(token, outside).statusCode(403);
            createUser(token).statusCode(403);
        }
    }

    @Test
    void aUnitScopedAdministratorCreatesNoUserOrGroupOutsideAUnitAndSaysWhy() {
        String unit = Directory.createAdministrativeUnit(unique("Unit "));
        String users = holding(DirectoryRoles.USER_ADMINISTRATOR, "/administrativeUnits/" + unit);
        createUser(users).statusCode(403).body("error.message", containsString("administrative units"));
        createGroup(users).statusCode(403).body("error.message", containsString("administrative units"));
        createGroup(holding(DirectoryRoles.GROUPS_ADMINISTRATOR, "/administrativeUnits/" + unit))
                .statusCode(403).body("error.message", containsString("administrative units"));
        createUser(Directory.admin()).statusCode(201);
    }

    @Test
    void privilegedUsersInTheUnitStayProtected() {
        String unit = Directory.createAdministrativeUnit(unique("Unit "));
        String user = Directory.createUser("Privileged User");
        String roleGroup = Directory.createGroup(Directory.globalAdmin(), unique("Role Group "),
                Map.of("isAssignableToRole", true));
        given().auth().oauth2(Directory.globalAdmin()).contentType(ContentType.JSON).body(Directory.ref(user))
                .when().post("/v1.0/groups/" + roleGroup + "/members/$ref").then().statusCode(204);
        addToUnit(unit, user);

        patchUser(holding(DirectoryRoles.USER_ADMINISTRATOR, "/administrativeUnits/" + unit), user)
                .statusCode(403).body("error.message", containsString("Privileged Role Administrator"));
    }

    @Test
    void aUnitScopedGroupsAdministratorManagesTheUnitsGroupsButNotItsUsers() {
        String unit = Directory.createAdministrativeUnit(unique("Unit "));
        String inside = Directory.createGroup(unique("Inside Group "));
        String outside = Directory.createGroup(unique("Outside Group "));
        String user = Directory.createUser("Unit User");
        addToUnit(unit, inside);
        addToUnit(unit, user);
        String scoped = holding(DirectoryRoles.GROUPS_ADMINISTRATOR, "/administrativeUnits/" + unit);

        patchGroup(scoped, inside).statusCode(204);
        patchGroup(scoped, outside).statusCode(403);
        addGroupMember(scoped, inside, user).statusCode(204);
        addGroupMember(scoped, outside, user).statusCode(403);
        // a group in the unit brings the group into scope, not its members; and users are not a Groups
        // Administrator's at all
        patchUser(scoped, user).statusCode(403);
        given().auth().oauth2(scoped).when().delete("/v1.0/groups/" + outside).then().statusCode(403);
        given().auth().oauth2(scoped).when().delete("/v1.0/groups/" + inside).then().statusCode(204);
        patchGroup(Directory.admin(), outside).statusCode(204);
    }

    @Test
    void aUnitScopedUserAdministratorAlsoManagesTheUnitsGroups() {
        String unit = Directory.createAdministrativeUnit(unique("Unit "));
        String inside = Directory.createGroup(unique("Inside Group "));
        String outside = Directory.createGroup(unique("Outside Group "));
        addToUnit(unit, inside);
        String scoped = holding(DirectoryRoles.USER_ADMINISTRATOR, "/administrativeUnits/" + unit);
        patchGroup(scoped, inside).statusCode(204);
        patchGroup(scoped, outside).statusCode(403);
    }

    // ---- helpers

    /** A fresh user to whom Tessera's role state gives this role in these scopes (and nothing in the token). */
    private String holding(String templateId, String... scopes) {
        UUID admin = UUID.randomUUID();
        List<HeldDirectoryRole> held = Arrays.stream(scopes).map(scope -> new HeldDirectoryRole(templateId,
                templateId, "role", scope, null, null, null, "Direct", "Assigned", UUID.randomUUID(), null)).toList();
        roles.apply(new EffectiveRolesChanged(admin, 1, Instant.parse("2026-01-01T00:00:00Z"), held, List.of()));
        return Tokens.user(admin.toString());
    }

    private static void addToUnit(String unit, String objectId) {
        given().auth().oauth2(Directory.unitAdmin()).contentType(ContentType.JSON).body(Directory.ref(objectId))
                .when().post("/v1.0/directory/administrativeUnits/" + unit + "/members/$ref")
                .then().statusCode(204);
    }

    private static ValidatableResponse patchUser(String token, String user) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("jobTitle", "Scoped"))
                .when().patch("/v1.0/users/" + user).then();
    }

    private static ValidatableResponse deleteUser(String token, String user) {
        return given().auth().oauth2(token).when().delete("/v1.0/users/" + user).then();
    }

    private static ValidatableResponse patchGroup(String token, String group) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("description", "Scoped"))
                .when().patch("/v1.0/groups/" + group).then();
    }

    private static ValidatableResponse addGroupMember(String token, String group, String user) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(Directory.ref(user))
                .when().post("/v1.0/groups/" + group + "/members/$ref").then();
    }

    private static ValidatableResponse createUser(String token) {
        String nickname = unique("scoped");
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of(
                        "accountEnabled", true, "displayName", "Scoped Created", "mailNickname", nickname,
                        "userPrincipalName", nickname + "@contoso.onmicrosoft.com",
                        "passwordProfile", Map.of("password", "xWwvJ]6NMw+bWH-d")))
                .when().post("/v1.0/users").then();
    }

    private static ValidatableResponse createGroup(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("displayName", "Scoped Group",
                        "mailNickname", unique("scopedgroup"), "mailEnabled", false, "securityEnabled", true))
                .when().post("/v1.0/groups").then();
    }
}
