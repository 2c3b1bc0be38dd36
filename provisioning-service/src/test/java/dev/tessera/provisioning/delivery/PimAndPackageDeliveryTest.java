package dev.tessera.provisioning.delivery;

import static dev.tessera.provisioning.Directory.createGroup;
import static dev.tessera.provisioning.Directory.createUser;
import static dev.tessera.provisioning.delivery.AssignmentDeliveryTest.grant;
import static dev.tessera.provisioning.delivery.AssignmentDeliveryTest.member;
import static dev.tessera.provisioning.delivery.AssignmentDeliveryTest.members;
import static dev.tessera.provisioning.delivery.AssignmentDeliveryTest.removal;
import static dev.tessera.provisioning.delivery.AssignmentDeliveryTest.role;
import static dev.tessera.provisioning.delivery.AssignmentDeliveryTest.status;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.platform.messaging.events.AssignmentGranted;
import dev.tessera.platform.messaging.events.EventTypes;
import dev.tessera.platform.messaging.events.PackageResourceRoleChanged;
import dev.tessera.platform.messaging.events.PimRoleCommandResult;
import dev.tessera.platform.messaging.events.ResourceRoleRef;
import dev.tessera.platform.messaging.events.Topics;
import dev.tessera.provisioning.Db;
import dev.tessera.testsupport.MutableClock;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Directory roles delivered through pim-service (the test answers as pim-service would), deferred
 * removals retried by a durable timer, and package changes reaching every current assignee.
 */
