package dev.tessera.pim.schedule;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.common.DirectoryRoles;
import dev.tessera.pim.FakeDirectory;
import dev.tessera.platform.messaging.events.EventTypes;
import dev.tessera.platform.messaging.events.Topics;
import dev.tessera.testsupport.MutableClock;
import dev.tessera.testsupport.TesseraInfraResource;
import dev.tessera.testsupport.TestEvents;
import dev.tessera.testsupport.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** tessera.pim.scheduleChanged.v1: what each change of a schedule publishes. */
@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class ScheduleEventsTest {

    static final String D = "/v1.0/roleManagement/directory/";
    static final String ROLE = DirectoryRoles.GROUPS_ADMINISTRATOR;
    static final ObjectMapper MAPPER = new ObjectMapper();

    @Inject
    MutableClock clock;

    final String pra = Tokens.admin(UUID.randomUUID().toString(), "Privileged Role Administrator");
    final String user = FakeDirectory.newUser();

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    ValidatableResponse post(String token, String set, String body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .when().post(D + set + "ScheduleRequests").then();
    }

    ValidatableResponse admin(String set, String action, String scheduleInfo) {
        return post(pra, set, """
                {"action":"%s","justification":"rota","roleDefinitionId":"%s","directoryScopeId":"/",
                 "principalId":"%s"%s}
                """.formatted(action, ROLE, user, scheduleInfo == null ? "" : ",\"scheduleInfo\":" + scheduleInfo));
    }

    /** The schedule events of the user, in order, once there are {@code count}. */
    List<JsonNode> events(int count) {
        return TestEvents.awaitEvents(Topics.PIM_EVENTS, EventTypes.PIM_SCHEDULE_CHANGED, user, count).stream()
                .map(r -> read(r.value())).toList();
    }

    static String changes(List<JsonNode> events) {
        return String.join(",", events.stream().map(e -> e.path("kind").asText() + ":" + e.path("change").asText()).toList());
    }

    @Test
    void eligibilityCreatedUpdatedAndRemoved() {
        String id = admin("roleEligibility", "adminAssign", "{\"expiration\":{\"type\":\"noExpiration\"}}")
                .statusCode(201).extract().path("targetScheduleId");
        admin("roleEligibility", "adminUpdate", "{\"expiration\":{\"type\":\"afterDuration\",\"duration\":\"P30D\"}}")
                .statusCode(201);
        clock.set(clock.instant().plus(Duration.ofMinutes(6)));
        admin("roleEligibility", "adminRemove", null).statusCode(201);

        List<JsonNode> events = events(3);
        assertEquals("eligibility:created,eligibility:updated,eligibility:removed", changes(events));
        events.forEach(e -> assertEquals(id, e.path("scheduleId").asText()));
        assertEquals(ROLE, events.get(0).path("roleDefinitionId").asText());
        assertEquals(false, events.get(1).path("endDateTime").isNull(), "the update carries the new end");
        assertEquals(true, events.get(0).path("endDateTime").isNull(), "created without an end");
    }

    @Test
    void anActivationIsCreatedAsActivatedAndItsDeactivationRemoved() {
        admin("roleEligibility", "adminAssign", "{\"expiration\":{\"type\":\"noExpiration\"}}").statusCode(201);
        String token = Tokens.builder(user).mfa(true).sign();
        String activation = post(token, "roleAssignment", """
                {"action":"selfActivate","principalId":"%s","roleDefinitionId":"%s","directoryScopeId":"/",
                 "justification":"incident","scheduleInfo":{"expiration":{"type":"afterDuration","duration":"PT1H"}}}
                """.formatted(user, ROLE)).statusCode(201).extract().path("targetScheduleId");
        clock.set(clock.instant().plus(Duration.ofMinutes(6)));
        post(token, "roleAssignment", """
                {"action":"selfDeactivate","principalId":"%s","roleDefinitionId":"%s","directoryScopeId":"/"}
                """.formatted(user, ROLE)).statusCode(201);

        List<JsonNode> events = events(3);
        assertEquals("eligibility:created,assignment:created,assignment:removed", changes(events));
        for (JsonNode e : events.subList(1, 3)) {
            assertEquals(activation, e.path("scheduleId").asText());
            assertEquals("Activated", e.path("assignmentType").asText());
        }
    }

    @Test
    void aFutureScheduleIsCreatedWhenGrantedAndItsCancelRemovesIt() {
        String start = clock.instant().plus(Duration.ofDays(2)).toString();
        String request = admin("roleAssignment", "adminAssign", """
                {"startDateTime":"%s","expiration":{"type":"noExpiration"}}""".formatted(start))
                .statusCode(201).extract().path("id");
        given().auth().oauth2(pra).when().post(D + "roleAssignmentScheduleRequests/" + request + "/cancel")
                .then().statusCode(204);

        List<JsonNode> events = events(2);
        assertEquals("assignment:created,assignment:removed", changes(events));
        assertEquals("Assigned", events.get(0).path("assignmentType").asText());
        assertEquals(java.time.Instant.parse(start), java.time.Instant.parse(events.get(0).path("startDateTime").asText()));
    }

    private static JsonNode read(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
