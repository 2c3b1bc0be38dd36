package dev.tessera.provisioning;

import static dev.tessera.provisioning.Directory.addMember;
import static dev.tessera.provisioning.Directory.createAdministrativeUnit;
import static dev.tessera.provisioning.Directory.createGroup;
import static dev.tessera.provisioning.Directory.createServicePrincipal;
import static dev.tessera.provisioning.Directory.createSite;
import static dev.tessera.provisioning.Directory.createUser;
import static dev.tessera.provisioning.Directory.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import dev.tessera.testsupport.TesseraInfraResource;
import dev.tessera.testsupport.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Who reads what of the directory, as Entra's default permissions have it: callers outside the
 * directory nothing, guests themselves and their groups, members everything but other users'
 * sensitive properties, administrators, readers and apps with a read permission everything.
 */
@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class DirectoryReadingTest {

    static final String USERS = "/v1.0/users";
    static final String GROUPS = "/v1.0/groups";

    static String sensitiveUser() {
        return createUser("Sensitive Sam", Map.of("mobilePhone", "+1 555 0100", "employeeId", "E-7", "department",
                "Finance", "mail", unique("sam") + "@contoso.com"));
    }

    @Test
    void aCallerOutsideTheDirectoryReadsNothing() {
        String outsider = Tokens.user(UUID.randomUUID().toString());
        String user = sensitiveUser();
        String group = createGroup("Outsider Target");
        for (String path : List.of(USERS, USERS + "/" + user, USERS + "/" + user + "/memberOf",
                USERS + "/" + user + "/manager", USERS + "/" + user + "/appRoleAssignments", GROUPS,
                GROUPS + "/" + group, GROUPS + "/" + group + "/members", GROUPS + "/" + group + "/owners",
                "/v1.0/servicePrincipals", "/v1.0/sites", "/v1.0/directory/administrativeUnits")) {
            given().auth().oauth2(outsider).when().get(path).then().statusCode(403)
                    .body("error.code", equalTo("accessDenied"));
        }
        given().auth().oauth2(outsider).queryParam("$count", "true").when().get(USERS).then().statusCode(403);
    }

    @Test
    void aGuestSeesOnlyThemselvesAndTheGroupsTheyAreIn() {
        String guest = createUser("Guest Gina", Map.of("userType", "Guest", "mobilePhone", "+44 20 0000"));
        String token = Tokens.user(guest);
        String other = sensitiveUser();
        String theirs = createGroup("Guest's Group");
        String notTheirs = createGroup("Not the Guest's Group");
        addMember(theirs, guest);
        addMember(theirs, other);

        given().auth().oauth2(token).when().get(USERS).then().statusCode(200)
                .body("value", hasSize(1)).body("value[0].id", equalTo(guest))
                .body("value[0].mobilePhone", equalTo("+44 20 0000"));
        given().auth().oauth2(token).queryParam("$count", "true").when().get(USERS).then().statusCode(200)
                .body("'@odata.count'", equalTo(1));
        given().auth().oauth2(token).when().get(USERS + "/" + guest).then().statusCode(200).body("id", equalTo(guest));
        given().auth().oauth2(token).when().get(USERS + "/" + other).then().statusCode(403);
        // Whether an id exists is not told either.
        given().auth().oauth2(token).when().get(USERS + "/" + UUID.randomUUID()).then().statusCode(403);
        given().auth().oauth2(token).when().get(USERS + "/" + other + "/memberOf").then().statusCode(403);
        given().auth().oauth2(token).when().get(USERS + "/" + guest + "/memberOf").then().statusCode(200)
                .body("value.id", equalTo(List.of(theirs)));

        given().auth().oauth2(token).when().get(GROUPS).then().statusCode(200).body("value.id", equalTo(List.of(theirs)));
        given().auth().oauth2(token).when().get(GROUPS + "/" + theirs).then().statusCode(200);
        given().auth().oauth2(token).when().get(GROUPS + "/" + notTheirs).then().statusCode(403);
        given().auth().oauth2(token).when().get(GROUPS + "/" + theirs + "/members").then().statusCode(403);
        given().auth().oauth2(token).when().get("/v1.0/servicePrincipals").then().statusCode(403);
        given().auth().oauth2(token).when().get("/v1.0/sites").then().statusCode(403);
        given().auth().oauth2(token).when().get("/v1.0/directory/administrativeUnits").then().statusCode(403);
    }

    @Test
    void aMemberReadsOtherUsersBasicProfileAndOnlyTheirOwnSensitiveProperties() {
        String member = createUser("Member Max", Map.of("mobilePhone", "+1 555 0199", "employeeId", "E-8"));
        String token = Tokens.user(member);
        String other = sensitiveUser();

        given().auth().oauth2(token).queryParam("$filter", "id eq '" + other + "'").when().get(USERS)
                .then().statusCode(200)
                .body("value", hasSize(1))
                .body("value[0].displayName", equalTo("Sensitive Sam"))
                .body("value[0].userPrincipalName", equalTo(asAdmin(other, "userPrincipalName")))
                .body("value[0].mail", equalTo(asAdmin(other, "mail")))
                .body("value[0].userType", equalTo("Member"))
                .body("value[0].mobilePhone", nullValue())
                .body("value[0].employeeId", nullValue())
                .body("value[0].department", nullValue())
                .body("value[0].accountEnabled", nullValue());
        given().auth().oauth2(token).when().get(USERS + "/" + other).then().statusCode(200)
                .body("displayName", equalTo("Sensitive Sam"))
                .body("mobilePhone", nullValue()).body("employeeId", nullValue());
        given().auth().oauth2(token).when().get(USERS + "/" + member).then().statusCode(200)
                .body("mobilePhone", equalTo("+1 555 0199")).body("employeeId", equalTo("E-8"));
        given().auth().oauth2(token).queryParam("$filter", "id eq '" + member + "'").when().get(USERS)
                .then().statusCode(200).body("value[0].employeeId", equalTo("E-8"));

        // Filtering on a property the caller may not read would tell it all the same.
        given().auth().oauth2(token).queryParam("$filter", "employeeId eq 'E-7'").when().get(USERS)
                .then().statusCode(403);
        given().auth().oauth2(token).queryParam("$filter", "startswith(mobilePhone,'+1')").when().get(USERS)
                .then().statusCode(403);

        String group = createGroup("Member-read Group");
        addMember(group, other);
        given().auth().oauth2(token).when().get(GROUPS + "/" + group + "/members").then().statusCode(200)
                .body("value[0].id", equalTo(other)).body("value[0].employeeId", nullValue());
        given().auth().oauth2(token).when().get(GROUPS + "/" + group).then().statusCode(200);
        given().auth().oauth2(token).when().get(USERS + "/" + other + "/memberOf").then().statusCode(200)
                .body("value.id", equalTo(List.of(group)));
        String unit = createAdministrativeUnit("Member-read unit");
        given().auth().oauth2(Directory.unitAdmin()).contentType("application/json").body(Directory.ref(other))
                .when().post("/v1.0/directory/administrativeUnits/" + unit + "/members/$ref").then().statusCode(204);
        given().auth().oauth2(token).when().get("/v1.0/directory/administrativeUnits/" + unit + "/members")
                .then().statusCode(200).body("value[0].displayName", equalTo("Sensitive Sam"))
                .body("value[0].employeeId", nullValue());
        String sp = createServicePrincipal(unique("Member-read app "), List.of());
        given().auth().oauth2(token).when().get("/v1.0/servicePrincipals/" + sp).then().statusCode(200);
        String site = createSite("Member-read", "https://contoso.sharepoint.com/sites/" + unique("mr"));
        given().auth().oauth2(token).when().get("/v1.0/sites/" + site).then().statusCode(200);
    }

    @Test
    void administratorsReadersAndAppsWithADirectoryReadPermissionSeeEverything() {
        String other = sensitiveUser();
        for (String token : List.of(Tokens.admin(UUID.randomUUID().toString(), "Global Reader"),
                Tokens.admin(UUID.randomUUID().toString(), "Identity Governance Administrator"),
                Tokens.admin(UUID.randomUUID().toString(), "Groups Administrator"),
                Tokens.app("Directory.Read.All"), Tokens.app("User.Read.All"))) {
            given().auth().oauth2(token).when().get(USERS + "/" + other).then().statusCode(200)
                    .body("employeeId", equalTo("E-7")).body("mobilePhone", equalTo("+1 555 0100"));
            given().auth().oauth2(token).queryParam("$filter", "employeeId eq 'E-7' and id eq '" + other + "'")
                    .when().get(USERS).then().statusCode(200).body("value", hasSize(1));
        }
        // An app reading groups reads their members' basic profile only, and no user by itself.
        String group = createGroup("App-read Group");
        addMember(group, other);
        given().auth().oauth2(Tokens.app("Group.Read.All")).when().get(GROUPS + "/" + group + "/members")
                .then().statusCode(200).body("value[0].displayName", equalTo("Sensitive Sam"))
                .body("value[0].employeeId", nullValue());
        given().auth().oauth2(Tokens.app("Group.Read.All")).when().get(USERS + "/" + other).then().statusCode(403);
        // An app without a directory permission reads nothing here.
        given().auth().oauth2(Tokens.app("EntitlementManagement.Read.All")).when().get(USERS).then().statusCode(403);
    }

    /** A property of a user as an administrator reads it. */
    static String asAdmin(String user, String property) {
        return given().auth().oauth2(Directory.admin()).when().get(USERS + "/" + user).then().statusCode(200)
                .extract().path(property);
    }
}
