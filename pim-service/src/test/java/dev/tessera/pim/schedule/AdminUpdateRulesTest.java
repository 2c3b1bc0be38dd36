package dev.tessera.pim.schedule;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.tessera.common.DirectoryRoles;
import dev.tessera.pim.FakeDirectory;
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
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What adminUpdate / adminExtend may change, and absurd dates and durations refused as 400. */
@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class AdminUpdateRulesTest {

    static final String D = "/v1.0/roleManagement/directory/";
    static final String ROLE = DirectoryRoles.GROUPS_ADMINISTRATOR;

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
                 "principalId":"%s","scheduleInfo":%s}
                """.formatted(action, ROLE, user, scheduleInfo));
    }

    ValidatableResponse schedule(String set) {
        return given().auth().oauth2(pra).queryParam("$filter", "principalId eq '" + user + "'")
                .when().get(D + set + "Schedules").then().statusCode(200).body("value", hasSize(1));
    }

    @Test
    void anAdministratorCannotMakeAnActivationPermanentOrLonger() {
        admin("roleEligibility", "adminAssign", "{\"expiration\":{\"type\":\"noExpiration\"}}").statusCode(201);
        post(Tokens.builder(user).mfa(true).sign(), "roleAssignment", """
                {"action":"selfActivate","principalId":"%s","roleDefinitionId":"%s","directoryScopeId":"/",
                 "justification":"incident","scheduleInfo":{"expiration":{"type":"afterDuration","duration":"PT1H"}}}
                """.formatted(user, ROLE)).statusCode(201).body("status", equalTo("Provisioned"));

        for (String action : new String[] {"adminUpdate", "adminExtend", "adminRenew"}) {
            admin("roleAssignment", action, "{\"expiration\":{\"type\":\"noExpiration\"}}").statusCode(400)
                    .body("error.code", equalTo("RoleAssignmentDoesNotExist"));
            admin("roleAssignment", action, "{\"expiration\":{\"type\":\"afterDuration\",\"duration\":\"P30D\"}}")
                    .statusCode(400);
        }
        schedule("roleAssignment").body("value[0].assignmentType", equalTo("Activated"))
                .body("value[0].scheduleInfo.expiration.type", equalTo("afterDuration"))
                .body("value[0].scheduleInfo.expiration.duration", equalTo("PT1H"));
    }

    @Test
    void aDurationOfAFutureScheduleCountsFromItsStart() {
        Instant start = clock.instant().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS);
        admin("roleEligibility", "adminAssign", """
                {"startDateTime":"%s","expiration":{"type":"afterDateTime","endDateTime":"%s"}}
                """.formatted(start, start.plus(Duration.ofDays(30)))).statusCode(201).body("status", equalTo("Granted"));

        admin("roleEligibility", "adminUpdate", "{\"expiration\":{\"type\":\"afterDuration\",\"duration\":\"PT1H\"}}")
                .statusCode(201).body("status", equalTo("Provisioned"))
                .body("scheduleInfo.startDateTime", equalTo(start.toString()));
        schedule("roleEligibility").body("value[0].scheduleInfo.startDateTime", equalTo(start.toString()))
                .body("value[0].scheduleInfo.expiration.endDateTime", equalTo(start.plus(Duration.ofHours(1)).toString()));
    }

    @Test
    void anUpdateCannotEndASchedulesInThePast() {
        admin("roleAssignment", "adminAssign", "{\"expiration\":{\"type\":\"noExpiration\"}}").statusCode(201);
        clock.set(clock.instant().plus(Duration.ofMinutes(10)));

        admin("roleAssignment", "adminUpdate", """
                {"expiration":{"type":"afterDateTime","endDateTime":"%s"}}
                """.formatted(clock.instant().minus(Duration.ofMinutes(1)))).statusCode(400)
                .body("error.target", equalTo("scheduleInfo.expiration.endDateTime"));
        schedule("roleAssignment").body("value[0].scheduleInfo.expiration.type", equalTo("noExpiration"));
    }

    @Test
    void absurdDurationsAndDatesAreRefusedWithA400() {
        admin("roleAssignment", "adminAssign", "{\"expiration\":{\"type\":\"afterDuration\",\"duration\":\"P1000000000000D\"}}")
                .statusCode(400).body("error.target", equalTo("scheduleInfo.expiration.duration"));
        admin("roleAssignment", "adminAssign", "{\"expiration\":{\"type\":\"afterDuration\",\"duration\":\"P3000000D\"}}")
                .statusCode(400).body("error.target", equalTo("scheduleInfo.expiration.duration"));
        admin("roleAssignment", "adminAssign", "{\"expiration\":{\"type\":\"afterDateTime\",\"endDateTime\":\"+99999-01-01T00:00:00Z\"}}")
                .statusCode(400);
        admin("roleAssignment", "adminAssign", "{\"startDateTime\":\"+99999-01-01T00:00:00Z\",\"expiration\":{\"type\":\"noExpiration\"}}")
                .statusCode(400);
        given().auth().oauth2(pra).queryParam("$filter", "principalId eq '" + user + "'")
                .when().get(D + "roleAssignmentSchedules").then().statusCode(200).body("value", hasSize(0));

        admin("roleAssignment", "adminAssign", "{\"expiration\":{\"type\":\"afterDateTime\",\"endDateTime\":\"9999-12-31T00:00:00Z\"}}")
                .statusCode(201);
        admin("roleAssignment", "adminUpdate", "{\"expiration\":{\"type\":\"afterDuration\",\"duration\":\"P1000000000000D\"}}")
                .statusCode(400);
    }
}
