package dev.tessera.pim.schedule;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
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
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * selfExtend and selfRenew: a principal asks, the request waits for an administrator
 * (PendingAdminDecision), and the administrator's adminExtend / adminRenew settles it.
 */
@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class SelfExtendRenewTest {

    static final String ELIGIBILITY_REQUESTS = "/v1.0/roleManagement/directory/roleEligibilityScheduleRequests";
    static final String ROLE = DirectoryRoles.USER_ADMINISTRATOR;

    @Inject
    MutableClock clock;

    final String pra = Tokens.admin(UUID.randomUUID().toString(), "Privileged Role Administrator");
    final String user = FakeDirectory.newUser();

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    ValidatableResponse post(String token, String body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).when().post(ELIGIBILITY_REQUESTS).then();
    }

    String request(String action, String expiration) {
        return """
                {"action":"%s","justification":"still on the rota","roleDefinitionId":"%s","directoryScopeId":"/",
                 "principalId":"%s","scheduleInfo":{"startDateTime":"%s","expiration":%s}}
                """.formatted(action, ROLE, user, clock.instant(), expiration);
    }

    static String days(int days) {
        return "{\"type\":\"afterDuration\",\"duration\":\"P" + days + "D\"}";
    }

    @Test
    void selfExtendWaitsForAnAdministratorWhoseExtensionSettlesIt() {
        post(pra, request("adminAssign", days(30))).statusCode(201);
        String me = Tokens.user(user);

        post(me, request("selfExtend", days(30))).statusCode(400).body("error.message", containsString("14 days"));
        post(me, request("selfRenew", days(30))).statusCode(400).body("error.code", equalTo("RoleAssignmentExists"));
        post(Tokens.user(UUID.randomUUID().toString()), request("selfExtend", days(30))).statusCode(403);

        clock.advance(Duration.ofDays(20));
        String asked = post(me, request("selfExtend", days(30))).statusCode(201)
                .body("status", equalTo("PendingAdminDecision")).body("action", equalTo("selfExtend"))
                .extract().path("id");
        post(me, request("selfExtend", days(30))).statusCode(400).body("error.code", equalTo("PendingRoleAssignmentRequest"));
        given().auth().oauth2(pra).queryParam("$filter", "status eq 'PendingAdminDecision' and principalId eq '" + user + "'")
                .when().get(ELIGIBILITY_REQUESTS).then().statusCode(200).body("value", hasSize(1))
                .body("value[0].id", equalTo(asked));

        String scheduleEnd = post(pra, request("adminExtend", days(60))).statusCode(201)
                .body("status", equalTo("Provisioned")).extract().path("scheduleInfo.expiration.endDateTime");
        Instant end = Instant.parse(scheduleEnd);
        org.junit.jupiter.api.Assertions.assertTrue(end.isAfter(clock.instant().plus(Duration.ofDays(59))), "moved to " + end);
        given().auth().oauth2(me).when().get(ELIGIBILITY_REQUESTS + "/" + asked).then().statusCode(200)
                .body("status", equalTo("Provisioned"));
    }

    @Test
    void selfRenewAsksForAnExpiredAssignmentBackAndTheCreatorMayWithdrawIt() {
        post(pra, request("adminAssign", "{\"type\":\"afterDuration\",\"duration\":\"PT1H\"}")).statusCode(201);
        String me = Tokens.user(user);
        post(me, request("selfRenew", days(30))).statusCode(400).body("error.code", equalTo("RoleAssignmentExists"));

        clock.advance(Duration.ofHours(1).plusSeconds(1));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().auth().oauth2(pra)
                .queryParam("$filter", "principalId eq '" + user + "'")
                .when().get("/v1.0/roleManagement/directory/roleEligibilitySchedules").then().body("value", hasSize(0)));
        post(me, request("selfExtend", days(30))).statusCode(400).body("error.code", equalTo("RoleAssignmentDoesNotExist"));

        String asked = post(me, request("selfRenew", days(30))).statusCode(201)
                .body("status", equalTo("PendingAdminDecision")).extract().path("id");
        given().auth().oauth2(me).when().post(ELIGIBILITY_REQUESTS + "/" + asked + "/cancel").then().statusCode(204);
        given().auth().oauth2(me).when().get(ELIGIBILITY_REQUESTS + "/" + asked).then().body("status", equalTo("Canceled"));

        String again = post(me, request("selfRenew", days(30))).statusCode(201).extract().path("id");
        post(pra, request("adminRenew", days(30))).statusCode(201).body("status", equalTo("Provisioned"));
        given().auth().oauth2(me).when().get(ELIGIBILITY_REQUESTS + "/" + again).then().body("status", equalTo("Provisioned"));
        given().auth().oauth2(pra).queryParam("$filter", "principalId eq '" + user + "'")
                .when().get("/v1.0/roleManagement/directory/roleEligibilitySchedules").then().body("value", hasSize(1));

        // the renewed eligibility ends 30 days after the renewal; 31 days after that it is too late to renew
        clock.advance(Duration.ofDays(30 + 31));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().auth().oauth2(pra)
                .queryParam("$filter", "principalId eq '" + user + "'")
                .when().get("/v1.0/roleManagement/directory/roleEligibilitySchedules").then().body("value", hasSize(0)));
        post(me, request("selfRenew", days(30))).statusCode(400).body("error.message", containsString("30 days"));
    }
}
