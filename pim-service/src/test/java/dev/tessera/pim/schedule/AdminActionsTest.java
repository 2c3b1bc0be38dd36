package dev.tessera.pim.schedule;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tessera.common.DirectoryRoles;
import dev.tessera.pim.FakeDirectory;
import dev.tessera.testsupport.Burst;
import dev.tessera.testsupport.MutableClock;
import dev.tessera.testsupport.TesseraInfraResource;
import dev.tessera.testsupport.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Administrators' actions at their boundaries (the five-minute rules for adminAssign and
 * adminRemove, adminUpdate, adminExtend) and activations with a future start or validation only.
 */
@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class AdminActionsTest {

    static final String D = "/v1.0/roleManagement/directory/";
    static final String ROLE = DirectoryRoles.GROUPS_ADMINISTRATOR;
    static final String[] SETS = {"roleEligibility", "roleAssignment"};

    @Inject
    MutableClock clock;

    final String pra = Tokens.admin(UUID.randomUUID().toString(), "Privileged Role Administrator");

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    ValidatableResponse post(String token, String set, String body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .when().post(D + set + "ScheduleRequests").then();
    }

    ValidatableResponse admin(String set, String action, String principal, String expiration) {
        return post(pra, set, """
                {"action":"%s","justification":"rota","roleDefinitionId":"%s","directoryScopeId":"/",
                 "principalId":"%s","scheduleInfo":{"expiration":%s}}
                """.formatted(action, ROLE, principal, expiration));
    }

    static String lasting(String duration) {
        return "{\"type\":\"afterDuration\",\"duration\":\"" + duration + "\"}";
    }

    ValidatableResponse remove(String set, String principal) {
        return post(pra, set, """
                {"action":"adminRemove","roleDefinitionId":"%s","directoryScopeId":"/","principalId":"%s"}
                """.formatted(ROLE, principal));
    }

    ValidatableResponse schedules(String set, String principal) {
        return given().auth().oauth2(pra).queryParam("$filter", "principalId eq '" + principal + "'")
                .when().get(D + set + "Schedules").then().statusCode(200);
    }

    @Test
    void adminAssignShorterThanFiveMinutesIsRefusedAtTheBoundary() {
        for (String set : SETS) {
            String principal = FakeDirectory.newUser();
            admin(set, "adminAssign", principal, lasting("PT4M59S")).statusCode(400)
                    .body("error.code", equalTo("ActiveDurationTooShort"));
            admin(set, "adminAssign", principal, """
                    {"type":"afterDateTime","endDateTime":"%s"}""".formatted(clock.instant().plus(Duration.ofSeconds(299))))
                    .statusCode(400).body("error.code", equalTo("ActiveDurationTooShort"));
            schedules(set, principal).body("value", hasSize(0));
            admin(set, "adminAssign", principal, lasting("PT5M")).statusCode(201).body("status", equalTo("Provisioned"));
            schedules(set, principal).body("value", hasSize(1));
        }
    }

    @Test
    void adminRemoveWithinFiveMinutesOfTheStartIsRefusedAtTheBoundary() {
        for (String set : SETS) {
            String principal = FakeDirectory.newUser();
            Instant start = Instant.parse(admin(set, "adminAssign", principal, "{\"type\":\"noExpiration\"}")
                    .statusCode(201).extract().path("scheduleInfo.startDateTime"));
            clock.set(start.plus(Duration.ofMinutes(4)).plusSeconds(59));
            remove(set, principal).statusCode(400).body("error.code", equalTo("ActiveDurationTooShort"));
            schedules(set, principal).body("value", hasSize(1));
            clock.set(start.plus(Duration.ofMinutes(5)));
            remove(set, principal).statusCode(201).body("status", equalTo("Revoked"))
                    .body("targetScheduleId", nullValue());
            schedules(set, principal).body("value", hasSize(0));
            remove(set, principal).statusCode(400).body("error.code", equalTo("RoleAssignmentDoesNotExist"));
            clock.reset();
        }
    }

    /** Several administrators removing the same schedule at once: one revokes it, the others find none. */
    @Test
    void concurrentAdminRemovesOfOneScheduleLetOneWin() {
        for (String set : SETS) {
            String principal = FakeDirectory.newUser();
            Instant start = Instant.parse(admin(set, "adminAssign", principal, "{\"type\":\"noExpiration\"}")
                    .statusCode(201).extract().path("scheduleInfo.startDateTime"));
            clock.set(start.plus(Duration.ofMinutes(5)));
            List<Supplier<Integer>> removes = Collections.nCopies(4,
                    () -> remove(set, principal).extract().statusCode());
            assertEquals(List.of(201, 400, 400, 400), Burst.statuses(removes));
            schedules(set, principal).body("value", hasSize(0));
            clock.reset();
        }
    }

    @Test
    void adminUpdateAndAdminExtendMoveTheEndOfAnAssignment() {
        String principal = FakeDirectory.newUser();
        String schedule = admin("roleAssignment", "adminAssign", principal, lasting("P10D")).statusCode(201)
                .extract().path("targetScheduleId");
        Instant start = Instant.parse(schedules("roleAssignment", principal)
                .extract().path("value[0].scheduleInfo.startDateTime"));

        Instant updatedEnd = start.plus(Duration.ofDays(20)).truncatedTo(ChronoUnit.SECONDS);
        admin("roleAssignment", "adminUpdate", principal, """
                {"type":"afterDateTime","endDateTime":"%s"}""".formatted(updatedEnd)).statusCode(201)
                .body("status", equalTo("Provisioned")).body("action", equalTo("adminUpdate"))
                .body("targetScheduleId", equalTo(schedule));
        schedules("roleAssignment", principal).body("value", hasSize(1)).body("value[0].id", equalTo(schedule))
                .body("value[0].scheduleInfo.expiration.endDateTime", equalTo(updatedEnd.toString()));

        admin("roleAssignment", "adminExtend", principal, lasting("P30D")).statusCode(201)
                .body("status", equalTo("Provisioned")).body("action", equalTo("adminExtend"));
        schedules("roleAssignment", principal).body("value[0].id", equalTo(schedule))
                .body("value[0].scheduleInfo.expiration.duration", equalTo("P30D"));

        // nothing to update or extend for someone without the role
        String nobody = FakeDirectory.newUser();
        admin("roleAssignment", "adminExtend", nobody, lasting("P30D")).statusCode(400)
                .body("error.code", equalTo("RoleAssignmentDoesNotExist"));
        admin("roleAssignment", "adminUpdate", nobody, lasting("P30D")).statusCode(400)
                .body("error.code", equalTo("RoleAssignmentDoesNotExist"));
    }

    String selfActivate(String user, Instant start, String expectedStatus) {
        return post(Tokens.builder(user).mfa(true).sign(), "roleAssignment", """
                {"action":"selfActivate","principalId":"%s","roleDefinitionId":"%s","directoryScopeId":"/",
                 "justification":"incident","scheduleInfo":{"startDateTime":"%s",
                 "expiration":{"type":"afterDuration","duration":"PT2H"}}}
                """.formatted(user, ROLE, start)).statusCode(201).body("status", equalTo(expectedStatus))
                .extract().path("id");
    }

    @Test
    void removingAnEligibilityEndsTheActivationsMadeWithItEvenInTheirFirstFiveMinutes() {
        String running = FakeDirectory.newUser();
        String later = FakeDirectory.newUser();
        Instant assigned = Instant.parse(admin("roleEligibility", "adminAssign", running, "{\"type\":\"noExpiration\"}")
                .statusCode(201).extract().path("scheduleInfo.startDateTime"));
        admin("roleEligibility", "adminAssign", later, "{\"type\":\"noExpiration\"}").statusCode(201);
        clock.set(assigned.plus(Duration.ofMinutes(6)));
        selfActivate(running, clock.instant().truncatedTo(ChronoUnit.SECONDS), "Provisioned");
        String future = selfActivate(later, clock.instant().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS),
                "Granted");
        schedules("roleAssignment", running).body("value", hasSize(1));
        clock.advance(Duration.ofMinutes(1));

        remove("roleEligibility", running).statusCode(201).body("status", equalTo("Revoked"));
        remove("roleEligibility", later).statusCode(201).body("status", equalTo("Revoked"));

        schedules("roleAssignment", running).body("value", hasSize(0));
        schedules("roleAssignment", later).body("value", hasSize(0));
        given().auth().oauth2(Tokens.user(running)).when()
                .get(D + "roleAssignmentScheduleInstances/filterByCurrentUser(on='principal')")
                .then().statusCode(200).body("value", hasSize(0));
        given().auth().oauth2(pra).when().get(D + "roleAssignmentScheduleRequests/" + future)
                .then().statusCode(200).body("status", equalTo("Canceled"));
    }

    @Test
    void anActivationWithAFutureStartIsGrantedThenProvisioned() {
        String user = FakeDirectory.newUser();
        admin("roleEligibility", "adminAssign", user, "{\"type\":\"noExpiration\"}").statusCode(201);
        Instant start = clock.instant().plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
        String request = post(Tokens.builder(user).mfa(true).sign(), "roleAssignment", """
                {"action":"selfActivate","principalId":"%s","roleDefinitionId":"%s","directoryScopeId":"/",
                 "justification":"maintenance window","scheduleInfo":{"startDateTime":"%s",
                 "expiration":{"type":"AfterDuration","duration":"PT5H"}}}
                """.formatted(user, ROLE, start)).statusCode(201).body("status", equalTo("Granted"))
                .body("scheduleInfo.startDateTime", equalTo(start.toString()))
                .body("scheduleInfo.expiration.type", equalTo("afterDuration"))
                .extract().path("id");
        given().auth().oauth2(Tokens.user(user)).when().get(D + "roleAssignmentScheduleInstances/filterByCurrentUser(on='principal')")
                .then().statusCode(200).body("value", hasSize(0));

        clock.set(start.plusSeconds(1));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().auth().oauth2(pra)
                .when().get(D + "roleAssignmentScheduleRequests/" + request).then().body("status", equalTo("Provisioned")));
        given().auth().oauth2(Tokens.user(user)).when().get(D + "roleAssignmentScheduleInstances/filterByCurrentUser(on='principal')")
                .then().statusCode(200).body("value", hasSize(1)).body("value[0].assignmentType", equalTo("Activated"))
                .body("value[0].endDateTime", equalTo(start.plus(Duration.ofHours(5)).toString()));
    }

    @Test
    void aValidationOnlyActivationReportsRuleFailuresAndWritesNothing() {
        String user = FakeDirectory.newUser();
        admin("roleEligibility", "adminAssign", user, "{\"type\":\"noExpiration\"}").statusCode(201);
        String activation = """
                {"action":"selfActivate","principalId":"%s","roleDefinitionId":"%s","directoryScopeId":"/",%s
                 "isValidationOnly":true,"scheduleInfo":{"expiration":{"type":"afterDuration","duration":"%s"}}}
                """;
        String token = Tokens.builder(user).mfa(true).sign();
        post(token, "roleAssignment", activation.formatted(user, ROLE, "", "PT9H")).statusCode(400)
                .body("error.code", equalTo("RoleAssignmentRequestPolicyValidationFailed"))
                .body("error.message", containsString("ExpirationRule"))
                .body("error.message", containsString("JustificationRule"));
        String id = post(token, "roleAssignment", activation.formatted(user, ROLE, "\"justification\":\"check\",", "PT1H"))
                .statusCode(201).body("isValidationOnly", equalTo(true)).body("status", equalTo("Provisioned"))
                .extract().path("id");

        schedules("roleAssignment", user).body("value", hasSize(0));
        given().auth().oauth2(pra).when().get(D + "roleAssignmentScheduleRequests/" + id).then().statusCode(404);
        given().auth().oauth2(Tokens.user(user)).when().get(D + "roleAssignmentScheduleRequests/filterByCurrentUser(on='principal')")
                .then().statusCode(200).body("value", hasSize(0));
    }
}
