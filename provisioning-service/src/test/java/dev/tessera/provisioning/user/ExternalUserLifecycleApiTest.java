package dev.tessera.provisioning.user;

import static dev.tessera.provisioning.Directory.admin;
import static dev.tessera.provisioning.Directory.createGroup;
import static dev.tessera.provisioning.Directory.addMember;
import static dev.tessera.provisioning.Directory.createUser;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.platform.messaging.events.EventTypes;
import dev.tessera.platform.messaging.events.Topics;
import dev.tessera.testsupport.TestEvents;
import dev.tessera.testsupport.TesseraInfraResource;
import dev.tessera.testsupport.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * request-service's external-user lifecycle acts through {@code /internal/v1/externalUsers/{id}}: block and
 * unblock a guest's sign-in, delete the guest; never a member; only with the service token.
 */
@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class ExternalUserLifecycleApiTest {

    static final String EXTERNAL = "/internal/v1/externalUsers/";

    @Test
    void aGuestIsBlockedUnblockedAndDeletedAndEachChangeIsAnnounced() {
        String guest = createUser("Jen Barber", Map.of("userType", "Guest", "mail", "jen" + UUID.randomUUID() + "@foo.com"));
        String group = createGroup("Partners " + UUID.randomUUID());
        addMember(group, guest);

        given().auth().oauth2(Tokens.service()).when().post(EXTERNAL + guest + "/blockSignIn").then().statusCode(204);
        given().auth().oauth2(admin()).when().get("/v1.0/users/" + guest).then().statusCode(200)
                .body("accountEnabled", equalTo(false));
        String blocked = TestEvents.awaitEvent(Topics.DIRECTORY_EVENTS, EventTypes.USER_UPDATED, guest).value();
        assertTrue(blocked.contains("\"accountEnabled\":false"), blocked);

        // again: nothing changes, nothing more is announced
        int updates = TestEvents.eventsNow(Topics.DIRECTORY_EVENTS, EventTypes.USER_UPDATED, guest).size();
        given().auth().oauth2(Tokens.service()).when().post(EXTERNAL + guest + "/blockSignIn").then().statusCode(204);
        assertEquals(updates, TestEvents.eventsNow(Topics.DIRECTORY_EVENTS, EventTypes.USER_UPDATED, guest).size());

        given().auth().oauth2(Tokens.service()).when().post(EXTERNAL + guest + "/unblockSignIn").then().statusCode(204);
        given().auth().oauth2(admin()).when().get("/v1.0/users/" + guest).then().statusCode(200)
                .body("accountEnabled", equalTo(true));

        given().auth().oauth2(Tokens.service()).when().delete(EXTERNAL + guest).then().statusCode(204);
        given().auth().oauth2(admin()).when().get("/v1.0/users/" + guest).then().statusCode(404);
        TestEvents.awaitEvent(Topics.DIRECTORY_EVENTS, EventTypes.USER_DELETED, guest);
        given().auth().oauth2(admin()).when().get("/v1.0/groups/" + group + "/members").then().statusCode(200)
                .body("value.size()", equalTo(0));

        // deleted: 404, so a repeated deletion is told it is done
        given().auth().oauth2(Tokens.service()).when().delete(EXTERNAL + guest).then().statusCode(404)
                .body("error.code", equalTo("itemNotFound"));
        given().auth().oauth2(Tokens.service()).when().post(EXTERNAL + "not-an-id/blockSignIn").then().statusCode(404);
    }

    @Test
    void aMemberIsNeverBlockedNorDeleted() {
        String member = createUser("Adele Vance");
        given().auth().oauth2(Tokens.service()).when().post(EXTERNAL + member + "/blockSignIn").then().statusCode(409)
                .body("error.code", equalTo("NotAnExternalUser")).body("error.message", containsString("member"));
        given().auth().oauth2(Tokens.service()).when().delete(EXTERNAL + member).then().statusCode(409);
        given().auth().oauth2(admin()).when().get("/v1.0/users/" + member).then().statusCode(200)
                .body("accountEnabled", equalTo(true));
    }

    @Test
    void onlyTheServiceTokenMayCallIt() {
        String guest = createUser("Roy Trenneman", Map.of("userType", "Guest"));
        given().when().post(EXTERNAL + guest + "/blockSignIn").then().statusCode(401);
        given().auth().oauth2(admin()).when().post(EXTERNAL + guest + "/blockSignIn").then().statusCode(403);
        given().auth().oauth2(Tokens.admin(UUID.randomUUID().toString(), "Global Administrator"))
                .when().delete(EXTERNAL + guest).then().statusCode(403);
        given().auth().oauth2(admin()).when().get("/v1.0/users/" + guest).then().statusCode(200)
                .body("accountEnabled", equalTo(true));
    }
}
