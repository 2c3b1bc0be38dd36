package dev.tessera.pim.schedule;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tessera.common.DirectoryRoles;
import dev.tessera.pim.FakeDirectory;
import dev.tessera.pim.directory.DirectoryEventConsumer;
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
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Directory changes on tessera.directory.events take away what PIM gave: a member leaving a group,
 * a user deleted or disabled, a group deleted — at once, inside the five-minute window too, once.
 */
@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class DirectoryEventsTest {

    static final String D = "/v1.0/roleManagement/directory/";
    static final String GROUP_ROLE = DirectoryRoles.HELPDESK_ADMINISTRATOR;
    static final String OWN_ROLE = DirectoryRoles.USER_ADMINISTRATOR;
    static final String ACTIVE_ROLE = DirectoryRoles.GLOBAL_READER;

    @Inject
    MutableClock clock;

    final String pra = Tokens.admin(UUID.randomUUID().toString(), "Privileged Role Administrator");
    final String user = FakeDirectory.newUser();

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    ValidatableResponse post(String token, String set, String body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).when().post(D + set).then();
    }

    String assign(String set, String principal, String role, String expiration) {
        return post(pra, set, """
                {"action":"adminAssign","justification":"rota","roleDefinitionId":"%s","directoryScopeId":"/",
                 "principalId":"%s","scheduleInfo":{"expiration":%s}}
                """.formatted(role, principal, expiration)).statusCode(201).extract().path("targetScheduleId");
    }

    String activate(String role) {
        return post(Tokens.builder(user).mfa(true).sign(), "roleAssignmentScheduleRequests", """
                {"action":"selfActivate","principalId":"%s","roleDefinitionId":"%s","directoryScopeId":"/",
                 "justification":"incident","scheduleInfo":{"expiration":{"type":"afterDuration","duration":"PT1H"}}}
                """.formatted(user, role)).statusCode(201).body("status", equalTo("Provisioned"))
                .extract().path("targetScheduleId");
    }

    /** The live schedules (or instances) of a principal, as an administrator lists them. */
    ValidatableResponse live(String set, String principal) {
        return given().auth().oauth2(pra).queryParam("$filter", "principalId eq '" + principal + "'")
                .when().get(D + set).then().statusCode(200);
    }

    /** Publishes a directory event as provisioning-service does; returns its event id. */
    static String directoryEvent(String type, String objectId, String groupId, String attributes) {
        String eventId = UUID.randomUUID().toString();
        publish(type, objectId, groupId, attributes, eventId);
        return eventId;
    }

    static void publish(String type, String objectId, String groupId, String attributes, String eventId) {
        TestEvents.publish(Topics.DIRECTORY_EVENTS, type, objectId, """
                {"objectId":"%s","groupId":%s,"attributes":%s}
                """.formatted(objectId, groupId == null ? "null" : "\"" + groupId + "\"", attributes), eventId);
    }

    static String memberRemoved(String user, String group) {
        return directoryEvent(EventTypes.GROUP_MEMBER_REMOVED, user, group,
                "{\"relationship\":\"member\",\"source\":\"direct\"}");
    }

    static void processed(String eventId) {
        TestEvents.awaitProcessed(DirectoryEventConsumer.CONSUMER, eventId);
    }

    long removedEvents(String principal, String scheduleId) {
        return TestEvents.eventsNow(Topics.PIM_EVENTS, EventTypes.PIM_SCHEDULE_CHANGED, principal).stream()
                .filter(r -> r.value().contains(scheduleId) && r.value().contains("\"removed\"")).count();
    }

    @Test
    void aMemberWhoLeavesTheGroupLosesTheActivationThroughItAtOnce() {
        String group = FakeDirectory.newGroup(true, user);
        String groupEligibility = assign("roleEligibilityScheduleRequests", group, GROUP_ROLE, "{\"type\":\"noExpiration\"}");
        assign("roleEligibilityScheduleRequests", user, OWN_ROLE, "{\"type\":\"noExpiration\"}");
        String throughGroup = activate(GROUP_ROLE);
        String own = activate(OWN_ROLE);

        // an owner leaving is not a member leaving: nothing ends
        processed(directoryEvent(EventTypes.GROUP_MEMBER_REMOVED, user, group,
                "{\"relationship\":\"owner\",\"source\":\"direct\"}"));
        live("roleAssignmentScheduleInstances", user).body("value", hasSize(2));

        // one minute after the activation started: the five-minute rule does not keep it
        clock.advance(Duration.ofMinutes(1));
        FakeDirectory.removeMember(group, user);
        String left = memberRemoved(user, group);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> live("roleAssignmentScheduleInstances", user)
                .body("value", hasSize(1)).body("value[0].id", equalTo(own)));
        given().auth().oauth2(pra).when().get(D + "roleAssignmentSchedules/" + throughGroup).then().statusCode(404);
        assertEquals(1, removedEvents(user, throughGroup));
        // the group keeps its eligibility; the user no longer sees it as theirs
        live("roleEligibilitySchedules", group).body("value", hasSize(1)).body("value[0].id", equalTo(groupEligibility));
        given().auth().oauth2(Tokens.user(user)).when().get(D + "roleEligibilityScheduleInstances/filterByCurrentUser(on='principal')")
                .then().statusCode(200).body("value", hasSize(1)).body("value[0].roleDefinitionId", equalTo(OWN_ROLE));
        processed(left);

        // back in the group, activated again: the same event once more changes nothing
        FakeDirectory.addMember(group, user);
        String again = activate(GROUP_ROLE);
        publish(EventTypes.GROUP_MEMBER_REMOVED, user, group, "{\"relationship\":\"member\",\"source\":\"direct\"}", left);
        processed(memberRemoved(user, UUID.randomUUID().toString())); // after the replay on the same key
        live("roleAssignmentScheduleInstances", user).body("value.id", org.hamcrest.Matchers.hasItem(again))
                .body("value", hasSize(2));
    }

    @Test
    void aMembersActivationWaitingForApprovalThroughTheGroupIsCanceledWhenTheyLeave() {
        String role = post(pra, "roleDefinitions", """
                {"displayName":"Leaver test %s","isEnabled":true,
                 "rolePermissions":[{"allowedResourceActions":["microsoft.directory/groups/members/update"]}]}
                """.formatted(UUID.randomUUID())).statusCode(201).extract().path("id");
        String policy = given().auth().oauth2(pra)
                .queryParam("$filter", "scopeId eq '/' and scopeType eq 'DirectoryRole' and roleDefinitionId eq '" + role + "'")
                .when().get("/v1.0/policies/roleManagementPolicyAssignments").then().statusCode(200)
                .extract().path("value[0].policyId");
        given().auth().oauth2(pra).contentType(ContentType.JSON).body(ActivationApprovalTest.approvalRule(
                        ActivationApprovalTest.stage(ActivationApprovalTest.singleUser(FakeDirectory.newUser()))))
                .when().patch("/v1.0/policies/roleManagementPolicies/" + policy + "/rules/Approval_EndUser_Assignment")
                .then().statusCode(204);
        String group = FakeDirectory.newGroup(true, user);
        assign("roleEligibilityScheduleRequests", group, role, "{\"type\":\"noExpiration\"}");
        String waiting = post(Tokens.builder(user).mfa(true).sign(), "roleAssignmentScheduleRequests", """
                {"action":"selfActivate","principalId":"%s","roleDefinitionId":"%s","directoryScopeId":"/",
                 "justification":"incident","scheduleInfo":{"expiration":{"type":"afterDuration","duration":"PT1H"}}}
                """.formatted(user, role)).statusCode(201).body("status", equalTo("PendingApproval")).extract().path("id");

        FakeDirectory.removeMember(group, user);
        processed(memberRemoved(user, group));
        given().auth().oauth2(pra).when().get(D + "roleAssignmentScheduleRequests/" + waiting).then().statusCode(200)
                .body("status", equalTo("Canceled"));
    }

    @Test
    void aDeletedUserLosesEverythingAndTheirWaitingRequestsAreCanceled() {
        String eligibility = assign("roleEligibilityScheduleRequests", user, OWN_ROLE, "{\"type\":\"noExpiration\"}");
        String assignment = assign("roleAssignmentScheduleRequests", user, ACTIVE_ROLE,
                "{\"type\":\"afterDuration\",\"duration\":\"P7D\"}");
        String activation = activate(OWN_ROLE);
        String asked = post(Tokens.user(user), "roleAssignmentScheduleRequests", """
                {"action":"selfExtend","justification":"still needed","roleDefinitionId":"%s","directoryScopeId":"/",
                 "principalId":"%s","scheduleInfo":{"expiration":{"type":"afterDuration","duration":"P30D"}}}
                """.formatted(ACTIVE_ROLE, user)).statusCode(201).body("status", equalTo("PendingAdminDecision"))
                .extract().path("id");
        // an access package holds a role of the user too: it ends as well, with no successor
        TestEvents.publish(Topics.PIM_COMMANDS, EventTypes.PIM_ROLE_COMMAND, user, """
                {"commandId":"%s","assignmentId":"%s","operation":"assign","roleType":"Eligible","principalId":"%s",
                 "roleDefinitionId":"%s","directoryScopeId":"/","endDateTime":null}
                """.formatted(UUID.randomUUID(), UUID.randomUUID(), user, GROUP_ROLE));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> live("roleEligibilitySchedules", user)
                .body("value", hasSize(2)));

        String deleted = directoryEvent(EventTypes.USER_DELETED, user, null,
                "{\"userPrincipalName\":\"gone@contoso.com\"}");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            live("roleEligibilitySchedules", user).body("value", hasSize(0));
            live("roleAssignmentSchedules", user).body("value", hasSize(0));
        });
        given().auth().oauth2(pra).when().get(D + "roleAssignmentScheduleRequests/" + asked).then().statusCode(200)
                .body("status", equalTo("Canceled"));
        assertEquals(1, removedEvents(user, eligibility));
        assertEquals(1, removedEvents(user, assignment));
        assertEquals(1, removedEvents(user, activation));

        // a replay changes nothing
        processed(deleted);
        publish(EventTypes.USER_DELETED, user, null, "{}", deleted);
        processed(directoryEvent(EventTypes.USER_UPDATED, user, null, "{\"displayName\":\"x\"}"));
        assertEquals(1, removedEvents(user, activation));
    }

    @Test
    void aDisabledUserLosesTheirActivationsButKeepsTheirEligibilitiesAndAssignments() {
        String eligibility = assign("roleEligibilityScheduleRequests", user, OWN_ROLE, "{\"type\":\"noExpiration\"}");
        String assignment = assign("roleAssignmentScheduleRequests", user, ACTIVE_ROLE, "{\"type\":\"noExpiration\"}");
        String activation = activate(OWN_ROLE);

        // an update that does not switch the account off changes nothing
        processed(directoryEvent(EventTypes.USER_UPDATED, user, null, "{\"department\":\"Sales\",\"accountEnabled\":true}"));
        live("roleAssignmentScheduleInstances", user).body("value", hasSize(2));

        directoryEvent(EventTypes.USER_UPDATED, user, null, "{\"accountEnabled\":false}");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> live("roleAssignmentScheduleInstances", user)
                .body("value", hasSize(1)).body("value[0].id", equalTo(assignment)));
        live("roleEligibilitySchedules", user).body("value", hasSize(1)).body("value[0].id", equalTo(eligibility));
        assertEquals(1, removedEvents(user, activation));
    }

    @Test
    void aDeletedGroupLosesItsSchedulesAndItsMembersTheirActivationsThroughIt() {
        String group = FakeDirectory.newGroup(true, user);
        assign("roleEligibilityScheduleRequests", group, GROUP_ROLE, "{\"type\":\"noExpiration\"}");
        assign("roleAssignmentScheduleRequests", group, ACTIVE_ROLE, "{\"type\":\"noExpiration\"}");
        String activation = activate(GROUP_ROLE);

        directoryEvent(EventTypes.GROUP_DELETED, group, null, "{}");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            live("roleEligibilitySchedules", group).body("value", hasSize(0));
            live("roleAssignmentSchedules", group).body("value", hasSize(0));
            live("roleAssignmentSchedules", user).body("value", hasSize(0));
        });
        assertEquals(1, removedEvents(user, activation));
    }

    @Test
    void otherDirectoryEventsAreSkipped() {
        String eligibility = assign("roleEligibilityScheduleRequests", user, OWN_ROLE, "{\"type\":\"noExpiration\"}");
        processed(directoryEvent("tessera.directory.appRoleAssignmentRemoved.v1", user, null,
                "{\"appRoleAssignmentId\":\"" + UUID.randomUUID() + "\"}"));
        processed(directoryEvent("tessera.directory.somethingNew.v1", user, null, "{}"));
        processed(directoryEvent(EventTypes.GROUP_MEMBER_REMOVED, user, UUID.randomUUID().toString(),
                "{\"relationship\":\"member\",\"source\":\"direct\"}"));
        live("roleEligibilitySchedules", user).body("value", hasSize(1)).body("value[0].id", equalTo(eligibility));
    }
}
