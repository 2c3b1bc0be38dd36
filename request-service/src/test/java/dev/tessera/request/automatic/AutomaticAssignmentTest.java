package dev.tessera.request.automatic;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.request.fake.FakeCatalogApi;
import dev.tessera.common.ServiceIdentity;
import dev.tessera.platform.messaging.events.EventTypes;
import dev.tessera.platform.messaging.events.Topics;
import dev.tessera.platform.messaging.timer.DurableTimers;
import dev.tessera.request.fake.FakeAutomaticPoliciesApi;
import dev.tessera.testsupport.MutableClock;
import dev.tessera.testsupport.TesseraInfraResource;
import dev.tessera.testsupport.TestEvents;
import dev.tessera.testsupport.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Lifecycle rules with the real broker: directory events published on tessera.directory.events
 * give and take an auto-assignment policy's package; the clock is moved past the grace period
 * (one day) instead of waiting.
 */
@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class AutomaticAssignmentTest {

    static final String EM = "/v1.0/identityGovernance/entitlementManagement";
    static final ObjectMapper MAPPER = new ObjectMapper();

    @Inject
    MutableClock clock;

    @Inject
    DurableTimers timers;

    @Inject
    AutomaticPolicySync sync;

    @Inject
    AutomaticPolicies policies;

    String adminToken;
    String packageId;
    String policyId;
    String sales;

    @BeforeEach
    void names() {
        adminToken = Tokens.admin(UUID.randomUUID().toString(), "Identity Governance Administrator");
        packageId = UUID.randomUUID().toString();
        policyId = UUID.randomUUID().toString();
        // A department of this test's own, so other tests' policies and users never meet these.
        sales = "Sales " + UUID.randomUUID();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aUserCreatedInSalesGetsThePackageOnceEvenWhenTheEventComesTwice() {
        salesPolicy();
        String user = UUID.randomUUID().toString();
        String created = userEvent(EventTypes.USER_CREATED, user, sales);
        String assignmentId = awaitAssignment(user);

        given().auth().oauth2(adminToken).queryParam("$filter", "accessPackage/id eq '" + packageId + "'")
                .when().get(EM + "/assignmentRequests").then().statusCode(200)
                .body("value", hasSize(1)).body("value[0].requestType", equalTo("systemAdd"));
        TestEvents.awaitEvent(Topics.ASSIGNMENT_EVENTS, EventTypes.ASSIGNMENT_GRANTED, assignmentId);

        // The same event again (same id), then an update that changes nothing that matters.
        publish(EventTypes.USER_CREATED, user, userPayload(user, sales), created);
        String again = userEvent(EventTypes.USER_UPDATED, user, sales);
        TestEvents.awaitProcessed(DirectoryEventConsumer.CONSUMER, again);
        given().auth().oauth2(adminToken).queryParam("$filter", "accessPackage/id eq '" + packageId + "'")
                .when().get(EM + "/assignmentRequests").then().statusCode(200).body("value", hasSize(1));
        assertEquals(1, TestEvents.eventsNow(Topics.ASSIGNMENT_EVENTS, EventTypes.ASSIGNMENT_GRANTED, assignmentId).size());
    }

    @Test
    void thePoliciesAreReadAsRequestServiceWithItsServiceToken() throws Throwable {
        // The stand-in refuses as catalog-service does, so only the service token gets the list.
        given().when().get("/internal/v1/automaticPolicies").then().statusCode(401);
        given().auth().oauth2(Tokens.user(UUID.randomUUID().toString())).when().get("/internal/v1/automaticPolicies")
                .then().statusCode(403).body("error.code", equalTo("Authorization_RequestDenied"));

        VertxContextSupport.subscribeAndAwait(() -> policies.fresh());
        assertEquals(ServiceIdentity.objectId(ServiceIdentity.REQUEST_SERVICE), FakeAutomaticPoliciesApi.lastCaller());
    }

    @Test
    void leavingSalesRemovesThePackageAfterTheGracePeriod() throws Throwable {
        salesPolicy();
        String user = UUID.randomUUID().toString();
        userEvent(EventTypes.USER_CREATED, user, sales);
        String assignmentId = awaitAssignment(user);

        Instant left = clock.instant();
        TestEvents.awaitProcessed(DirectoryEventConsumer.CONSUMER, userEvent(EventTypes.USER_UPDATED, user, "Marketing"));
        Instant due = removalDue(user);
        assertNotNull(due, "leaving starts the grace period");
        assertEquals(0, TestEvents.eventsNow(Topics.ASSIGNMENT_EVENTS, EventTypes.ASSIGNMENT_REMOVED, assignmentId).size(),
                "not removed before the grace period ends");

        clock.set(left.plus(Duration.ofDays(1)).plusSeconds(1));
        JsonNode removed = MAPPER.readTree(TestEvents.awaitEvent(Topics.ASSIGNMENT_EVENTS, EventTypes.ASSIGNMENT_REMOVED,
                assignmentId).value());
        assertEquals("systemRemove", removed.path("reason").asText());
        assertEquals(user, removed.path("targetObjectId").asText());
    }

    @Test
    void matchingAgainBeforeTheGracePeriodEndsKeepsThePackage() throws Throwable {
        salesPolicy();
        String user = UUID.randomUUID().toString();
        userEvent(EventTypes.USER_CREATED, user, sales);
        String assignmentId = awaitAssignment(user);

        TestEvents.awaitProcessed(DirectoryEventConsumer.CONSUMER, userEvent(EventTypes.USER_UPDATED, user, "Marketing"));
        assertNotNull(removalDue(user));
        TestEvents.awaitProcessed(DirectoryEventConsumer.CONSUMER, userEvent(EventTypes.USER_UPDATED, user, sales));
        assertNull(removalDue(user), "matching again cancels the removal");

        clock.set(clock.instant().plus(Duration.ofDays(2)));
        given().auth().oauth2(adminToken).when().get(EM + "/assignments/" + assignmentId)
                .then().statusCode(200).body("state", equalTo("delivering"));
        assertEquals(0, TestEvents.eventsNow(Topics.ASSIGNMENT_EVENTS, EventTypes.ASSIGNMENT_REMOVED, assignmentId).size());
    }

    @Test
    void aDeletedUserLosesThePackageAfterTheGracePeriod() throws Throwable {
        salesPolicy();
        String user = UUID.randomUUID().toString();
        userEvent(EventTypes.USER_CREATED, user, sales);
        String assignmentId = awaitAssignment(user);

        String deleted = UUID.randomUUID().toString();
        publish(EventTypes.USER_DELETED, user,
                "{\"objectId\":\"" + user + "\",\"attributes\":{\"userPrincipalName\":\"gone@contoso.com\"}}", deleted);
        TestEvents.awaitProcessed(DirectoryEventConsumer.CONSUMER, deleted);
        assertNotNull(removalDue(user));
        clock.set(clock.instant().plus(Duration.ofDays(1)).plusSeconds(5));
        TestEvents.awaitEvent(Topics.ASSIGNMENT_EVENTS, EventTypes.ASSIGNMENT_REMOVED, assignmentId);
    }

    @Test
    void membersOfTheRulesGroupGetThePackageAndLoseItWhenTheyLeave() throws Throwable {
        String group = UUID.randomUUID().toString();
        ObjectNode entry = entry();
        ((ObjectNode) entry.get("policy")).putArray("specificAllowedTargets").addObject()
                .put("@odata.type", "#microsoft.graph.groupMembers").put("groupId", group);
        FakeAutomaticPoliciesApi.add(entry);
        String user = UUID.randomUUID().toString();
        TestEvents.awaitProcessed(DirectoryEventConsumer.CONSUMER, userEvent(EventTypes.USER_CREATED, user, "Anything"));
        assertEquals(0, assignments(user).size(), "not a member yet");

        // As owner the user is not a member.
        String owner = UUID.randomUUID().toString();
        publish(EventTypes.GROUP_MEMBER_ADDED, user, membership(user, group, "owner"), owner);
        TestEvents.awaitProcessed(DirectoryEventConsumer.CONSUMER, owner);
        assertEquals(0, assignments(user).size(), "an owner is not a member");

        publish(EventTypes.GROUP_MEMBER_ADDED, user, membership(user, group, "member"), UUID.randomUUID().toString());
        String assignmentId = awaitAssignment(user);

        String left = UUID.randomUUID().toString();
        publish(EventTypes.GROUP_MEMBER_REMOVED, user, membership(user, group, "member"), left);
        TestEvents.awaitProcessed(DirectoryEventConsumer.CONSUMER, left);
        assertNotNull(removalDue(user));
        clock.set(clock.instant().plus(Duration.ofDays(1)).plusSeconds(5));
        TestEvents.awaitEvent(Topics.ASSIGNMENT_EVENTS, EventTypes.ASSIGNMENT_REMOVED, assignmentId);
    }

    @Test
    void anotherPolicyOfThePackageThatStillMatchesKeepsIt() throws Throwable {
        salesPolicy();
        String group = UUID.randomUUID().toString();
        ObjectNode byGroup = entry();
        ((ObjectNode) byGroup.get("policy")).put("id", UUID.randomUUID().toString())
                .putArray("specificAllowedTargets").addObject()
                .put("@odata.type", "#microsoft.graph.groupMembers").put("groupId", group);
        FakeAutomaticPoliciesApi.add(byGroup);
        String user = UUID.randomUUID().toString();
        userEvent(EventTypes.USER_CREATED, user, sales);
        awaitAssignment(user);
        String joined = UUID.randomUUID().toString();
        publish(EventTypes.GROUP_MEMBER_ADDED, user, membership(user, group, "member"), joined);
        TestEvents.awaitProcessed(DirectoryEventConsumer.CONSUMER, joined);

        TestEvents.awaitProcessed(DirectoryEventConsumer.CONSUMER, userEvent(EventTypes.USER_UPDATED, user, "Marketing"));
        assertNull(removalDue(user), "still a target through the group policy");

        String left = UUID.randomUUID().toString();
        publish(EventTypes.GROUP_MEMBER_REMOVED, user, membership(user, group, "member"), left);
        TestEvents.awaitProcessed(DirectoryEventConsumer.CONSUMER, left);
        assertNotNull(removalDue(user), "a target of neither policy any more");
    }

    @Test
    void aMemberOfAnIncompatibleGroupIsNotAssignedAutomatically() {
        String auditors = UUID.randomUUID().toString();
        ObjectNode entry = salesEntry();
        ObjectNode incompatible = entry.putObject("incompatible");
        incompatible.putArray("accessPackages");
        incompatible.putArray("groups").addObject().put("id", auditors).put("displayName", "Auditors");
        FakeAutomaticPoliciesApi.add(entry);
        String user = UUID.randomUUID().toString();
        publish(EventTypes.GROUP_MEMBER_ADDED, user, membership(user, auditors, "member"), UUID.randomUUID().toString());
        TestEvents.awaitProcessed(DirectoryEventConsumer.CONSUMER, userEvent(EventTypes.USER_CREATED, user, sales));
        assertEquals(0, assignments(user).size(), "separation of duties holds for automatic assignment");

        String other = UUID.randomUUID().toString();
        userEvent(EventTypes.USER_CREATED, other, sales);
        awaitAssignment(other);
    }

    @Test
    void aNewPolicyReachesUsersWhoAlreadyMatch() throws Throwable {
        String user = UUID.randomUUID().toString();
        TestEvents.awaitProcessed(DirectoryEventConsumer.CONSUMER, userEvent(EventTypes.USER_CREATED, user, sales));
        assertEquals(0, assignments(user).size(), "no policy yet");

        salesPolicy();
        VertxContextSupport.subscribeAndAwait(() -> sync.sync());
        awaitAssignment(user);
        // Reconciled once: a second round finds nothing new to do for it.
        VertxContextSupport.subscribeAndAwait(() -> sync.sync());
        assertEquals(1, assignments(user).size());
    }

    private Instant removalDue(String user) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> timers.dueAt(AutomaticRemoval.KIND, policyId + "/" + user));
    }

    private void salesPolicy() {
        FakeAutomaticPoliciesApi.add(salesEntry());
    }

    private ObjectNode salesEntry() {
        ObjectNode entry = entry();
        ((ObjectNode) entry.get("policy")).putArray("specificAllowedTargets").addObject()
                .put("@odata.type", "#microsoft.graph.attributeRuleMembers").put("description", "Sales")
                .put("membershipRule", "(user.department -eq \"" + sales + "\")");
        return entry;
    }

    private ObjectNode entry() {
        ObjectNode entry = MAPPER.createObjectNode();
        entry.putObject("accessPackage").put("id", packageId).put("displayName", "Sales tools")
                .put("isHidden", false).put("catalogId", UUID.randomUUID().toString());
        ObjectNode policy = entry.putObject("policy");
        policy.put("id", policyId).put("displayName", "Sales automatically").put("allowedTargetScope", "specificDirectoryUsers");
        policy.putObject("expiration").put("type", "noExpiration");
        policy.putObject("requestApprovalSettings").put("isApprovalRequiredForAdd", false);
        policy.putObject("automaticRequestSettings").put("requestAccessForAllowedTargets", true)
                .put("removeAccessWhenTargetLeavesAllowedTargets", true).put("gracePeriodBeforeAccessRemoval", "P1D");
        String groupId = UUID.randomUUID().toString();
        FakeCatalogApi.groupMemberRole(entry, groupId);
        return entry;
    }

    private String awaitAssignment(String user) {
        await().atMost(Duration.ofSeconds(20)).until(() -> assignments(user).size() == 1);
        return assignments(user).get(0);
    }

    private List<String> assignments(String user) {
        return given().auth().oauth2(adminToken)
                .queryParam("$filter", "target/objectId eq '" + user + "' and accessPackage/id eq '" + packageId
                        + "' and state ne 'expired'")
                .when().get(EM + "/assignments").then().statusCode(200).extract().path("value.id");
    }

    private static String userPayload(String user, String department) {
        return "{\"objectId\":\"%s\",\"attributes\":{\"department\":\"%s\",\"accountEnabled\":true,\"userType\":\"Member\"}}"
                .formatted(user, department);
    }

    private static String membership(String user, String group, String relationship) {
        return "{\"objectId\":\"%s\",\"groupId\":\"%s\",\"attributes\":{\"relationship\":\"%s\",\"source\":\"direct\"}}"
                .formatted(user, group, relationship);
    }

    private static String userEvent(String type, String user, String department) {
        String eventId = UUID.randomUUID().toString();
        publish(type, user, userPayload(user, department), eventId);
        return eventId;
    }

    private static void publish(String type, String key, String payload, String eventId) {
        TestEvents.publish(Topics.DIRECTORY_EVENTS, type, key, payload, eventId);
    }
}
