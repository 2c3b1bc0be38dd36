package dev.tessera.provisioning.delivery;

import static dev.tessera.provisioning.Directory.admin;
import static dev.tessera.provisioning.Directory.createGroup;
import static dev.tessera.provisioning.Directory.createUser;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.platform.messaging.events.AssignmentGranted;
import dev.tessera.platform.messaging.events.AssignmentRemoved;
import dev.tessera.platform.messaging.events.AttributeValue;
import dev.tessera.platform.messaging.events.EventTypes;
import dev.tessera.platform.messaging.events.ResourceRoleRef;
import dev.tessera.platform.messaging.events.Topics;
import dev.tessera.testsupport.TestEvents;
import dev.tessera.testsupport.TesseraInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * A grant's attribute answers are written to the target's directory properties and published as a user
 * change; its removal clears them, except those kept on removal.
 */
@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class AttributeDeliveryTest {

    @Inject
    ObjectMapper mapper;

    @Test
    void aGrantWritesTheAnswersAndItsRemovalClearsThoseNotKept() throws Exception {
        String group = createGroup("Finance app");
        String user = createUser("Attribute Holder", Map.of("jobTitle", "Intern"));
        UUID assignment = UUID.randomUUID();
        ResourceRoleRef role = AssignmentDeliveryTest.member(group);
        List<AttributeValue> values = List.of(new AttributeValue("department", "Finance", false),
                new AttributeValue("jobTitle", "Analyst", true));
        publish(new AssignmentGranted(assignment, UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
                UUID.fromString(user), Instant.now(), null, List.of(role), null, null, values),
                EventTypes.ASSIGNMENT_GRANTED, assignment);

        await().atMost(Duration.ofSeconds(20)).until(() -> AssignmentDeliveryTest.members(group).contains(user));
        given().auth().oauth2(admin()).when().get("/v1.0/users/" + user).then().statusCode(200)
                .body("department", equalTo("Finance")).body("jobTitle", equalTo("Analyst"));
        JsonNode changed = userUpdated(user, "department");
        assertEquals("Finance", changed.path("attributes").path("department").asText());
        assertEquals("Analyst", changed.path("attributes").path("jobTitle").asText());

        publish(new AssignmentRemoved(assignment, UUID.randomUUID(), UUID.randomUUID(), UUID.fromString(user),
                "adminRemove", List.of(role), values), EventTypes.ASSIGNMENT_REMOVED, assignment);
        await().atMost(Duration.ofSeconds(20)).until(() -> !AssignmentDeliveryTest.members(group).contains(user));
        given().auth().oauth2(admin()).when().get("/v1.0/users/" + user).then().statusCode(200)
                .body("department", nullValue()).body("jobTitle", equalTo("Analyst"));
    }

    @Test
    void aGrantWithoutAttributesLeavesTheUserAsTheyAre() throws Exception {
        String group = createGroup("Plain app");
        String user = createUser("Plain Holder", Map.of("department", "Sales"));
        UUID assignment = UUID.randomUUID();
        ResourceRoleRef role = AssignmentDeliveryTest.member(group);
        publish(new AssignmentGranted(assignment, UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
                UUID.fromString(user), Instant.now(), null, List.of(role)), EventTypes.ASSIGNMENT_GRANTED, assignment);
        await().atMost(Duration.ofSeconds(20)).until(() -> AssignmentDeliveryTest.members(group).contains(user));
        publish(new AssignmentRemoved(assignment, UUID.randomUUID(), UUID.randomUUID(), UUID.fromString(user),
                "adminRemove", List.of(role)), EventTypes.ASSIGNMENT_REMOVED, assignment);
        await().atMost(Duration.ofSeconds(20)).until(() -> !AssignmentDeliveryTest.members(group).contains(user));
        given().auth().oauth2(admin()).when().get("/v1.0/users/" + user).then().statusCode(200)
                .body("department", equalTo("Sales"));
    }

    /** The user's {@code userUpdated} event that names {@code property}. */
    private JsonNode userUpdated(String user, String property) throws Exception {
        return await().atMost(Duration.ofSeconds(20)).until(() -> {
            for (ConsumerRecord<String, String> record : TestEvents.eventsNow(Topics.DIRECTORY_EVENTS,
                    EventTypes.USER_UPDATED, user)) {
                JsonNode event = mapper.readTree(record.value());
                if (event.path("attributes").has(property)) {
                    return event;
                }
            }
            return null;
        }, e -> e != null);
    }

    private void publish(Object payload, String type, UUID assignment) throws Exception {
        TestEvents.publish(Topics.ASSIGNMENT_EVENTS, type, assignment.toString(), mapper.writeValueAsString(payload),
                UUID.randomUUID().toString());
    }
}