@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class PimAndPackageDeliveryTest {

    static final String HELPDESK = "729827e3-9c14-49f7-bb1b-9608f156bbb8";

    @Inject
    ObjectMapper mapper;

    @Inject
    MutableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    static ResourceRoleRef eligible(String roleDefinitionId) {
        return role(roleDefinitionId, "Eligible Member", "Eligible", "DirectoryRole");
    }

    void publishAssignment(Object payload, String type) throws Exception {
        String key = payload instanceof AssignmentGranted g ? g.assignmentId().toString()
                : ((dev.tessera.platform.messaging.events.AssignmentRemoved) payload).assignmentId().toString();
        TestEvents.publish(Topics.ASSIGNMENT_EVENTS, type, key, mapper.writeValueAsString(payload), UUID.randomUUID().toString());
    }

    /** The latest command for this principal of this operation, once {@code count} commands exist for it. */
    JsonNode command(String principal, String operation, int count) throws Exception {
        JsonNode found = null;
        for (ConsumerRecord<String, String> r : TestEvents.awaitEvents(Topics.PIM_COMMANDS, EventTypes.PIM_ROLE_COMMAND,
                principal, count)) {
            JsonNode command = mapper.readTree(r.value());
            if (operation.equals(command.get("operation").asText())) {
                found = command;
            }
        }
        assertTrue(found != null, "no " + operation + " command for " + principal);
        return found;
    }

    void answer(JsonNode command, String outcome, Instant notBefore, String reason) throws Exception {
        PimRoleCommandResult result = new PimRoleCommandResult(UUID.fromString(command.get("commandId").asText()),
                UUID.fromString(command.get("assignmentId").asText()), command.get("operation").asText(), outcome,
                UUID.randomUUID().toString(), notBefore, reason);
        TestEvents.publish(Topics.PIM_EVENTS, EventTypes.PIM_ROLE_COMMAND_RESULT, command.get("principalId").asText(),
                mapper.writeValueAsString(result), UUID.randomUUID().toString());
    }

    JsonNode grantReport(UUID assignment) throws Exception {
        return mapper.readTree(TestEvents.awaitEvent(Topics.DELIVERY_EVENTS, EventTypes.DELIVERY_REPORTED,
                assignment.toString()).value());
    }

    static String ledger(UUID assignment, ResourceRoleRef role) throws Exception {
        return Db.first("select status from delivery_ledger where assignment_id = ? and role_id = ?",
                assignment, role.roleId());
    }

    @Test
    void aDirectoryRoleIsAskedOfPimServiceAndTheGrantIsReportedWhenItAnswers() throws Exception {
        String group = createGroup("Helpdesk tools");
        String user = createUser("Helpdesk Agent");
        UUID assignment = UUID.randomUUID();
        ResourceRoleRef role = eligible(HELPDESK);
        ResourceRoleRef tools = member(group);
        Instant end = Instant.parse("2031-01-01T00:00:00Z");
        AssignmentGranted granted = new AssignmentGranted(assignment, UUID.randomUUID(), UUID.randomUUID(),
                UUID.randomUUID(), UUID.fromString(user), Instant.now(), end, List.of(role, tools));
        publishAssignment(granted, EventTypes.ASSIGNMENT_GRANTED);

        JsonNode assign = command(user, "assign", 1);
        assertEquals("Eligible", assign.get("roleType").asText());
        assertEquals(HELPDESK, assign.get("roleDefinitionId").asText());
        assertEquals("/", assign.get("directoryScopeId").asText());
        assertEquals(end, Instant.parse(assign.get("endDateTime").asText()));
        assertEquals("pending", ledger(assignment, role));
        assertEquals(List.of(user), members(group), "the group role does not wait for pim-service");
        assertEquals(0, Db.count("select count(*) from outbox_event where event_key = ? and event_type = ?",
                assignment.toString(), EventTypes.DELIVERY_REPORTED), "no report while a role is pending");

        answer(assign, PimRoleCommandResult.DONE, null, null);
        JsonNode report = grantReport(assignment);
        assertEquals("delivered", report.get("outcome").asText());
        assertEquals(granted.requestId().toString(), report.get("requestId").asText());
        assertEquals(2, report.get("roles").size());
        assertEquals("delivered", ledger(assignment, role));
    }

    @Test
    void aRefusalByPimServiceFailsThatRoleWithItsReason() throws Exception {
        String group = createGroup("Half delivered");
        String user = createUser("Not Eligible");
        UUID assignment = UUID.randomUUID();
        ResourceRoleRef role = eligible(HELPDESK);
        publishAssignment(grant(assignment, user, role, member(group)), EventTypes.ASSIGNMENT_GRANTED);

        answer(command(user, "assign", 1), PimRoleCommandResult.FAILED, null,
                "The following policy rules failed: [\"ExpirationRule\"]");
        JsonNode report = grantReport(assignment);
        assertEquals("partiallyDelivered", report.get("outcome").asText());
        assertTrue(status(report, role).get("error").asText().contains("ExpirationRule"));
        assertEquals("failed", ledger(assignment, role));
    }

    @Test
    void aRemovalInsideTheFiveMinuteWindowIsDeferredAndAskedAgainNeverDropped() throws Exception {
        String user = createUser("Leaving Admin");
        UUID assignment = UUID.randomUUID();
        ResourceRoleRef role = eligible(HELPDESK);
        publishAssignment(grant(assignment, user, role), EventTypes.ASSIGNMENT_GRANTED);
        answer(command(user, "assign", 1), PimRoleCommandResult.DONE, null, null);
        grantReport(assignment);

        dev.tessera.platform.messaging.events.AssignmentRemoved removed = removal(assignment, user, role);
        publishAssignment(removed, EventTypes.ASSIGNMENT_REMOVED);
        JsonNode remove = command(user, "remove", 2);
        Instant notBefore = clock.instant().plus(Duration.ofMinutes(4));
        answer(remove, PimRoleCommandResult.DEFERRED, notBefore, "Inside the five-minute window");
        await().atMost(Duration.ofSeconds(20)).until(() -> Db.count(
                "select count(*) from durable_timer where kind = 'provisioning.pimRemoval' and timer_key like ?",
                assignment + "/%") == 1);
        assertEquals("pendingRemoval", ledger(assignment, role));
        assertEquals(1, Db.count("select count(*) from outbox_event where event_key = ? and event_type = ?",
                assignment.toString(), EventTypes.DELIVERY_REPORTED), "no removal report while the role waits");

        clock.advance(Duration.ofMinutes(4).plusSeconds(1));
        JsonNode again = command(user, "remove", 3);
        assertNotEquals(remove.get("commandId").asText(), again.get("commandId").asText());
        Instant removedAt = clock.instant(); // after the deferral: the role goes from here on
        answer(again, PimRoleCommandResult.DONE, null, null);
        await().atMost(Duration.ofSeconds(20)).until(() -> "removed".equals(ledger(assignment, role)));

        // the removal is reported now that nothing waits, once, as of when the role went
        List<ConsumerRecord<String, String>> reports = TestEvents.awaitEvents(Topics.DELIVERY_EVENTS,
                EventTypes.DELIVERY_REPORTED, assignment.toString(), 2);
        JsonNode report = mapper.readTree(reports.get(1).value());
        assertEquals("remove", report.get("operation").asText());
        assertEquals("removed", report.get("outcome").asText());
        assertEquals(removed.requestId().toString(), report.get("requestId").asText());
        assertTrue(!Instant.parse(report.get("completedDateTime").asText()).isBefore(removedAt),
                "completed when pim-service removed the role, not when the removal was first asked");
        assertEquals("removed", status(report, role).get("status").asText());
        assertEquals(2, Db.count("select count(*) from outbox_event where event_key = ? and event_type = ?",
                assignment.toString(), EventTypes.DELIVERY_REPORTED));
    }

    @Test
    void aRoleAddedToAPackageReachesEveryAssigneeOnceAndARemovedOneIsTakenAway() throws Exception {
        String first = createGroup("Package starts with");
        String added = createGroup("Added later");
        String alice = createUser("Alice Assignee");
        String bob = createUser("Bob Assignee");
        UUID accessPackage = UUID.randomUUID();
        UUID aliceAssignment = UUID.randomUUID();
        UUID bobAssignment = UUID.randomUUID();
        for (var pair : List.of(List.of(aliceAssignment.toString(), alice), List.of(bobAssignment.toString(), bob))) {
            publishAssignment(new AssignmentGranted(UUID.fromString(pair.get(0)), UUID.randomUUID(), accessPackage,
                    UUID.randomUUID(), UUID.fromString(pair.get(1)), Instant.now(), null, List.of(member(first))),
                    EventTypes.ASSIGNMENT_GRANTED);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> members(first).size() == 2);

        ResourceRoleRef newRole = member(added);
        String change = mapper.writeValueAsString(new PackageResourceRoleChanged(accessPackage, newRole));
        TestEvents.publish(Topics.CATALOG_EVENTS, EventTypes.RESOURCE_ROLE_SCOPE_ADDED, accessPackage.toString(), change,
                UUID.randomUUID().toString());
        await().atMost(Duration.ofSeconds(20)).until(() -> members(added).size() == 2);
        // the same change sent again under a new id (a replay) doubles nothing
        String replay = UUID.randomUUID().toString();
        TestEvents.publish(Topics.CATALOG_EVENTS, EventTypes.RESOURCE_ROLE_SCOPE_ADDED, accessPackage.toString(), change, replay);
        TestEvents.awaitProcessed(AssignmentEventConsumer.CONSUMER, replay);
        assertEquals(2, Db.count("select count(*) from delivery_ledger where access_package_id = ? and role_id = ?",
                accessPackage, newRole.roleId()));
        assertEquals(2, Db.count("select count(*) from group_membership where group_id = ?::uuid", added));

        TestEvents.publish(Topics.CATALOG_EVENTS, EventTypes.RESOURCE_ROLE_SCOPE_REMOVED, accessPackage.toString(), change,
                UUID.randomUUID().toString());
        await().atMost(Duration.ofSeconds(20)).until(() -> members(added).isEmpty());
        assertEquals(2, members(first).size(), "the package's other role stays");
        assertEquals(2, Db.count("select count(*) from delivery_ledger where access_package_id = ? and role_id = ? "
                + "and status = 'removed' and removed_at is not null", accessPackage, newRole.roleId()));
    }
}
