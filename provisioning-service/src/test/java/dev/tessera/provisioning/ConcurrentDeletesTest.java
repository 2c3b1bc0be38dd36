package dev.tessera.provisioning;

import static dev.tessera.provisioning.Directory.addMember;
import static dev.tessera.provisioning.Directory.admin;
import static dev.tessera.provisioning.Directory.appRole;
import static dev.tessera.provisioning.Directory.createAdministrativeUnit;
import static dev.tessera.provisioning.Directory.createGroup;
import static dev.tessera.provisioning.Directory.createServicePrincipal;
import static dev.tessera.provisioning.Directory.createSite;
import static dev.tessera.provisioning.Directory.createUser;
import static dev.tessera.provisioning.Directory.ref;
import static dev.tessera.provisioning.Directory.unique;
import static dev.tessera.provisioning.Directory.unitAdmin;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tessera.platform.messaging.events.EventTypes;
import dev.tessera.platform.messaging.events.Topics;
import dev.tessera.testsupport.Burst;
import dev.tessera.testsupport.TestEvents;
import dev.tessera.testsupport.TesseraInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The same DELETE sent by several clients at once, for every DELETE of the directory: exactly one
 * wins (204), the others find nothing left (404); none fails with a 5xx, none hangs (each burst is
 * bounded), and what the winner removed is reported once.
 */
@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class ConcurrentDeletesTest {

    private static final int CLIENTS = 4;
    private static final List<Integer> ONE_WINS = List.of(204, 404, 404, 404);

    @Test
    void concurrentDeletesOfAUserLetOneWinAndReportItOnce() {
        String user = createUser("Deleted Twice");
        assertEquals(ONE_WINS, Burst.delete(admin(), "/v1.0/users/" + user, CLIENTS));
        given().auth().oauth2(admin()).when().get("/v1.0/users/" + user).then().statusCode(404);
        TestEvents.awaitEvent(Topics.DIRECTORY_EVENTS, EventTypes.USER_DELETED, user);
        assertEquals(1, TestEvents.eventsNow(Topics.DIRECTORY_EVENTS, EventTypes.USER_DELETED, user).size());
    }

    /** Not only the same row: deletes of one type used to share Hibernate Reactive's delete state. */
    @Test
    void concurrentDeletesOfDifferentUsersAllSucceed() {
        List<String> users = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            users.add(createUser("One Of Many"));
        }
        List<Integer> statuses = Burst.deleteEach(admin(), users.stream().map(id -> "/v1.0/users/" + id).toList());
        assertEquals(List.of(204, 204, 204, 204), statuses);
    }

    @Test
    void concurrentRemovalsOfAManagerLetOneWin() {
        String boss = createUser("Boss");
        String report = createUser("Report");
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("@odata.id", "https://graph.microsoft.com/v1.0/users/" + boss))
                .when().put("/v1.0/users/" + report + "/manager/$ref").then().statusCode(204);
        assertEquals(ONE_WINS, Burst.delete(admin(), "/v1.0/users/" + report + "/manager/$ref", CLIENTS));
        given().auth().oauth2(admin()).when().get("/v1.0/users/" + report + "/manager").then().statusCode(404);
    }

    @Test
    void concurrentDeletesOfAGroupLetOneWin() {
        String group = createGroup("Deleted Group");
        addMember(group, createUser("Group Member"));
        assertEquals(ONE_WINS, Burst.delete(admin(), "/v1.0/groups/" + group, CLIENTS));
        given().auth().oauth2(admin()).when().get("/v1.0/groups/" + group).then().statusCode(404);
        TestEvents.awaitEvent(Topics.DIRECTORY_EVENTS, EventTypes.GROUP_DELETED, group);
        assertEquals(1, TestEvents.eventsNow(Topics.DIRECTORY_EVENTS, EventTypes.GROUP_DELETED, group).size());
    }

    @Test
    void concurrentRemovalsOfAMemberOrOwnerLetOneWin() {
        String group = createGroup("Linked Group");
        String user = createUser("Linked User");
        addMember(group, user);
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body(ref(user))
                .when().post("/v1.0/groups/" + group + "/owners/$ref").then().statusCode(204);

        assertEquals(ONE_WINS, Burst.delete(admin(), "/v1.0/groups/" + group + "/members/" + user + "/$ref", CLIENTS));
        assertEquals(ONE_WINS, Burst.delete(admin(), "/v1.0/groups/" + group + "/owners/" + user + "/$ref", CLIENTS));
        given().auth().oauth2(admin()).when().get("/v1.0/groups/" + group + "/members")
                .then().statusCode(200).body("value.size()", org.hamcrest.Matchers.is(0));
    }

    @Test
    void concurrentDeletesOfAServicePrincipalItsAssignmentAndOwnerLetOneWin() {
        Map<String, Object> role = appRole("Raced role");
        String sp = createServicePrincipal(unique("Raced app "), List.of(role));
        String user = createUser("Raced Holder");
        String assignment = given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("principalId", user, "resourceId", sp, "appRoleId", role.get("id")))
                .when().post("/v1.0/servicePrincipals/" + sp + "/appRoleAssignedTo")
                .then().statusCode(201).extract().path("id");
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body(ref(user))
                .when().post("/v1.0/servicePrincipals/" + sp + "/owners/$ref").then().statusCode(204);

        assertEquals(ONE_WINS, Burst.delete(admin(),
                "/v1.0/servicePrincipals/" + sp + "/appRoleAssignedTo/" + assignment, CLIENTS));
        assertEquals(ONE_WINS, Burst.delete(admin(), "/v1.0/servicePrincipals/" + sp + "/owners/" + user + "/$ref",
                CLIENTS));
        assertEquals(ONE_WINS, Burst.delete(admin(), "/v1.0/servicePrincipals/" + sp, CLIENTS));
        given().auth().oauth2(admin()).when().get("/v1.0/servicePrincipals/" + sp).then().statusCode(404);
    }

    @Test
    void concurrentDeletesOfASiteAndItsMemberLetOneWin() {
        String site = createSite("Raced site", "https://contoso.sharepoint.com/sites/" + unique("Raced"));
        String user = createUser("Site Member");
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body(ref(user))
                .when().post("/v1.0/sites/" + site + "/roles/4/members/$ref").then().statusCode(204);

        assertEquals(ONE_WINS, Burst.delete(admin(), "/v1.0/sites/" + site + "/roles/4/members/" + user + "/$ref",
                CLIENTS));
        assertEquals(ONE_WINS, Burst.delete(admin(), "/v1.0/sites/" + site, CLIENTS));
        given().auth().oauth2(admin()).when().get("/v1.0/sites/" + site).then().statusCode(404);
    }

    @Test
    void concurrentDeletesOfAnAdministrativeUnitAndItsMemberLetOneWin() {
        String unit = createAdministrativeUnit(unique("Raced unit "));
        String user = createUser("Unit Member");
        given().auth().oauth2(unitAdmin()).contentType(ContentType.JSON).body(ref(user))
                .when().post("/v1.0/directory/administrativeUnits/" + unit + "/members/$ref").then().statusCode(204);

        assertEquals(ONE_WINS, Burst.delete(unitAdmin(),
                "/v1.0/directory/administrativeUnits/" + unit + "/members/" + user + "/$ref", CLIENTS));
        assertEquals(ONE_WINS, Burst.delete(unitAdmin(), "/v1.0/directory/administrativeUnits/" + unit, CLIENTS));
        given().auth().oauth2(unitAdmin()).when().get("/v1.0/directory/administrativeUnits/" + unit).then().statusCode(404);
    }
}
