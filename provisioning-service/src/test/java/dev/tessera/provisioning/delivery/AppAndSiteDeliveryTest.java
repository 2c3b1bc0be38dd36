package dev.tessera.provisioning.delivery;

import static dev.tessera.provisioning.Directory.admin;
import static dev.tessera.provisioning.Directory.createUser;
import static dev.tessera.provisioning.delivery.AssignmentDeliveryTest.ids;
import static dev.tessera.provisioning.delivery.AssignmentDeliveryTest.role;
import static dev.tessera.provisioning.delivery.AssignmentDeliveryTest.status;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.platform.messaging.events.AssignmentGranted;
import dev.tessera.platform.messaging.events.AssignmentRemoved;
import dev.tessera.platform.messaging.events.EventTypes;
import dev.tessera.platform.messaging.events.ResourceRoleRef;
import dev.tessera.platform.messaging.events.Topics;
import dev.tessera.testsupport.TestEvents;
import dev.tessera.testsupport.TesseraInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** App roles and site roles delivered from access packages, counted per source like group memberships. */
@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class AppAndSiteDeliveryTest {

    @Inject
    ObjectMapper mapper;

    record App(String id, String readerRoleId) {
    }

    static App createApp(String name) {
        var created = given().auth().oauth2(admin()).contentType(ContentType.JSON).body("""
                {"displayName":"%s","appRoles":[{"displayName":"Reader","value":"Reader","allowedMemberTypes":["User"]},
                  {"displayName":"Retired","value":"Retired","allowedMemberTypes":["User"],"isEnabled":false}]}
                """.formatted(name)).when().post("/v1.0/servicePrincipals").then().statusCode(201).extract();
        return new App(created.path("id"), created.path("appRoles.find { it.value == 'Reader' }.id"));
    }

    static String createSite(String name, String url) {
        return given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body("{\"displayName\":\"" + name + "\",\"webUrl\":\"" + url + "\"}")
                .when().post("/v1.0/sites").then().statusCode(201).extract().path("id");
    }

    static List<String> appHolders(String spId) {
        return given().auth().oauth2(admin()).when().get("/v1.0/servicePrincipals/" + spId + "/appRoleAssignedTo")
                .then().statusCode(200).extract().path("value.principalId");
    }

    void publish(Object payload, String type, UUID assignment) throws Exception {
        TestEvents.publish(Topics.ASSIGNMENT_EVENTS, type, assignment.toString(), mapper.writeValueAsString(payload),
                UUID.randomUUID().toString());
    }

    /** The report of an operation; a removal is the assignment's second report (after its grant's). */
    JsonNode report(UUID assignment, String operation) throws Exception {
        int expected = operation.equals("remove") ? 2 : 1;
        for (var record : TestEvents.awaitEvents(Topics.DELIVERY_EVENTS, EventTypes.DELIVERY_REPORTED, assignment.toString(),
                expected)) {
            JsonNode report = mapper.readTree(record.value());
            if (operation.equals(report.get("operation").asText())) {
                return report;
            }
        }
        throw new AssertionError("no " + operation + " report for " + assignment);
    }

    static AssignmentGranted grant(UUID assignment, String user, ResourceRoleRef... roles) {
        return new AssignmentGranted(assignment, UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
                UUID.fromString(user), Instant.now(), null, List.of(roles));
    }

    static AssignmentRemoved removal(UUID assignment, String user) {
        return new AssignmentRemoved(assignment, UUID.randomUUID(), UUID.randomUUID(), UUID.fromString(user), "adminRemove",
                List.of());
    }

    @Test
    void anAppRoleAndASiteRoleAreDeliveredAndTakenAwayWithTheAssignment() throws Exception {
        App app = createApp("Expenses " + UUID.randomUUID());
        String url = "https://contoso.sharepoint.com/sites/Marketing-" + UUID.randomUUID();
        String site = createSite("Marketing", url);
        String user = createUser("App And Site User");
        UUID assignment = UUID.randomUUID();
        ResourceRoleRef reader = role(app.id(), "Reader", app.readerRoleId(), "AadApplication");
        ResourceRoleRef members = role(url + "/", "Marketing Members", "4", "SharePointOnline");

        publish(grant(assignment, user, reader, members), EventTypes.ASSIGNMENT_GRANTED, assignment);
        JsonNode granted = report(assignment, "grant");
        assertEquals("delivered", granted.get("outcome").asText(), granted.toString());
        assertEquals(List.of(user), appHolders(app.id()));
        assertEquals(List.of(user), ids("/v1.0/sites/" + site + "/roles/4/members"));

        publish(removal(assignment, user), EventTypes.ASSIGNMENT_REMOVED, assignment);
        await().atMost(Duration.ofSeconds(20)).until(() -> appHolders(app.id()).isEmpty());
        await().atMost(Duration.ofSeconds(20)).until(() -> ids("/v1.0/sites/" + site + "/roles/4/members").isEmpty());
    }

    @Test
    void anAppRoleLastsUntilItsLastSourceGoesAndDirectAccessIsNeverTakenAway() throws Exception {
        App app = createApp("Payroll " + UUID.randomUUID());
        String twice = createUser("Two Packages");
        String direct = createUser("Assigned Directly");
        ResourceRoleRef reader = role(app.id(), "Reader", app.readerRoleId(), "AadApplication");
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body("""
                {"principalId":"%s","resourceId":"%s","appRoleId":"%s"}""".formatted(direct, app.id(), app.readerRoleId()))
                .when().post("/v1.0/servicePrincipals/" + app.id() + "/appRoleAssignedTo").then().statusCode(201);

        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        UUID overDirect = UUID.randomUUID();
        publish(grant(first, twice, reader), EventTypes.ASSIGNMENT_GRANTED, first);
        publish(grant(second, twice, reader), EventTypes.ASSIGNMENT_GRANTED, second);
        publish(grant(overDirect, direct, reader), EventTypes.ASSIGNMENT_GRANTED, overDirect);
        report(first, "grant");
        report(second, "grant");
        assertEquals("delivered", report(overDirect, "grant").get("outcome").asText());
        assertEquals(2, appHolders(app.id()).size(), "one assignment per principal, however many sources");

        publish(removal(first, twice), EventTypes.ASSIGNMENT_REMOVED, first);
        publish(removal(overDirect, direct), EventTypes.ASSIGNMENT_REMOVED, overDirect);
        report(first, "remove");
        report(overDirect, "remove");
        assertTrue(appHolders(app.id()).containsAll(List.of(twice, direct)), "still granted by the second package / directly");

        publish(removal(second, twice), EventTypes.ASSIGNMENT_REMOVED, second);
        await().atMost(Duration.ofSeconds(20)).until(() -> appHolders(app.id()).equals(List.of(direct)));
    }

    @Test
    void aMissingOrDisabledAppRoleOrAnUnknownSiteFailsThatRoleWithTheReason() throws Exception {
        App app = createApp("Half " + UUID.randomUUID());
        String retired = given().auth().oauth2(admin()).when().get("/v1.0/servicePrincipals/" + app.id()).then()
                .extract().path("appRoles.find { it.value == 'Retired' }.id");
        String user = createUser("Partly Served");
        UUID assignment = UUID.randomUUID();
        ResourceRoleRef good = role(app.id(), "Reader", app.readerRoleId(), "AadApplication");
        ResourceRoleRef disabled = role(app.id(), "Retired", retired, "AadApplication");
        ResourceRoleRef noSite = role("https://contoso.sharepoint.com/sites/Nowhere-" + UUID.randomUUID(), "Members", "4",
                "SharePointOnline");
        publish(grant(assignment, user, good, disabled, noSite), EventTypes.ASSIGNMENT_GRANTED, assignment);
        JsonNode report = report(assignment, "grant");
        assertEquals("partiallyDelivered", report.get("outcome").asText());
        assertTrue(status(report, disabled).get("error").asText().contains("disabled"));
        assertTrue(status(report, noSite).get("error").asText().contains("Nowhere"));
        assertEquals(List.of(user), appHolders(app.id()));
    }
}
