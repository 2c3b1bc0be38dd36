package dev.tessera.pim.schedule;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    static final String D = "/v1.0/roleManagement/directory/";
    static final String ROLE = DirectoryRoles.GROUPS_ADMINISTRATOR;

    final String principal = FakeDirectory.newUser();
    final String pra = Tokens.admin(UUID.randomUUID().toString(), "Privileged Role Administrator");

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    String command(String operation, String roleType, String roleId) {
        return command(operation, roleType, roleId, UUID.randomUUID().toString());
    }

    /** A command for one access package assignment (the same id for its assign and its remove). */
    String command(String operation, String roleType, String roleId, String assignmentId) {
        String commandId = UUID.randomUUID().toString();
        TestEvents.publish(Topics.PIM_COMMANDS, EventTypes.PIM_ROLE_COMMAND, principal, """
                {"commandId":"%s","assignmentId":"%s","operation":"%s","roleType":"%s","principalId":"%s",
                 "roleDefinitionId":"%s","directoryScopeId":"/","endDateTime":null}
                """.formatted(commandId, assignmentId, operation, roleType, principal, roleId));
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
        String assignment = UUID.randomUUID().toString();
        JsonNode assigned = result(command("assign", "Eligible", DirectoryRoles.GROUPS_ADMINISTRATOR, assignment));
        assertEquals("done", assigned.path("outcome").asText());
        given().auth().oauth2(pra).queryParam("$filter", "principalId eq '" + principal + "'")
                .when().get("/v1.0/roleManagement/directory/roleEligibilityScheduleInstances")
                .then().body("value", hasSize(1)).body("value[0].id", equalTo(assigned.path("scheduleId").asText()));

        JsonNode deferred = result(command("remove", "Eligible", DirectoryRoles.GROUPS_ADMINISTRATOR, assignment));
        assertEquals("deferred", deferred.path("outcome").asText());
        Instant notBefore = Instant.parse(deferred.path("notBefore").asText());
        assertTrue(notBefore.isAfter(clock.instant()), "the earliest removal is in the future");

        clock.set(notBefore.plusSeconds(1));
        JsonNode removed = result(command("remove", "Eligible", DirectoryRoles.GROUPS_ADMINISTRATOR, assignment));
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

    String set(String kind) {
        return "Eligible".equals(kind) ? "roleEligibility" : "roleAssignment";
    }

    /** An administrator's own time-bound assignment (one day) of the role. */
    String adminAssigns(String kind) {
        return given().auth().oauth2(pra).contentType(ContentType.JSON).body("""
                {"action":"adminAssign","justification":"on call","roleDefinitionId":"%s","directoryScopeId":"/",
                 "principalId":"%s","scheduleInfo":{"expiration":{"type":"afterDuration","duration":"P1D"}}}
                """.formatted(ROLE, principal)).when().post(D + set(kind) + "ScheduleRequests")
                .then().statusCode(201).extract().path("targetScheduleId");
    }

    ValidatableResponse adminRemoves(String kind) {
        return given().auth().oauth2(pra).contentType(ContentType.JSON).body("""
                {"action":"adminRemove","roleDefinitionId":"%s","directoryScopeId":"/","principalId":"%s"}
                """.formatted(ROLE, principal)).when().post(D + set(kind) + "ScheduleRequests").then();
    }

    /** The principal's live schedules of the kind. */
    ValidatableResponse schedules(String kind) {
        return given().auth().oauth2(pra).queryParam("$filter", "principalId eq '" + principal + "'")
                .when().get(D + set(kind) + "Schedules").then().statusCode(200);
    }

    void later(Duration by) {
        clock.set(clock.instant().plus(by));
    }

    @Test
    void anAdminsOwnActiveAssignmentSurvivesThePackageRemoval() {
        anAdminsOwnAssignmentSurvivesThePackageRemoval("Active");
    }

    @Test
    void anAdminsOwnEligibilitySurvivesThePackageRemoval() {
        anAdminsOwnAssignmentSurvivesThePackageRemoval("Eligible");
    }

    private void anAdminsOwnAssignmentSurvivesThePackageRemoval(String kind) {
        String admins = adminAssigns(kind);
        String assignment = UUID.randomUUID().toString();
        JsonNode assigned = result(command("assign", kind, ROLE, assignment));
        assertEquals("done", assigned.path("outcome").asText());
        assertEquals(admins, assigned.path("scheduleId").asText(), "the package holds the schedule there is");

        later(Duration.ofMinutes(10));
        JsonNode removed = result(command("remove", kind, ROLE, assignment));
        assertEquals("done", removed.path("outcome").asText());
        schedules(kind).body("value", hasSize(1)).body("value[0].id", equalTo(admins))
                .body("value[0].status", equalTo("Provisioned"));
    }

    @Test
    void thePackageKeepsAnActiveRoleWhenTheAdminRemovesTheirOwnAssignment() {
        thePackageKeepsTheRoleWhenTheAdminRemovesTheirOwn("Active");
    }

    @Test
    void thePackageKeepsAnEligibleRoleWhenTheAdminRemovesTheirOwnEligibility() {
        thePackageKeepsTheRoleWhenTheAdminRemovesTheirOwn("Eligible");
    }

    private void thePackageKeepsTheRoleWhenTheAdminRemovesTheirOwn(String kind) {
        String admins = adminAssigns(kind);
        String assignment = UUID.randomUUID().toString();
        assertEquals("done", result(command("assign", kind, ROLE, assignment)).path("outcome").asText());

        later(Duration.ofMinutes(10));
        adminRemoves(kind).statusCode(201).body("status", equalTo("Revoked"));
        String successor = schedules(kind).body("value", hasSize(1)).body("value[0].id", not(equalTo(admins)))
                .body("value[0].scheduleInfo.expiration.type", equalTo("noExpiration"))
                .extract().path("value[0].id");

        // the package's own schedule now: an administrator cannot remove it, the package can
        later(Duration.ofMinutes(10));
        adminRemoves(kind).statusCode(400).body("error.message", containsString(assignment));
        assertEquals("done", result(command("remove", kind, ROLE, assignment)).path("outcome").asText());
        schedules(kind).body("value", hasSize(0));
        assertTrue(successor != null);
    }

    @Test
    void thePackageKeepsTheRoleWhenTheAdminsTimeBoundAssignmentExpires() {
        adminAssigns("Active");
        String assignment = UUID.randomUUID().toString();
        assertEquals("done", result(command("assign", "Active", ROLE, assignment)).path("outcome").asText());

        later(Duration.ofDays(1).plusSeconds(1));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> schedules("Active").body("value", hasSize(1))
                .body("value[0].assignmentType", equalTo("Assigned"))
                .body("value[0].scheduleInfo.expiration.type", equalTo("noExpiration")));
    }

    @Test
    void thePackageKeepsAnActiveRoleAfterTheUsersActivationIsDeactivated() {
        adminAssigns("Eligible");
        String user = Tokens.builder(principal).mfa(true).sign();
        String activation = given().auth().oauth2(user).contentType(ContentType.JSON).body("""
                {"action":"selfActivate","principalId":"%s","roleDefinitionId":"%s","directoryScopeId":"/",
                 "justification":"incident","scheduleInfo":{"expiration":{"type":"afterDuration","duration":"PT1H"}}}
                """.formatted(principal, ROLE)).when().post(D + "roleAssignmentScheduleRequests")
                .then().statusCode(201).extract().path("targetScheduleId");
        String assignment = UUID.randomUUID().toString();
        assertEquals(activation, result(command("assign", "Active", ROLE, assignment)).path("scheduleId").asText());

        later(Duration.ofMinutes(10));
        given().auth().oauth2(user).contentType(ContentType.JSON).body("""
                {"action":"selfDeactivate","principalId":"%s","roleDefinitionId":"%s","directoryScopeId":"/"}
                """.formatted(principal, ROLE)).when().post(D + "roleAssignmentScheduleRequests")
                .then().statusCode(201).body("status", equalTo("Revoked"));
        schedules("Active").body("value", hasSize(1)).body("value[0].assignmentType", equalTo("Assigned"))
                .body("value[0].id", not(equalTo(activation)));
    }

    @Test
    void aRoleTwoPackagesGrantEndsOnlyWhenBothAreRemoved() {
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        String schedule = result(command("assign", "Active", ROLE, first)).path("scheduleId").asText();
        assertEquals(schedule, result(command("assign", "Active", ROLE, second)).path("scheduleId").asText());

        later(Duration.ofMinutes(10));
        assertEquals("done", result(command("remove", "Active", ROLE, first)).path("outcome").asText());
        schedules("Active").body("value", hasSize(1)).body("value[0].id", equalTo(schedule));
        // a second removal of the same package changes nothing
        assertEquals("done", result(command("remove", "Active", ROLE, first)).path("outcome").asText());
        schedules("Active").body("value", hasSize(1));

        assertEquals("done", result(command("remove", "Active", ROLE, second)).path("outcome").asText());
        schedules("Active").body("value", hasSize(0));
    }

    ValidatableResponse admin(String action, String kind, String expiration) {
        return given().auth().oauth2(pra).contentType(ContentType.JSON).body("""
                {"action":"%s","justification":"on call","roleDefinitionId":"%s","directoryScopeId":"/",
                 "principalId":"%s","scheduleInfo":{"expiration":%s}}
                """.formatted(action, ROLE, principal, expiration)).when().post(D + set(kind) + "ScheduleRequests").then();
    }

    @Test
    void anAdministratorCannotChangeOrRemoveAnActiveRoleAPackageManages() {
        anAdministratorCannotChangeOrRemoveWhatAPackageManages("Active");
    }

    @Test
    void anAdministratorCannotChangeOrRemoveAnEligibleRoleAPackageManages() {
        anAdministratorCannotChangeOrRemoveWhatAPackageManages("Eligible");
    }

    private void anAdministratorCannotChangeOrRemoveWhatAPackageManages(String kind) {
        String assignment = UUID.randomUUID().toString();
        String schedule = result(command("assign", kind, ROLE, assignment)).path("scheduleId").asText();
        later(Duration.ofMinutes(10));
        String days = "{\"type\":\"afterDuration\",\"duration\":\"P30D\"}";
        for (String action : new String[] {"adminUpdate", "adminExtend", "adminRenew", "adminRemove"}) {
            admin(action, kind, days).statusCode(400)
                    .body("error.code", equalTo("RoleAssignmentManagedByAccessPackage"))
                    .body("error.message", containsString("access package"))
                    .body("error.message", containsString(assignment));
        }
        schedules(kind).body("value", hasSize(1)).body("value[0].id", equalTo(schedule))
                .body("value[0].scheduleInfo.expiration.type", equalTo("noExpiration"));
        assertEquals(1, TestEvents.eventsNow(Topics.PIM_EVENTS, EventTypes.PIM_SCHEDULE_CHANGED, principal).size(),
                "only the package's 'created'");
    }

    @Test
    void anAdministratorStillExtendsTheirOwnAssignmentThatAPackageAlsoHolds() {
        adminAssigns("Active");
        String assignment = UUID.randomUUID().toString();
        assertEquals("done", result(command("assign", "Active", ROLE, assignment)).path("outcome").asText());
        admin("adminExtend", "Active", "{\"type\":\"afterDuration\",\"duration\":\"P30D\"}").statusCode(201)
                .body("status", equalTo("Provisioned"));
    }

    @Test
    void aUserCannotAskToExtendAnAssignmentAPackageManages() {
        String commandId = UUID.randomUUID().toString();
        TestEvents.publish(Topics.PIM_COMMANDS, EventTypes.PIM_ROLE_COMMAND, principal, """
                {"commandId":"%s","assignmentId":"%s","operation":"assign","roleType":"Active","principalId":"%s",
                 "roleDefinitionId":"%s","directoryScopeId":"/","endDateTime":"%s"}
                """.formatted(commandId, UUID.randomUUID(), principal, ROLE, clock.instant().plus(Duration.ofDays(7))));
        assertEquals("done", result(commandId).path("outcome").asText());
        given().auth().oauth2(Tokens.user(principal)).contentType(ContentType.JSON).body("""
                {"action":"selfExtend","justification":"still needed","roleDefinitionId":"%s","directoryScopeId":"/",
                 "principalId":"%s","scheduleInfo":{"expiration":{"type":"afterDuration","duration":"P30D"}}}
                """.formatted(ROLE, principal)).when().post(D + "roleAssignmentScheduleRequests").then().statusCode(400)
                .body("error.code", equalTo("RoleAssignmentManagedByAccessPackage"));
    }

    private static JsonNode read(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
