package dev.tessera.provisioning.delivery;

import static dev.tessera.provisioning.Directory.addMember;
import static dev.tessera.provisioning.Directory.admin;
import static dev.tessera.provisioning.Directory.createGroup;
import static dev.tessera.provisioning.Directory.createUser;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.platform.messaging.events.AssignmentGranted;
import dev.tessera.platform.messaging.events.AssignmentRemoved;
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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Assignment events in, memberships, ledger rows and delivery reports out, over a real broker and database. */
@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class AssignmentDeliveryTest {

    static final String CONSUMER = "provisioning-service";

    @Inject
    ObjectMapper mapper;

    @Test
    void aGrantMakesTheTargetAMemberAndReportsDelivered() throws Exception {
        String group = createGroup("Marketing resources");
        String user = createUser("Requestor One");
        UUID assignment = UUID.randomUUID();
        UUID request = UUID.randomUUID();

        ResourceRoleRef role = member(group);
        publish(new AssignmentGranted(assignment, request, UUID.randomUUID(), UUID.randomUUID(), UUID.fromString(user),
                Instant.now(), null, List.of(role)), EventTypes.ASSIGNMENT_GRANTED, UUID.randomUUID().toString());

        await().atMost(Duration.ofSeconds(20)).until(() -> members(group).contains(user));
        JsonNode report = report(assignment, "grant", 1);
        assertEquals(request.toString(), report.get("requestId").asText());
        assertEquals("delivered", report.get("outcome").asText());
        assertEquals(1, report.get("roles").size());
        assertEquals(role.roleId().toString(), report.get("roles").get(0).get("roleId").asText());
        assertEquals("delivered", report.get("roles").get(0).get("status").asText());
        assertNotNull(report.get("completedDateTime").asText());
        // the delivery trace: when this role's delivery started and ended
        Instant started = Instant.parse(report.get("roles").get(0).get("startedDateTime").asText());
        Instant ended = Instant.parse(report.get("roles").get(0).get("completedDateTime").asText());
        assertTrue(!ended.isBefore(started), started + " .. " + ended);

        assertEquals("delivered", Db.first("select status from delivery_ledger where assignment_id = ?", assignment));
        assertEquals(1, Db.count("select count(*) from delivery_ledger where assignment_id = ? and delivered_at "
                + "is not null and started_at is not null and requested_at is not null", assignment));
        ConsumerRecord<String, String> added = TestEvents.awaitEvent(Topics.DIRECTORY_EVENTS,
                EventTypes.GROUP_MEMBER_ADDED, user);
        assertTrue(added.value().contains(assignment.toString()), added.value());
        given().auth().oauth2(admin()).when().get("/v1.0/users/" + user + "/memberOf")
                .then().statusCode(200).body("value[0].id", equalTo(group));
    }

    @Test
    void theSameEventTwiceDeliversOnceAndAnEquivalentReSentGrantAddsNothing() throws Exception {
        String group = createGroup("Delivered once");
        String user = createUser("Once Only");
        UUID assignment = UUID.randomUUID();
        AssignmentGranted grant = grant(assignment, user, member(group));
        String eventId = UUID.randomUUID().toString();

        publish(grant, EventTypes.ASSIGNMENT_GRANTED, eventId);
        publish(grant, EventTypes.ASSIGNMENT_GRANTED, eventId);
        awaitAllBefore(assignment);

        assertEquals(1, Db.count("select count(*) from group_membership where group_id = ?::uuid and member_id = ?::uuid",
                group, user));
        assertEquals(1, Db.count("select count(*) from delivery_ledger where assignment_id = ?", assignment));
        assertEquals(1, Db.count("select count(*) from outbox_event where event_key = ? and event_type = ?",
                assignment.toString(), EventTypes.DELIVERY_REPORTED));
        await().atMost(Duration.ofSeconds(20)).until(() -> Db.count(
                "select count(*) from outbox_event where event_key = ? and sent_at is null", assignment.toString()) == 0);
        assertEquals(1, TestEvents.eventsNow(Topics.DELIVERY_EVENTS, EventTypes.DELIVERY_REPORTED,
                assignment.toString()).size());

        // The same grant under a new event id (a producer re-sending it) finds everything in place.
        publish(grant, EventTypes.ASSIGNMENT_GRANTED, UUID.randomUUID().toString());
        awaitAllBefore(assignment);
        assertEquals(1, Db.count("select count(*) from group_membership where group_id = ?::uuid and member_id = ?::uuid",
                group, user));
        assertEquals(1, Db.count("select count(*) from delivery_ledger where assignment_id = ?", assignment));
        assertEquals(List.of(user), members(group));
    }

    @Test
    void aMembershipHeldThroughTwoAssignmentsLastsUntilBothAreRemoved() throws Exception {
        String group = createGroup("Two packages");
        String user = createUser("Double Holder");
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        ResourceRoleRef role = member(group);
        publish(grant(first, user, role), EventTypes.ASSIGNMENT_GRANTED, UUID.randomUUID().toString());
        publish(grant(second, user, role), EventTypes.ASSIGNMENT_GRANTED, UUID.randomUUID().toString());
        awaitAllBefore(first);
        awaitAllBefore(second);
        assertEquals(List.of(user), members(group));

        publish(removal(first, user, role), EventTypes.ASSIGNMENT_REMOVED, UUID.randomUUID().toString());
        awaitAllBefore(first);
        assertEquals(List.of(user), members(group), "the second assignment still grants the membership");
        JsonNode removed = report(first, "remove", 2);
        assertEquals("removed", removed.get("outcome").asText());
        assertEquals("removed", removed.get("roles").get(0).get("status").asText());
        assertEquals("removed", Db.first("select status from delivery_ledger where assignment_id = ?", first));

        publish(removal(second, user, role), EventTypes.ASSIGNMENT_REMOVED, UUID.randomUUID().toString());
        awaitAllBefore(second);
        assertEquals(List.of(), members(group));
        TestEvents.awaitEvent(Topics.DIRECTORY_EVENTS, EventTypes.GROUP_MEMBER_REMOVED, user);
    }

    @Test
    void aDirectMemberKeepsTheMembershipWhenTheAssignmentIsRemoved() throws Exception {
        String group = createGroup("Direct and delivered");
        String user = createUser("Direct Member");
        addMember(group, user);
        UUID assignment = UUID.randomUUID();
        ResourceRoleRef role = member(group);

        publish(grant(assignment, user, role), EventTypes.ASSIGNMENT_GRANTED, UUID.randomUUID().toString());
        awaitAllBefore(assignment);
        assertEquals(List.of(user), members(group), "listed once whatever the number of sources");
        assertEquals(2, Db.count("select count(*) from group_membership where group_id = ?::uuid", group));

        publish(removal(assignment, user, role), EventTypes.ASSIGNMENT_REMOVED, UUID.randomUUID().toString());
        awaitAllBefore(assignment);
        assertEquals(List.of(user), members(group));
        given().auth().oauth2(admin()).when().delete("/v1.0/groups/" + group + "/members/" + user + "/$ref")
                .then().statusCode(204);
        assertEquals(List.of(), members(group));
    }

    @Test
    void removingTheReferenceOfAMemberOnlyAnAssignmentHoldsIsRefusedNamingTheAssignment() throws Exception {
        String group = createGroup("Package only");
        String user = createUser("Package Member");
        UUID assignment = UUID.randomUUID();
        publish(grant(assignment, user, member(group)), EventTypes.ASSIGNMENT_GRANTED, UUID.randomUUID().toString());
        await().atMost(Duration.ofSeconds(20)).until(() -> members(group).contains(user));

        given().auth().oauth2(admin()).when().delete("/v1.0/groups/" + group + "/members/" + user + "/$ref")
                .then().statusCode(400)
                .body("error.message", containsString(assignment.toString()))
                .body("error.message", containsString("access package assignment"));
        assertEquals(List.of(user), members(group));
    }

    @Test
    void anOwnerRoleMakesTheTargetAnOwner() throws Exception {
        String group = createGroup("Owned by package");
        String user = createUser("Package Owner");
        UUID assignment = UUID.randomUUID();
        publish(grant(assignment, user, role(group, "Owner", "Owner_" + group, "AadGroup")),
                EventTypes.ASSIGNMENT_GRANTED, UUID.randomUUID().toString());
        await().atMost(Duration.ofSeconds(20)).until(() -> ids("/v1.0/groups/" + group + "/owners").contains(user));
        assertEquals(List.of(), members(group));
        assertEquals("delivered", report(assignment, "grant", 1).get("outcome").asText());
    }

    @Test
    void missingSitesAndGroupsFailTheirRolesAndTheRestIsDelivered() throws Exception {
        String group = createGroup("Partly delivered");
        String user = createUser("Partial Person");
        UUID assignment = UUID.randomUUID();
        String missingGroup = UUID.randomUUID().toString();
        ResourceRoleRef good = member(group);
        String nowhere = "https://contoso.sharepoint.com/sites/Nowhere-" + UUID.randomUUID();
        ResourceRoleRef site = role(nowhere, "Visitors", "4",
                "SharePointOnline");
        ResourceRoleRef gone = member(missingGroup);
        publish(grant(assignment, user, good, site, gone), EventTypes.ASSIGNMENT_GRANTED, UUID.randomUUID().toString());

        JsonNode report = report(assignment, "grant", 1);
        assertEquals("partiallyDelivered", report.get("outcome").asText());
        assertEquals("delivered", status(report, good).get("status").asText());
        assertEquals("failed", status(report, site).get("status").asText());
        assertEquals("Site '" + nowhere + "' does not exist in the directory",
                status(report, site).get("error").asText());
        assertEquals("failed", status(report, gone).get("status").asText());
        assertTrue(status(report, gone).get("error").asText().contains(missingGroup));
        assertEquals(List.of(user), members(group));
        assertEquals(3, Db.count("select count(*) from delivery_ledger where assignment_id = ?", assignment));
        assertEquals(2, Db.count("select count(*) from delivery_ledger where assignment_id = ? and status = 'failed' "
                + "and failed_at is not null and error is not null", assignment));
    }

    @Test
    void aTargetMissingFromTheDirectoryFailsTheDelivery() throws Exception {
        String group = createGroup("Nobody joins");
        UUID assignment = UUID.randomUUID();
        String stranger = UUID.randomUUID().toString();
        publish(grant(assignment, stranger, member(group)), EventTypes.ASSIGNMENT_GRANTED,
                UUID.randomUUID().toString());
        JsonNode report = report(assignment, "grant", 1);
        assertEquals("deliveryFailed", report.get("outcome").asText());
        assertTrue(report.get("roles").get(0).get("error").asText().contains(stranger));
        assertEquals(List.of(), members(group));
    }

    @Test
    void anUnreadableEventIsDeadLetteredAndLaterEventsStillFlow() throws Exception {
        UUID broken = UUID.randomUUID();
        TestEvents.publish(Topics.ASSIGNMENT_EVENTS, EventTypes.ASSIGNMENT_GRANTED, broken.toString(),
                "{\"assignmentId\": \"not json", UUID.randomUUID().toString());
        ConsumerRecord<String, String> dead = TestEvents.awaitEvent(Topics.deadLetter(Topics.ASSIGNMENT_EVENTS),
                EventTypes.ASSIGNMENT_GRANTED, broken.toString());
        assertTrue(TestEvents.header(dead, "dead-letter-reason").isPresent());

        String group = createGroup("After the poison");
        String user = createUser("Still Delivered");
        publish(grant(broken, user, member(group)), EventTypes.ASSIGNMENT_GRANTED, UUID.randomUUID().toString());
        await().atMost(Duration.ofSeconds(20)).until(() -> members(group).contains(user));
    }

    @Test
    void aPoisonEventAmongGoodOnesIsTheOnlyOneDeadLettered() throws Exception {
        String group = createGroup("Mixed batch");
        String first = createUser("Before Poison");
        String second = createUser("After Poison");
        UUID assignment = UUID.randomUUID();
        UUID later = UUID.randomUUID();
        // the same key, so the same partition: most likely one poll, in this order
        String key = assignment.toString();
        TestEvents.publish(Topics.ASSIGNMENT_EVENTS, EventTypes.ASSIGNMENT_GRANTED, key,
                mapper.writeValueAsString(grant(assignment, first, member(group))), UUID.randomUUID().toString());
        TestEvents.publish(Topics.ASSIGNMENT_EVENTS, EventTypes.ASSIGNMENT_GRANTED, key, "{\"assignmentId\": \"broken",
                UUID.randomUUID().toString());
        TestEvents.publish(Topics.ASSIGNMENT_EVENTS, EventTypes.ASSIGNMENT_GRANTED, key,
                mapper.writeValueAsString(grant(later, second, member(group))), UUID.randomUUID().toString());

        await().atMost(Duration.ofSeconds(30)).until(() -> members(group).containsAll(List.of(first, second)));
        TestEvents.awaitEvent(Topics.deadLetter(Topics.ASSIGNMENT_EVENTS), EventTypes.ASSIGNMENT_GRANTED, key);
        awaitAllBefore(assignment);
        assertEquals(1, TestEvents.eventsNow(Topics.deadLetter(Topics.ASSIGNMENT_EVENTS), EventTypes.ASSIGNMENT_GRANTED,
                key).size(), "only the unreadable event is dead-lettered");
        assertEquals(1, Db.count("select count(*) from delivery_ledger where assignment_id = ?", assignment));
        assertEquals(1, Db.count("select count(*) from delivery_ledger where assignment_id = ?", later));
    }

    // --- helpers -----------------------------------------------------------------------------------

    static ResourceRoleRef member(String groupId) {
        return role(groupId, "Member", "Member_" + groupId, "AadGroup");
    }

    static ResourceRoleRef role(String resourceOriginId, String name, String roleOriginId, String originSystem) {
        return new ResourceRoleRef(UUID.randomUUID(), name, roleOriginId, originSystem, UUID.randomUUID(),
                resourceOriginId, resourceOriginId);
    }

    static AssignmentGranted grant(UUID assignment, String user, ResourceRoleRef... roles) {
        return new AssignmentGranted(assignment, UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
                UUID.fromString(user), Instant.now(), null, List.of(roles));
    }

    static AssignmentRemoved removal(UUID assignment, String user, ResourceRoleRef... roles) {
        return new AssignmentRemoved(assignment, UUID.randomUUID(), UUID.randomUUID(), UUID.fromString(user),
                "adminRemove", List.of(roles));
    }

    void publish(Object payload, String type, String eventId) throws Exception {
        String key = payload instanceof AssignmentGranted g ? g.assignmentId().toString()
                : ((AssignmentRemoved) payload).assignmentId().toString();
        TestEvents.publish(Topics.ASSIGNMENT_EVENTS, type, key, mapper.writeValueAsString(payload), eventId);
    }

    /**
     * Waits until everything published so far for this assignment was processed: a marker event on
     * the same key (so the same partition, behind the others) that the consumer ignores but records.
     */
    static void awaitAllBefore(UUID assignment) {
        String marker = UUID.randomUUID().toString();
        TestEvents.publish(Topics.ASSIGNMENT_EVENTS, "tessera.test.marker.v1", assignment.toString(), "{}", marker);
        TestEvents.awaitProcessed(CONSUMER, marker);
    }

    /** The latest delivery report of an operation, once {@code expected} reports exist for the assignment. */
    JsonNode report(UUID assignment, String operation, int expected) throws Exception {
        List<ConsumerRecord<String, String>> records = TestEvents.awaitEvents(Topics.DELIVERY_EVENTS,
                EventTypes.DELIVERY_REPORTED, assignment.toString(), expected);
        JsonNode found = null;
        for (ConsumerRecord<String, String> record : records) {
            JsonNode report = mapper.readTree(record.value());
            if (operation.equals(report.get("operation").asText())) {
                found = report;
            }
        }
        assertNotNull(found, "no " + operation + " report for " + assignment);
        return found;
    }

    static JsonNode status(JsonNode report, ResourceRoleRef role) {
        for (JsonNode entry : report.get("roles")) {
            if (role.roleId().toString().equals(entry.get("roleId").asText())) {
                return entry;
            }
        }
        throw new AssertionError("role " + role.roleId() + " missing from " + report);
    }

    static List<String> members(String group) {
        return ids("/v1.0/groups/" + group + "/members");
    }

    static List<String> ids(String path) {
        return given().auth().oauth2(admin()).when().get(path).then().statusCode(200).extract().path("value.id");
    }
}
