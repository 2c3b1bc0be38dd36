package dev.tessera.provisioning.delivery;

import static dev.tessera.provisioning.Directory.admin;
import static dev.tessera.provisioning.Directory.createGroup;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.platform.messaging.events.AssignmentGranted;
import dev.tessera.platform.messaging.events.EventTypes;
import dev.tessera.platform.messaging.events.ResourceRoleRef;
import dev.tessera.platform.messaging.events.Topics;
import dev.tessera.provisioning.Db;
import dev.tessera.testsupport.TestEvents;
import dev.tessera.testsupport.TesseraInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A grant to an external user (named by email, no object id yet): the user is invited as a guest
 * exactly once, gets the resource roles, and the report carries the guest's object id.
 */
@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class GuestDeliveryTest {

    @Inject
    ObjectMapper mapper;

    static AssignmentGranted toEmail(UUID assignment, String email, ResourceRoleRef role) {
        return new AssignmentGranted(assignment, UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), null,
                Instant.now(), null, List.of(role), email, "Jen Barber");
    }

    void publish(AssignmentGranted grant, String eventId) throws Exception {
        TestEvents.publish(Topics.ASSIGNMENT_EVENTS, EventTypes.ASSIGNMENT_GRANTED, grant.assignmentId().toString(),
                mapper.writeValueAsString(grant), eventId);
    }

    JsonNode report(UUID assignment) throws Exception {
        return mapper.readTree(TestEvents.awaitEvent(Topics.DELIVERY_EVENTS, EventTypes.DELIVERY_REPORTED,
                assignment.toString()).value());
    }

    @Test
    void anExternalUserIsInvitedAsAGuestOnceAndGetsTheMembership() throws Exception {
        String group = createGroup("Partner portal users");
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String email = "jen." + tag + "@foo.com";
        UUID assignment = UUID.randomUUID();
        AssignmentGranted grant = toEmail(assignment, email, AssignmentDeliveryTest.member(group));
        String eventId = UUID.randomUUID().toString();

        publish(grant, eventId);
        publish(grant, eventId); // a replay
        AssignmentDeliveryTest.awaitAllBefore(assignment);

        JsonNode report = report(assignment);
        assertEquals("delivered", report.path("outcome").asText());
        String guest = report.path("targetObjectId").asText();
        assertEquals(1, Db.count("select count(*) from directory_user where lower(mail) = lower(?)", email));

        given().auth().oauth2(admin()).when().get("/v1.0/users/" + guest).then().statusCode(200)
                .body("userType", equalTo("Guest"))
                .body("mail", equalTo(email))
                .body("displayName", equalTo("Jen Barber"))
                .body("userPrincipalName", equalTo("jen." + tag + "_foo.com#EXT#@tessera.onmicrosoft.com"))
                .body("mailNickname", equalTo("jen." + tag + "_foo.com#EXT#"))
                .body("creationType", equalTo("Invitation"))
                .body("externalUserState", equalTo("PendingAcceptance"));
        given().auth().oauth2(admin()).when().get("/v1.0/groups/" + group + "/members").then().statusCode(200)
                .body("value", hasSize(1)).body("value[0].id", equalTo(guest));
        TestEvents.awaitEvent(Topics.DIRECTORY_EVENTS, EventTypes.USER_CREATED, guest);
        // how request-service finds her by email from now on
        given().auth().oauth2(admin()).queryParam("$filter", "tolower(mail) eq '" + email.toLowerCase() + "'")
                .when().get("/v1.0/users").then().statusCode(200)
                .body("value", hasSize(1)).body("value[0].id", equalTo(guest));

        // another package for the same email (any case) goes to the same guest
        String second = createGroup("Partner wiki");
        UUID other = UUID.randomUUID();
        publish(toEmail(other, email.toUpperCase(), AssignmentDeliveryTest.member(second)), UUID.randomUUID().toString());
        AssignmentDeliveryTest.awaitAllBefore(other);
        assertEquals(guest, report(other).path("targetObjectId").asText());
        assertEquals(1, Db.count("select count(*) from directory_user where lower(mail) = lower(?)", email));
        given().auth().oauth2(admin()).when().get("/v1.0/groups/" + second + "/members").then()
                .body("value[0].id", equalTo(guest));
    }

    @Test
    void aPackageWithoutResourceRolesIsReportedDeliveredAndStillInvitesTheGuest() throws Exception {
        String email = "roy." + UUID.randomUUID().toString().substring(0, 8) + "@foo.com";
        UUID assignment = UUID.randomUUID();
        publish(new AssignmentGranted(assignment, UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), null,
                Instant.now(), null, List.of(), email, "Roy Trenneman"), UUID.randomUUID().toString());

        JsonNode report = report(assignment);
        assertEquals("grant", report.path("operation").asText());
        assertEquals("delivered", report.path("outcome").asText());
        assertEquals(0, report.path("roles").size());
        String guest = report.path("targetObjectId").asText();
        given().auth().oauth2(admin()).when().get("/v1.0/users/" + guest).then().statusCode(200)
                .body("mail", equalTo(email)).body("userType", equalTo("Guest"));
    }

    @Test
    void aGrantWithNeitherObjectIdNorEmailIsReportedFailedWithTheReasonAndDeadLettered() throws Exception {
        UUID assignment = UUID.randomUUID();
        UUID request = UUID.randomUUID();
        String group = createGroup("Nobody's group");
        ResourceRoleRef member = AssignmentDeliveryTest.member(group);
        AssignmentGranted nobody = new AssignmentGranted(assignment, request, UUID.randomUUID(),
                UUID.randomUUID(), null, Instant.now(), null, List.of(member), null, null);
        publish(nobody, UUID.randomUUID().toString());
        TestEvents.awaitEvent(Topics.deadLetter(Topics.ASSIGNMENT_EVENTS), EventTypes.ASSIGNMENT_GRANTED,
                assignment.toString());

        // whoever waits for the outcome hears it: the request ends deliveryFailed instead of waiting forever
        JsonNode report = report(assignment);
        assertEquals("grant", report.path("operation").asText());
        assertEquals("deliveryFailed", report.path("outcome").asText());
        assertEquals(request.toString(), report.path("requestId").asText());
        assertEquals(1, report.path("roles").size());
        assertEquals("failed", report.path("roles").get(0).path("status").asText());
        assertTrue(report.path("roles").get(0).path("error").asText().contains("targetObjectId or targetEmail"),
                report.toString());
    }
}
