package dev.tessera.provisioning.group;

import static dev.tessera.provisioning.Directory.addMember;
import static dev.tessera.provisioning.Directory.admin;
import static dev.tessera.provisioning.Directory.createGroup;
import static dev.tessera.provisioning.Directory.createUser;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.platform.messaging.events.EventTypes;
import dev.tessera.platform.messaging.events.Topics;
import dev.tessera.provisioning.Directory;
import dev.tessera.testsupport.TestEvents;
import dev.tessera.testsupport.TesseraInfraResource;
import dev.tessera.testsupport.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class MembershipApiTest {

    static final String ALREADY_EXISTS =
            "One or more added object references already exist for the following modified properties: 'members'.";

    @Test
    void anAddedMemberIsListedAsAUserAndTheGroupInItsMemberOf() {
        String group = createGroup("Members listed");
        String user = createUser("Listed Member");
        addMember(group, user);

        given().auth().oauth2(Directory.member())
                .when().get("/v1.0/groups/" + group + "/members")
                .then().statusCode(200)
                .body("'@odata.context'", equalTo(baseUrl() + "/v1.0/$metadata#directoryObjects"))
                .body("value", hasSize(1))
                .body("value[0].'@odata.type'", equalTo("#microsoft.graph.user"))
                .body("value[0].id", equalTo(user))
                .body("value[0].displayName", equalTo("Listed Member"));
        given().auth().oauth2(admin())
                .when().get("/v1.0/users/" + user + "/memberOf")
                .then().statusCode(200)
                .body("value", hasSize(1))
                .body("value[0].'@odata.type'", equalTo("#microsoft.graph.group"))
                .body("value[0].id", equalTo(group));

        var added = TestEvents.awaitEvent(Topics.DIRECTORY_EVENTS, EventTypes.GROUP_MEMBER_ADDED, user);
        assertTrue(added.value().contains("\"groupId\":\"" + group + "\""), added.value());
    }

    @Test
    void aReferenceMayNameAnyHostAndTheUsersPathAndRefNeedNotBeEncoded() {
        String group = createGroup("Any host");
        String user = createUser("Any Host Member");
        // Literally "$ref", as curl and the Graph SDKs send it (other tests send "%24ref").
        given().urlEncodingEnabled(false).auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("@odata.id", "http://localhost:8080/v1.0/users/" + user))
                .when().post("/v1.0/groups/" + group + "/members/$ref")
                .then().statusCode(204);
        given().auth().oauth2(admin()).when().get("/v1.0/groups/" + group + "/members")
                .then().statusCode(200).body("value.id", equalTo(List.of(user)));
    }

    @Test
    void addingTheSameMemberTwiceIsGraphsBadRequest() {
        String group = createGroup("Twice");
        String user = createUser("Twice Member");
        addMember(group, user);
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("@odata.id", "https://graph.microsoft.com/v1.0/directoryObjects/" + user))
                .when().post("/v1.0/groups/" + group + "/members/$ref")
                .then().statusCode(400)
                .contentType(ContentType.JSON)
                .body("error.message", equalTo(ALREADY_EXISTS));
    }

    @Test
    void removingAMemberAnswers204AndEndsTheMembership() {
        String group = createGroup("Removal");
        String user = createUser("Removed Member");
        addMember(group, user);
        given().auth().oauth2(admin()).when().delete("/v1.0/groups/" + group + "/members/" + user + "/$ref")
                .then().statusCode(204);
        given().auth().oauth2(admin()).when().get("/v1.0/groups/" + group + "/members")
                .then().statusCode(200).body("value", hasSize(0));
        given().auth().oauth2(admin()).when().get("/v1.0/users/" + user + "/memberOf")
                .then().statusCode(200).body("value", hasSize(0));
        var removed = TestEvents.awaitEvent(Topics.DIRECTORY_EVENTS, EventTypes.GROUP_MEMBER_REMOVED, user);
        assertTrue(removed.value().contains(group), removed.value());
    }

    @Test
    void removingSomeoneWhoIsNotAMemberIsNotFound() {
        String group = createGroup("Not a member");
        String user = createUser("Outsider");
        given().auth().oauth2(admin()).when().delete("/v1.0/groups/" + group + "/members/" + user + "/$ref")
                .then().statusCode(404)
                .contentType(ContentType.JSON)
                .body("error.message", containsString("'members'"));
    }

    @Test
    void unknownMembersAndGroupsAreNotFound() {
        String group = createGroup("Known group");
        String user = createUser("Known User");
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("@odata.id", "https://graph.microsoft.com/v1.0/directoryObjects/" + UUID.randomUUID()))
                .when().post("/v1.0/groups/" + group + "/members/$ref")
                .then().statusCode(404).body("error.code", equalTo("itemNotFound"));
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("@odata.id", "https://graph.microsoft.com/v1.0/directoryObjects/" + user))
                .when().post("/v1.0/groups/" + UUID.randomUUID() + "/members/$ref")
                .then().statusCode(404).body("error.code", equalTo("itemNotFound"));
        given().auth().oauth2(admin()).when().get("/v1.0/groups/" + UUID.randomUUID() + "/members")
                .then().statusCode(404);
    }

    @Test
    void malformedReferencesAndIdsAreBadRequests() {
        String group = createGroup("Malformed");
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("@odata.id", "https://graph.microsoft.com/v1.0/directoryObjects/not-a-guid"))
                .when().post("/v1.0/groups/" + group + "/members/$ref")
                .then().statusCode(400).body("error.target", equalTo("@odata.id"));
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("something", "else"))
                .when().post("/v1.0/groups/" + group + "/members/$ref")
                .then().statusCode(400).body("error.target", equalTo("@odata.id"));
        given().auth().oauth2(admin()).when().delete("/v1.0/groups/" + group + "/members/not-a-guid/$ref")
                .then().statusCode(400).contentType(ContentType.JSON);
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("@odata.id", "https://graph.microsoft.com/v1.0/directoryObjects/" + UUID.randomUUID()))
                .when().post("/v1.0/groups/not-a-guid/members/$ref")
                .then().statusCode(400);
    }

    @Test
    void ownersAreKeptApartFromMembers() {
        String group = createGroup("Owned");
        String owner = createUser("Group Owner");
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("@odata.id", "https://graph.microsoft.com/v1.0/directoryObjects/" + owner))
                .when().post("/v1.0/groups/" + group + "/owners/$ref")
                .then().statusCode(204);
        given().auth().oauth2(admin()).when().get("/v1.0/groups/" + group + "/owners")
                .then().statusCode(200)
                .body("value.id", equalTo(List.of(owner)))
                .body("value[0].'@odata.type'", equalTo("#microsoft.graph.user"));
        given().auth().oauth2(admin()).when().get("/v1.0/groups/" + group + "/members")
                .then().statusCode(200).body("value", hasSize(0));
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("@odata.id", "https://graph.microsoft.com/v1.0/directoryObjects/" + owner))
                .when().post("/v1.0/groups/" + group + "/owners/$ref")
                .then().statusCode(400).body("error.message", containsString("'owners'"));
        given().auth().oauth2(admin()).when().delete("/v1.0/groups/" + group + "/owners/" + owner + "/$ref")
                .then().statusCode(204);
        given().auth().oauth2(admin()).when().get("/v1.0/groups/" + group + "/owners")
                .then().statusCode(200).body("value", hasSize(0));
    }

    @Test
    void membersPageWithAnAbsoluteNextLink() {
        String group = createGroup("Big group");
        for (int i = 0; i < 3; i++) {
            addMember(group, createUser("Paged Member " + i));
        }
        String next = given().auth().oauth2(admin()).queryParam("$top", 2)
                .when().get("/v1.0/groups/" + group + "/members")
                .then().statusCode(200).body("value", hasSize(2))
                .extract().path("'@odata.nextLink'");
        assertTrue(next.startsWith(baseUrl() + "/v1.0/groups/" + group + "/members?"), next);
        given().urlEncodingEnabled(false).auth().oauth2(admin()).when().get(next)
                .then().statusCode(200).body("value", hasSize(1)).body("'@odata.nextLink'", nullValue());
        given().auth().oauth2(admin()).queryParam("$filter", "displayName eq 'Paged Member 1'")
                .when().get("/v1.0/groups/" + group + "/members")
                .then().statusCode(200).body("value", hasSize(1));
    }

    @Test
    void deletingAGroupOrAUserEndsTheirMembershipsAndPublishesEachPlaceEnded() {
        String group = createGroup("Deleted group");
        String other = createGroup("Surviving group");
        String user = createUser("Member Of Both");
        addMember(group, user);
        addMember(other, user);
        String owner = createUser("Owner Of Deleted");
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("@odata.id", "https://graph.microsoft.com/v1.0/users/" + owner))
                .when().post("/v1.0/groups/" + group + "/owners/$ref").then().statusCode(204);
        given().auth().oauth2(admin()).when().delete("/v1.0/groups/" + group).then().statusCode(204);
        var memberGone = TestEvents.awaitEvent(Topics.DIRECTORY_EVENTS, EventTypes.GROUP_MEMBER_REMOVED, user);
        assertTrue(memberGone.value().contains("\"groupId\":\"" + group + "\"")
                && memberGone.value().contains("\"relationship\":\"member\"")
                && memberGone.value().contains("\"source\":\"groupDeleted\""), memberGone.value());
        var ownerGone = TestEvents.awaitEvent(Topics.DIRECTORY_EVENTS, EventTypes.GROUP_MEMBER_REMOVED, owner);
        assertTrue(ownerGone.value().contains("\"relationship\":\"owner\""), ownerGone.value());
        TestEvents.awaitEvent(Topics.DIRECTORY_EVENTS, EventTypes.GROUP_DELETED, group);
        List<String> groups = given().auth().oauth2(admin()).when().get("/v1.0/users/" + user + "/memberOf")
                .then().statusCode(200).extract().path("value.id");
        assertEquals(List.of(other), groups);
        given().auth().oauth2(admin()).when().delete("/v1.0/users/" + user).then().statusCode(204);
        given().auth().oauth2(admin()).when().get("/v1.0/groups/" + other + "/members")
                .then().statusCode(200).body("value", hasSize(0));
    }

    @Test
    void onlyDirectoryAdminsChangeMembers() {
        String group = createGroup("Guarded");
        String user = createUser("Hopeful");
        given().auth().oauth2(Tokens.user(user)).contentType(ContentType.JSON)
                .body(Map.of("@odata.id", "https://graph.microsoft.com/v1.0/directoryObjects/" + user))
                .when().post("/v1.0/groups/" + group + "/members/$ref")
                .then().statusCode(403).body("error.code", equalTo("accessDenied"));
        given().contentType(ContentType.JSON)
                .body(Map.of("@odata.id", "https://graph.microsoft.com/v1.0/directoryObjects/" + user))
                .when().post("/v1.0/groups/" + group + "/members/$ref")
                .then().statusCode(401);
    }

    /** Authorized before the body is read: who may not change the group learns nothing from validation. */
    @Test
    void aCallerWhoMayNotChangeTheGroupIsRefusedWhateverTheBody() {
        String group = createGroup("Guarded body");
        String user = createUser("Curious");
        for (Map<String, String> bad : List.of(
                Map.of("@odata.id", "https://graph.microsoft.com/v1.0/directoryObjects/not-a-guid"),
                Map.of("something", "else"))) {
            given().auth().oauth2(Tokens.user(user)).contentType(ContentType.JSON).body(bad)
                    .when().post("/v1.0/groups/" + group + "/members/$ref")
                    .then().statusCode(403).body("error.code", equalTo("accessDenied"));
            given().auth().oauth2(admin()).contentType(ContentType.JSON).body(bad)
                    .when().post("/v1.0/groups/" + group + "/members/$ref")
                    .then().statusCode(400).body("error.target", equalTo("@odata.id"));
        }
        given().auth().oauth2(Tokens.user(user)).contentType(ContentType.JSON)
                .when().post("/v1.0/groups/" + group + "/owners/$ref")
                .then().statusCode(403);
    }

    static String baseUrl() {
        return "http://localhost:" + RestAssured.port;
    }
}
