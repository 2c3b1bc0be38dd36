package dev.tessera.pim.schedule;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.common.DirectoryRoles;
import dev.tessera.platform.messaging.events.EventTypes;
import dev.tessera.platform.messaging.events.Topics;
import dev.tessera.testsupport.MutableClock;
import dev.tessera.testsupport.TesseraInfraResource;
import dev.tessera.testsupport.TestEvents;
import dev.tessera.testsupport.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Access packages' directory roles: provisioning-service's commands, pim-service's answers. */
@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class PimCommandTest {

    static final ObjectMapper MAPPER = new ObjectMapper();

    @Inject
    MutableClock clock;

    final String principal = UUID.randomUUID().toString();
    final String pra = Tokens.admin(UUID.randomUUID().toString(), "Privileged Role Administrator");

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    String command(String operation, String roleType, String roleId) {
        String commandId = UUID.randomUUID().toString();
        TestEvents.publish(Topics.PIM_COMMANDS, EventTypes.PIM_ROLE_COMMAND, principal, """
                {"commandId":"%s","assignmentId":"%s","operation":"%s","roleType":"%s","principalId":"%s",
                 "roleDefinitionId":"%s","directoryScopeId":"/","endDateTime":null}
                """.formatted(commandId, UUID.randomUUID(), operation, roleType, principal, roleId));
        return commandId;
    }

    /** The answer to one command, once pim-service has published it. */
    JsonNode result(String commandId) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> TestEvents
                .eventsNow(Topics.PIM_EVENTS, EventTypes.PIM_ROLE_COMMAND_RESULT, principal).stream()
                .map(r -> read(r.value())).filter(n -> commandId.equals(n.path("commandId").asText()))
                .findFirst().orElse(null), java.util.Objects::nonNull);
    }

    @Test
    void anEligibleRoleIsCreatedThenARemovalIsDeferredUntilFiveMinutesHavePassed() {
        JsonNode assigned = result(command("assign", "Eligible", DirectoryRoles.GROUPS_ADMINISTRATOR));
        assertEquals("done", assigned.path("outcome").asText());
        given().auth().oauth2(pra).queryParam("$filter", "principalId eq '" + principal + "'")
                .when().get("/v1.0/roleManagement/directory/roleEligibilityScheduleInstances")
                .then().body("value", hasSize(1)).body("value[0].id", equalTo(assigned.path("scheduleId").asText()));

        JsonNode deferred = result(command("remove", "Eligible", DirectoryRoles.GROUPS_ADMINISTRATOR));
        assertEquals("deferred", deferred.path("outcome").asText());
        Instant notBefore = Instant.parse(deferred.path("notBefore").asText());
        assertTrue(notBefore.isAfter(clock.instant()), "the earliest removal is in the future");

        clock.set(notBefore.plusSeconds(1));
        JsonNode removed = result(command("remove", "Eligible", DirectoryRoles.GROUPS_ADMINISTRATOR));
        assertEquals("done", removed.path("outcome").asText());
        given().auth().oauth2(pra).queryParam("$filter", "principalId eq '" + principal + "'")
                .when().get("/v1.0/roleManagement/directory/roleEligibilityScheduleInstances")
                .then().body("value", hasSize(0));
    }

    @Test
    void anUnknownRoleFailsWithTheReason() {
        JsonNode failed = result(command("assign", "Active", UUID.randomUUID().toString()));
        assertEquals("failed", failed.path("outcome").asText());
        assertTrue(failed.path("reason").asText().contains("was not found"), failed.toString());
    }

    private static JsonNode read(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
