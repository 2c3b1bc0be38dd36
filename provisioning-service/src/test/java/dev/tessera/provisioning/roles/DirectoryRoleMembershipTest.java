package dev.tessera.provisioning.roles;

import static dev.tessera.provisioning.Directory.admin;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.ObjectMapper;
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
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code /users/{id}/memberOf} lists the directory roles a user holds directly as
 * {@code #microsoft.graph.directoryRole} objects, {@code transitiveMemberOf} also those held through a
 * role-assignable group; roles scoped to an administrative unit are no directoryRole memberships.
 */
@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class DirectoryRoleMembershipTest {

    @Inject
    ObjectMapper mapper;

    @Inject
    EffectiveRolesView view;

    @Test
    void memberOfListsDirectRolesAndTransitiveMemberOfAlsoThoseThroughGroups() {
        String user = Directory.createUser("Role Member");
        String group = Directory.createGroup("Plain Group");
        Directory.addMember(group, user);
        UUID adminsGroup = UUID.randomUUID();
        RolesFromTesseraTest.publish(mapper, new EffectiveRolesChanged(UUID.fromString(user), 1, Instant.now(), List.of(
                held(DirectoryRoles.USER_ADMINISTRATOR, "User Administrator", "/", "Direct", null),
                held(DirectoryRoles.GROUPS_ADMINISTRATOR, "Groups Administrator", "/", "Group", adminsGroup),
                held(DirectoryRoles.HELPDESK_ADMINISTRATOR, "Helpdesk Administrator",
                        "/administrativeUnits/" + UUID.randomUUID(), "Direct", null)), List.of()));
        await().atMost(RolesFromTesseraTest.BOUND).until(() -> view.stateOf(UUID.fromString(user)) != null);

        given().auth().oauth2(admin()).when().get("/v1.0/users/" + user + "/memberOf").then().statusCode(200)
                .body("value.id", containsInAnyOrder(group, DirectoryRoles.USER_ADMINISTRATOR))
                .body("value.find { it.id == '" + group + "' }.'@odata.type'", org.hamcrest.Matchers.equalTo("#microsoft.graph.group"))
                .body("value.find { it.id == '" + DirectoryRoles.USER_ADMINISTRATOR + "' }.'@odata.type'",
                        org.hamcrest.Matchers.equalTo("#microsoft.graph.directoryRole"))
                .body("value.find { it.id == '" + DirectoryRoles.USER_ADMINISTRATOR + "' }.displayName",
                        org.hamcrest.Matchers.equalTo("User Administrator"))
                .body("value.find { it.id == '" + DirectoryRoles.USER_ADMINISTRATOR + "' }.roleTemplateId",
                        org.hamcrest.Matchers.equalTo(DirectoryRoles.USER_ADMINISTRATOR))
                .body("value.find { it.id == '" + DirectoryRoles.USER_ADMINISTRATOR + "' }.description",
                        org.hamcrest.Matchers.equalTo(dev.tessera.common.roles.BuiltInDirectoryRoles
                                .byTemplateId(DirectoryRoles.USER_ADMINISTRATOR).orElseThrow().description()));

        given().auth().oauth2(admin()).when().get("/v1.0/users/" + user + "/transitiveMemberOf").then().statusCode(200)
                .body("value.id", containsInAnyOrder(group, DirectoryRoles.USER_ADMINISTRATOR,
                        DirectoryRoles.GROUPS_ADMINISTRATOR))
                .body("value.id", not(hasItem(DirectoryRoles.HELPDESK_ADMINISTRATOR)));

        // the user themselves may read their own, by user principal name too
        String upn = given().auth().oauth2(admin()).when().get("/v1.0/users/" + user).then().extract().path("userPrincipalName");
        given().auth().oauth2(Tokens.user(user)).when().get("/v1.0/users/" + upn + "/transitiveMemberOf").then()
                .statusCode(200).body("value.'@odata.type'", hasItem("#microsoft.graph.directoryRole"));
    }

    @Test
    void rolesComeOnTheLastPageOnceAndNotWithAFilter() {
        String user = Directory.createUser("Role Member");
        String first = Directory.createGroup("Group One");
        String second = Directory.createGroup("Group Two");
        Directory.addMember(first, user);
        Directory.addMember(second, user);
        RolesFromTesseraTest.publish(mapper, new EffectiveRolesChanged(UUID.fromString(user), 1, Instant.now(), List.of(
                held(DirectoryRoles.GLOBAL_READER, "Global Reader", "/", "Direct", null)), List.of()));
        await().atMost(RolesFromTesseraTest.BOUND).until(() -> view.stateOf(UUID.fromString(user)) != null);

        JsonPath page1 = given().auth().oauth2(admin()).queryParam("$top", 1)
                .when().get("/v1.0/users/" + user + "/memberOf").then().statusCode(200)
                .body("value", org.hamcrest.Matchers.hasSize(1)).body("'@odata.nextLink'", notNullValue())
                .body("value[0].'@odata.type'", org.hamcrest.Matchers.equalTo("#microsoft.graph.group"))
                .extract().jsonPath();
        String next = page1.getString("'@odata.nextLink'");
        given().urlEncodingEnabled(false).auth().oauth2(admin()).when().get(next)
                .then().statusCode(200).body("'@odata.nextLink'", nullValue())
                .body("value.'@odata.type'", contains("#microsoft.graph.group", "#microsoft.graph.directoryRole"))
                .body("value[1].id", org.hamcrest.Matchers.equalTo(DirectoryRoles.GLOBAL_READER));

        given().auth().oauth2(admin()).queryParam("$filter", "displayName eq 'Group One'")
                .when().get("/v1.0/users/" + user + "/memberOf").then().statusCode(200)
                .body("value.id", contains(first));
    }

    private static HeldDirectoryRole held(String templateId, String name, String scope, String memberType, UUID group) {
        return new HeldDirectoryRole(templateId, templateId, name, scope, null, null, null, memberType,
                "Assigned", UUID.randomUUID(), group);
    }
}
