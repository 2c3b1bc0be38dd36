package dev.tessera.provisioning;

import static dev.tessera.provisioning.Directory.addMember;
import static dev.tessera.provisioning.Directory.admin;
import static dev.tessera.provisioning.Directory.createGroup;
import static dev.tessera.provisioning.Directory.createUser;
import static dev.tessera.provisioning.Directory.ref;
import static dev.tessera.provisioning.Directory.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.common.DirectoryRoles;
import dev.tessera.platform.messaging.events.EventTypes;
import dev.tessera.platform.messaging.events.PimScheduleChanged;
import dev.tessera.platform.messaging.events.Topics;
import dev.tessera.testsupport.TestEvents;
import dev.tessera.testsupport.TesseraInfraResource;
import dev.tessera.testsupport.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Entra's protections: Identity Governance Administrator writes no users or groups; role-assignable
 * groups and privileged users (members of such groups, holders of or eligible for a directory role,
 * as pim-service's events tell) are changed only by a Global or Privileged Role Administrator.
 */
@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class ProtectedObjectsTest {

    static final String USERS = "/v1.0/users";
    static final String GROUPS = "/v1.0/groups";
    static final String CONSUMER = "provisioning-service";

    @Inject
    ObjectMapper mapper;

    static String as(String role) {
        return Tokens.admin(UUID.randomUUID().toString(), role);
    }

    static Map<String, Object> newUser() {
        String nickname = unique("nu");
        return Map.of("accountEnabled", true, "displayName", "New User", "mailNickname", nickname,
                "userPrincipalName", nickname + "@contoso.onmicrosoft.com");
    }

    static Map<String, Object> newGroup(boolean assignableToRole) {
        return Map.of("displayName", "New Group", "mailNickname", unique("ng"), "mailEnabled", false,
                "securityEnabled", true, "isAssignableToRole", assignableToRole);
    }

    static String roleAssignableGroup() {
        return given().auth().oauth2(as("Global Administrator")).contentType(ContentType.JSON)
                .body(newGroup(true)).when().post(GROUPS)
                .then().statusCode(201).body("isAssignableToRole", equalTo(true)).extract().path("id");
    }

    static int patchUser(String token, String user, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .when().patch(USERS + "/" + user).then().extract().statusCode();
    }

    @Test
    void identityGovernanceAdministratorCreatesAndChangesNoUsersOrGroups() {
        String iga = as("Identity Governance Administrator");
        given().auth().oauth2(iga).contentType(ContentType.JSON).body(newUser())
                .when().post(USERS).then().statusCode(403).body("error.code", equalTo("accessDenied"));
        given().auth().oauth2(iga).contentType(ContentType.JSON).body(newGroup(false))
                .when().post(GROUPS).then().statusCode(403).body("error.code", equalTo("accessDenied"));

        String user = createUser("Governed User");
        String group = createGroup("Governed Group");
        given().auth().oauth2(iga).contentType(ContentType.JSON).body(Map.of("jobTitle", "x"))
                .when().patch(USERS + "/" + user).then().statusCode(403);
        given().auth().oauth2(iga).when().delete(USERS + "/" + user).then().statusCode(403);
        given().auth().oauth2(iga).contentType(ContentType.JSON).body(Map.of("description", "x"))
                .when().patch(GROUPS + "/" + group).then().statusCode(403);
        given().auth().oauth2(iga).contentType(ContentType.JSON).body(ref(user))
                .when().post(GROUPS + "/" + group + "/members/$ref").then().statusCode(403);
        // It still reads the directory: it governs access to what it sees.
        given().auth().oauth2(iga).when().get(USERS + "/" + user).then().statusCode(200);
    }

    @Test
    void onlyGlobalAndPrivilegedRoleAdministratorsCreateARoleAssignableGroup() {
        for (String role : new String[] {"Groups Administrator", "User Administrator", "Identity Governance Administrator"}) {
            given().auth().oauth2(as(role)).contentType(ContentType.JSON).body(newGroup(true))
                    .when().post(GROUPS).then().statusCode(403)
                    .body("error.message", containsString("Privileged Role Administrator"));
        }
        given().auth().oauth2(as("Global Administrator")).contentType(ContentType.JSON).body(newGroup(true))
                .when().post(GROUPS).then().statusCode(201);
        given().auth().oauth2(as("Privileged Role Administrator")).contentType(ContentType.JSON).body(newGroup(true))
                .when().post(GROUPS).then().statusCode(201);
        // An ordinary group is still the Groups Administrator's.
        given().auth().oauth2(as("Groups Administrator")).contentType(ContentType.JSON).body(newGroup(false))
                .when().post(GROUPS).then().statusCode(201);
    }

    @Test
    void groupsAndUserAdministratorsCannotChangeARoleAssignableGroupItsMembersOrOwners() {
        String group = roleAssignableGroup();
        String user = createUser("Would Be Admin");
        for (String role : new String[] {"Groups Administrator", "User Administrator"}) {
            String token = as(role);
            given().auth().oauth2(token).contentType(ContentType.JSON).body(ref(user))
                    .when().post(GROUPS + "/" + group + "/members/$ref").then().statusCode(403)
                    .body("error.message", containsString("assigned to roles"));
            given().auth().oauth2(token).contentType(ContentType.JSON).body(ref(user))
                    .when().post(GROUPS + "/" + group + "/owners/$ref").then().statusCode(403);
            given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("description", "mine now"))
                    .when().patch(GROUPS + "/" + group).then().statusCode(403);
            given().auth().oauth2(token).when().delete(GROUPS + "/" + group).then().statusCode(403);
        }

        given().auth().oauth2(as("Privileged Role Administrator")).contentType(ContentType.JSON).body(ref(user))
                .when().post(GROUPS + "/" + group + "/members/$ref").then().statusCode(204);
        String owner = createUser("Protected Owner");
        given().auth().oauth2(as("Global Administrator")).contentType(ContentType.JSON).body(ref(owner))
                .when().post(GROUPS + "/" + group + "/owners/$ref").then().statusCode(204);
        given().auth().oauth2(as("Groups Administrator")).when()
                .delete(GROUPS + "/" + group + "/members/" + user + "/$ref").then().statusCode(403);
        // Its owner does not manage it either: a role-assignable group's members hold its roles.
        given().auth().oauth2(Tokens.user(owner)).contentType(ContentType.JSON).body(ref(createUser("Owner's Pick")))
                .when().post(GROUPS + "/" + group + "/members/$ref").then().statusCode(403);
        given().auth().oauth2(as("Privileged Role Administrator")).when()
                .delete(GROUPS + "/" + group + "/members/" + user + "/$ref").then().statusCode(204);
        given().auth().oauth2(as("Global Administrator")).when().delete(GROUPS + "/" + group).then().statusCode(204);
    }

    @Test
    void anAppNeedsRoleManagementToChangeARoleAssignableGroup() {
        String group = roleAssignableGroup();
        String user = createUser("App Pick");
        given().auth().oauth2(Tokens.app("Directory.ReadWrite.All")).contentType(ContentType.JSON).body(ref(user))
                .when().post(GROUPS + "/" + group + "/members/$ref").then().statusCode(403);
        given().auth().oauth2(Tokens.app("GroupMember.ReadWrite.All", "RoleManagement.ReadWrite.Directory"))
                .contentType(ContentType.JSON).body(ref(user))
                .when().post(GROUPS + "/" + group + "/members/$ref").then().statusCode(204);
    }

    /**
     * Authorized before the body is read: a User Administrator learns nothing from validating a change
     * to a privileged user.
     */
    @Test
    void aChangeToAPrivilegedUserIsRefusedWhateverTheBody() {
        String user = createUser("Protected Body");
        given().auth().oauth2(as("Global Administrator")).contentType(ContentType.JSON).body(ref(user))
                .when().post(GROUPS + "/" + roleAssignableGroup() + "/members/$ref").then().statusCode(204);
        String userAdmin = as("User Administrator");
        Map<String, Object> bad = Map.of("userPrincipalName", "no-at-sign");

        assertStatus(403, patchUser(userAdmin, user, bad));
        assertStatus(400, patchUser(as("Global Administrator"), user, bad));
        for (Map<String, String> badRef : java.util.List.of(Map.of("@odata.id", "not-a-reference"),
                Map.<String, String>of())) {
            given().auth().oauth2(userAdmin).contentType(ContentType.JSON).body(badRef)
                    .when().put(USERS + "/" + user + "/manager/$ref").then().statusCode(403);
            given().auth().oauth2(as("Global Administrator")).contentType(ContentType.JSON).body(badRef)
                    .when().put(USERS + "/" + user + "/manager/$ref").then().statusCode(400);
        }
    }

    @Test
    void userAdministratorCannotChangeAMemberOfARoleAssignableGroup() {
        String user = createUser("Protected Member");
        String userAdmin = as("User Administrator");
        assertStatus(204, patchUser(userAdmin, user, Map.of("jobTitle", "before")));

        given().auth().oauth2(as("Global Administrator")).contentType(ContentType.JSON).body(ref(user))
                .when().post(GROUPS + "/" + roleAssignableGroup() + "/members/$ref").then().statusCode(204);

        assertStatus(403, patchUser(userAdmin, user, Map.of("jobTitle", "after")));
        assertStatus(403, patchUser(userAdmin, user, Map.of("accountEnabled", false)));
        assertStatus(403, patchUser(userAdmin, user, Map.of("passwordProfile", Map.of("password", "Reset-it-1!"))));
        given().auth().oauth2(userAdmin).contentType(ContentType.JSON)
                .body(Map.of("@odata.id", "https://graph.microsoft.com/v1.0/users/" + createUser("Boss")))
                .when().put(USERS + "/" + user + "/manager/$ref").then().statusCode(403);
        given().auth().oauth2(userAdmin).when().delete(USERS + "/" + user).then().statusCode(403)
                .body("error.message", containsString("role-assignable group"));
        given().auth().oauth2(admin()).when().get(USERS + "/" + user)
                .then().statusCode(200).body("accountEnabled", equalTo(true)).body("jobTitle", equalTo("before"));

        assertStatus(204, patchUser(as("Privileged Role Administrator"), user, Map.of("accountEnabled", false)));
        assertStatus(204, patchUser(as("Global Administrator"), user, Map.of("jobTitle", "by GA")));
        given().auth().oauth2(as("Global Administrator")).when().delete(USERS + "/" + user).then().statusCode(204);
    }

    @Test
    void userAdministratorCannotChangeAUserEligibleForADirectoryRoleUntilTheScheduleEnds() throws Exception {
        String user = createUser("Eligible Helpdesk");
        UUID schedule = UUID.randomUUID();
        String userAdmin = as("User Administrator");

        String created = publish(schedule, user, "eligibility", null, "created");
        TestEvents.awaitProcessed(CONSUMER, created);
        assertStatus(403, patchUser(userAdmin, user, Map.of("accountEnabled", false)));
        given().auth().oauth2(userAdmin).when().delete(USERS + "/" + user).then().statusCode(403);
        assertStatus(204, patchUser(as("Privileged Role Administrator"), user, Map.of("jobTitle", "by PRA")));

        // Applying the same change again (a new event id, as a replay from pim-service's outbox would be) changes nothing.
        TestEvents.awaitProcessed(CONSUMER, publish(schedule, user, "eligibility", null, "created"));
        TestEvents.awaitProcessed(CONSUMER, publish(schedule, user, "eligibility", null, "removed"));
        assertStatus(204, patchUser(userAdmin, user, Map.of("jobTitle", "by UA")));
        // A late 'updated' does not bring the ended schedule back.
        TestEvents.awaitProcessed(CONSUMER, publish(schedule, user, "eligibility", null, "updated"));
        assertStatus(204, patchUser(userAdmin, user, Map.of("accountEnabled", false)));
    }

    @Test
    void userAdministratorCannotChangeAUserWhoHoldsAnActiveRole() throws Exception {
        String user = createUser("Active Helpdesk");
        UUID schedule = UUID.randomUUID();
        TestEvents.awaitProcessed(CONSUMER, publish(schedule, user, "assignment", "Activated", "created"));
        given().auth().oauth2(as("User Administrator")).when().delete(USERS + "/" + user).then().statusCode(403);
        TestEvents.awaitProcessed(CONSUMER, publish(schedule, user, "assignment", "Activated", "expired"));
        given().auth().oauth2(as("User Administrator")).when().delete(USERS + "/" + user).then().statusCode(204);
    }

    @Test
    void aGroupOwnerManagesTheMembersAndOwnersOfTheirOwnGroup() {
        String group = createGroup("Owned Group");
        String owner = createUser("Group Owner");
        String someone = createUser("Owner's Friend");
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body(ref(owner))
                .when().post(GROUPS + "/" + group + "/owners/$ref").then().statusCode(204);

        String ownerToken = Tokens.user(owner);
        given().auth().oauth2(ownerToken).contentType(ContentType.JSON).body(ref(someone))
                .when().post(GROUPS + "/" + group + "/members/$ref").then().statusCode(204);
        given().auth().oauth2(ownerToken).contentType(ContentType.JSON).body(ref(someone))
                .when().post(GROUPS + "/" + group + "/owners/$ref").then().statusCode(204);
        given().auth().oauth2(admin()).when().get(GROUPS + "/" + group + "/members")
                .then().statusCode(200).body("value.id", hasItem(someone));
        given().auth().oauth2(ownerToken).when().delete(GROUPS + "/" + group + "/owners/" + someone + "/$ref")
                .then().statusCode(204);
        // Owning a group is not administering it, nor any other group.
        given().auth().oauth2(ownerToken).contentType(ContentType.JSON).body(Map.of("description", "x"))
                .when().patch(GROUPS + "/" + group).then().statusCode(403);
        String other = createGroup("Not Owned");
        given().auth().oauth2(ownerToken).contentType(ContentType.JSON).body(ref(someone))
                .when().post(GROUPS + "/" + other + "/members/$ref").then().statusCode(403);
        // A member who is not an owner manages nothing.
        given().auth().oauth2(Tokens.user(someone)).when().delete(GROUPS + "/" + group + "/members/" + someone + "/$ref")
                .then().statusCode(403);
        addMember(other, owner);
    }

    String publish(UUID schedule, String principal, String kind, String assignmentType, String change)
            throws Exception {
        String eventId = UUID.randomUUID().toString();
        PimScheduleChanged payload = new PimScheduleChanged(schedule, kind, assignmentType, UUID.fromString(principal),
                DirectoryRoles.HELPDESK_ADMINISTRATOR, "/", change, Instant.now(), null, UUID.randomUUID());
        TestEvents.publish(Topics.PIM_EVENTS, EventTypes.PIM_SCHEDULE_CHANGED, principal,
                mapper.writeValueAsString(payload), eventId);
        return eventId;
    }

    static void assertStatus(int expected, int actual) {
        org.junit.jupiter.api.Assertions.assertEquals(expected, actual);
    }
}
