package dev.tessera.pim.schedule;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

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

/** Eligible and active directory-role assignments with Entra's rules, the clock moved instead of waiting. */
@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class RoleScheduleRequestTest {

    static final String D = "/v1.0/roleManagement/directory/";
    static final String ASSIGNMENT_REQUESTS = D + "roleAssignmentScheduleRequests";
    static final String ELIGIBILITY_REQUESTS = D + "roleEligibilityScheduleRequests";
    static final String GROUPS_ADMIN = DirectoryRoles.GROUPS_ADMINISTRATOR;
    static final ObjectMapper MAPPER = new ObjectMapper();

    @Inject
    MutableClock clock;

    final String pra = Tokens.admin(UUID.randomUUID().toString(), "Privileged Role Administrator");
    final String user = FakeDirectory.newUser();

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    String mfaToken(String oid) {
        return Tokens.builder(oid).mfa(true).sign();
    }

    ValidatableResponse post(String token, String path, String body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).when().post(path).then();
    }

    void makeEligible(String principal) {
        post(pra, ELIGIBILITY_REQUESTS, """
                {"action":"adminAssign","justification":"on call rota","roleDefinitionId":"%s","directoryScopeId":"/",
                 "principalId":"%s","scheduleInfo":{"startDateTime":"2022-04-10T00:00:00Z","expiration":{"type":"NoExpiration"}}}
                """.formatted(GROUPS_ADMIN, principal)).statusCode(201);
    }

    String activation(String duration, String justification) {
        return """
                {"action":"selfActivate","principalId":"%s","roleDefinitionId":"%s","directoryScopeId":"/",
                 "justification":%s,"scheduleInfo":{"startDateTime":"%s","expiration":{"type":"AfterDuration","duration":"%s"}},
                 "ticketInfo":{"ticketNumber":"CONTOSO:Normal-67890","ticketSystem":"MS Project"}}
                """.formatted(user, GROUPS_ADMIN, justification == null ? "null" : "\"" + justification + "\"",
                clock.instant(), duration);
    }

    String deactivation() {
        return """
                {"action":"selfDeactivate","principalId":"%s","roleDefinitionId":"%s","directoryScopeId":"/"}
                """.formatted(user, GROUPS_ADMIN);
    }

    @Test
    void theSeedsAdminAssignIsProvisionedAndEchoedAsGraphDoes() {
        String principal = FakeDirectory.newUser();
        String id = post(pra, ASSIGNMENT_REQUESTS, """
                {"action":"adminAssign","justification":"Assign Groups Admin to IT Helpdesk group","roleDefinitionId":"%s",
                 "directoryScopeId":"/","principalId":"%s","scheduleInfo":{"startDateTime":"2022-04-10T00:00:00Z",
                 "expiration":{"type":"NoExpiration"}}}
                """.formatted(GROUPS_ADMIN, principal))
                .statusCode(201)
                .body("'@odata.context'", endsWith("$metadata#roleManagement/directory/roleAssignmentScheduleRequests/$entity"))
                .body("status", equalTo("Provisioned")).body("action", equalTo("adminAssign"))
                .body("principalId", equalTo(principal)).body("directoryScopeId", equalTo("/"))
                .body("appScopeId", nullValue()).body("isValidationOnly", equalTo(false))
                .body("scheduleInfo.expiration.type", equalTo("noExpiration"))
                .body("scheduleInfo.expiration.endDateTime", nullValue())
                .body("ticketInfo.ticketNumber", nullValue())
                .extract().path("id");
        given().auth().oauth2(pra).when().get(ASSIGNMENT_REQUESTS + "/" + id).then().statusCode(200)
                .body("targetScheduleId", equalTo(id));
        given().auth().oauth2(pra).queryParam("$filter", "principalId eq '" + principal + "'")
                .when().get(D + "roleAssignmentScheduleInstances").then().statusCode(200)
                .body("value", hasSize(1)).body("value[0].assignmentType", equalTo("Assigned"))
                .body("value[0].memberType", equalTo("Direct")).body("value[0].roleDefinitionId", equalTo(GROUPS_ADMIN));

        post(pra, ASSIGNMENT_REQUESTS, """
                {"action":"adminAssign","justification":"again","roleDefinitionId":"%s","directoryScopeId":"/",
                 "principalId":"%s","scheduleInfo":{"expiration":{"type":"noExpiration"}}}
                """.formatted(GROUPS_ADMIN, principal)).statusCode(400).body("error.code", equalTo("RoleAssignmentExists"));
    }

    @Test
    void dateTimesWithoutSecondsAsTheJavaSdkWritesThemAreAccepted() {
        post(pra, ELIGIBILITY_REQUESTS, """
                {"action":"adminAssign","justification":"on call rota","roleDefinitionId":"%s","directoryScopeId":"/",
                 "principalId":"%s","scheduleInfo":{"startDateTime":"2098-06-01T10:30Z",
                 "expiration":{"type":"afterDateTime","endDateTime":"2099-01-01T00:00+01:00"}}}
                """.formatted(GROUPS_ADMIN, FakeDirectory.newUser()))
                .statusCode(201)
                .body("status", equalTo("Granted"))
                .body("scheduleInfo.startDateTime", equalTo("2098-06-01T10:30:00Z"))
                .body("scheduleInfo.expiration.endDateTime", equalTo("2098-12-31T23:00:00Z"));
    }

    @Test
    void onlyPrivilegedRoleAdministratorsAssignAndBadRequestsAreExplained() {
        String body = """
                {"action":"adminAssign","justification":"x","roleDefinitionId":"%s","directoryScopeId":"/",
                 "principalId":"%s","scheduleInfo":{"expiration":{"type":"noExpiration"}}}
                """;
        post(Tokens.user(user), ELIGIBILITY_REQUESTS, body.formatted(GROUPS_ADMIN, user))
                .statusCode(403).body("error.code", equalTo("accessDenied"));
        // the action decides who may: a caller who may not take it learns nothing from validating the rest
        post(Tokens.user(user), ELIGIBILITY_REQUESTS, body.formatted(GROUPS_ADMIN, "not-a-guid"))
                .statusCode(403).body("error.code", equalTo("accessDenied"));
        post(Tokens.user(user), ELIGIBILITY_REQUESTS,
                body.formatted(GROUPS_ADMIN, user).replace("\"directoryScopeId\":\"/\",", ""))
                .statusCode(403).body("error.code", equalTo("accessDenied"));
        post(pra, ELIGIBILITY_REQUESTS, body.formatted(GROUPS_ADMIN, "not-a-guid")).statusCode(400);
        post(pra, ELIGIBILITY_REQUESTS, body.formatted(UUID.randomUUID(), user))
                .statusCode(400).body("error.code", equalTo("RoleNotFound"));
        // the principal must be a user or group of the directory
        String stranger = UUID.randomUUID().toString();
        post(pra, ELIGIBILITY_REQUESTS, body.formatted(GROUPS_ADMIN, stranger)).statusCode(400)
                .body("error.code", equalTo("SubjectNotFound")).body("error.target", equalTo("principalId"));
        post(pra, ASSIGNMENT_REQUESTS, body.formatted(GROUPS_ADMIN, stranger)).statusCode(400)
                .body("error.code", equalTo("SubjectNotFound")).body("error.target", equalTo("principalId"));
        given().auth().oauth2(pra).queryParam("$filter", "principalId eq '" + stranger + "'")
                .when().get(D + "roleEligibilitySchedules").then().body("value", hasSize(0));
        post(pra, ELIGIBILITY_REQUESTS, body.formatted(GROUPS_ADMIN, FakeDirectory.UNREACHABLE_USER)).statusCode(503)
                .body("error.code", equalTo("serviceNotAvailable"));
        post(pra, ELIGIBILITY_REQUESTS, body.formatted(GROUPS_ADMIN, user).replace("\"directoryScopeId\":\"/\",", ""))
                .statusCode(400).body("error.message", containsString("directoryScopeId"));
        post(pra, ELIGIBILITY_REQUESTS, body.formatted(GROUPS_ADMIN, user).replace("adminAssign", "adminConjure"))
                .statusCode(400).body("error.message", containsString("action"));
        post(pra, ELIGIBILITY_REQUESTS, """
                {"action":"adminRemove","roleDefinitionId":"%s","directoryScopeId":"/","principalId":"%s"}
                """.formatted(GROUPS_ADMIN, user)).statusCode(400).body("error.code", equalTo("RoleAssignmentDoesNotExist"));
        post(pra, ASSIGNMENT_REQUESTS, body.formatted(GROUPS_ADMIN, user).replace("\"justification\":\"x\",", ""))
                .statusCode(400).body("error.code", equalTo("RoleAssignmentRequestPolicyValidationFailed"))
                .body("error.message", containsString("JustificationRule"));
    }

    @Test
    void anEligibleUserActivatesWithinThePolicyAndTheActivationEndsByItself() throws Exception {
        post(mfaToken(user), ASSIGNMENT_REQUESTS, activation("PT5H", "fix the sync"))
                .statusCode(400).body("error.code", equalTo("RoleAssignmentRequestPolicyValidationFailed"))
                .body("error.message", containsString("EligibilityRule"));
        makeEligible(user);

        post(Tokens.user(user), ASSIGNMENT_REQUESTS, activation("PT5H", "fix the sync"))
                .statusCode(400).body("error.message", containsString("MfaRule"));
        post(mfaToken(user), ASSIGNMENT_REQUESTS, activation("PT9H", "fix the sync"))
                .statusCode(400).body("error.message", containsString("ExpirationRule"));
        post(mfaToken(user), ASSIGNMENT_REQUESTS, activation("PT1H", null))
                .statusCode(400).body("error.message", containsString("JustificationRule"));
        post(mfaToken(UUID.randomUUID().toString()), ASSIGNMENT_REQUESTS, activation("PT1H", "not mine"))
                .statusCode(403);

        String scheduleId = post(mfaToken(user), ASSIGNMENT_REQUESTS, activation("PT1H", "fix the sync"))
                .statusCode(201).body("status", equalTo("Provisioned"))
                .body("scheduleInfo.expiration.type", equalTo("afterDuration"))
                .body("scheduleInfo.expiration.duration", equalTo("PT1H"))
                .body("ticketInfo.ticketSystem", equalTo("MS Project"))
                .extract().path("targetScheduleId");
        post(mfaToken(user), ASSIGNMENT_REQUESTS, activation("PT1H", "again")).statusCode(400)
                .body("error.code", equalTo("RoleAssignmentExists"));
        given().auth().oauth2(Tokens.user(user))
                .when().get(D + "roleAssignmentScheduleInstances/filterByCurrentUser(on='principal')")
                .then().statusCode(200).body("value", hasSize(1)).body("value[0].assignmentType", equalTo("Activated"));

        clock.set(clock.instant().plus(Duration.ofHours(1)).plusSeconds(1));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().auth().oauth2(Tokens.user(user))
                .when().get(D + "roleAssignmentScheduleInstances/filterByCurrentUser(on='principal')")
                .then().body("value", hasSize(0)));
        JsonNode expired = TestEvents.awaitEvents(Topics.PIM_EVENTS, EventTypes.PIM_SCHEDULE_CHANGED, user, 3).stream()
                .map(r -> read(r.value())).filter(e -> "expired".equals(e.path("change").asText())).findFirst()
                .orElseThrow();
        assertEquals(scheduleId, expired.path("scheduleId").asText());
        assertEquals("Activated", expired.path("assignmentType").asText());
        given().auth().oauth2(Tokens.user(user))
                .when().get(D + "roleEligibilityScheduleInstances/filterByCurrentUser(on='principal')")
                .then().body("value", hasSize(1));
    }

    @Test
    void theFiveMinuteRulesHoldExactlyAtTheBoundary() {
        makeEligible(user);
        post(mfaToken(user), ASSIGNMENT_REQUESTS, activation("PT4M59S", "too short")).statusCode(400)
                .body("error.code", equalTo("ActiveDurationTooShort"));
        String fiveMinutes = post(mfaToken(user), ASSIGNMENT_REQUESTS, activation("PT5M", "just enough"))
                .statusCode(201).extract().path("targetScheduleId");
        clock.set(clock.instant().plus(Duration.ofMinutes(5)).plusSeconds(1));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().auth().oauth2(pra)
                .when().get(D + "roleAssignmentSchedules/" + fiveMinutes).then().statusCode(404));
        clock.reset();

        Instant activatedAt = Instant.parse(post(mfaToken(user), ASSIGNMENT_REQUESTS, activation("PT1H", "real work"))
                .statusCode(201).extract().path("scheduleInfo.startDateTime"));
        post(mfaToken(user), ASSIGNMENT_REQUESTS, deactivation()).statusCode(400)
                .body("error.code", equalTo("ActiveDurationTooShort"));
        clock.set(activatedAt.plus(Duration.ofMinutes(4)).plusSeconds(59));
        post(mfaToken(user), ASSIGNMENT_REQUESTS, deactivation()).statusCode(400)
                .body("error.code", equalTo("ActiveDurationTooShort"));
        clock.set(activatedAt.plus(Duration.ofMinutes(5)));
        post(mfaToken(user), ASSIGNMENT_REQUESTS, deactivation()).statusCode(201)
                .body("status", equalTo("Revoked")).body("targetScheduleId", nullValue())
                .body("scheduleInfo", nullValue());
        post(mfaToken(user), ASSIGNMENT_REQUESTS, deactivation()).statusCode(400)
                .body("error.code", equalTo("RoleAssignmentDoesNotExist"));
    }

    @Test
    void aFutureAssignmentIsGrantedThenProvisionedAtItsStartOrCanceledBefore() {
        String later = FakeDirectory.newUser();
        String start = clock.instant().plus(Duration.ofDays(1)).toString();
        String body = """
                {"action":"adminAssign","roleDefinitionId":"%s","directoryScopeId":"/","principalId":"%s",
                 "scheduleInfo":{"startDateTime":"%s","expiration":{"type":"afterDateTime","endDateTime":"%s"}}}
                """;
        String requestId = post(pra, ELIGIBILITY_REQUESTS, body.formatted(GROUPS_ADMIN, later, start,
                clock.instant().plus(Duration.ofDays(30)))).statusCode(201).body("status", equalTo("Granted"))
                .extract().path("id");
        given().auth().oauth2(Tokens.user(later)).when().get(D + "roleEligibilityScheduleInstances/filterByCurrentUser(on='principal')")
                .then().body("value", hasSize(0));

        clock.set(clock.instant().plus(Duration.ofDays(1)).plusSeconds(1));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().auth().oauth2(pra)
                .when().get(ELIGIBILITY_REQUESTS + "/" + requestId).then().body("status", equalTo("Provisioned")));
        given().auth().oauth2(Tokens.user(later)).when().get(D + "roleEligibilityScheduleInstances/filterByCurrentUser(on='principal')")
                .then().body("value", hasSize(1));
        given().auth().oauth2(pra).when().post(ELIGIBILITY_REQUESTS + "/" + requestId + "/cancel")
                .then().statusCode(400);
        clock.reset();

        String canceled = FakeDirectory.newUser();
        String toCancel = post(pra, ELIGIBILITY_REQUESTS, body.formatted(GROUPS_ADMIN, canceled,
                clock.instant().plus(Duration.ofDays(2)), clock.instant().plus(Duration.ofDays(30))))
                .statusCode(201).extract().path("id");
        given().auth().oauth2(pra).when().post(ELIGIBILITY_REQUESTS + "/" + toCancel + "/cancel").then().statusCode(204);
        given().auth().oauth2(pra).when().get(ELIGIBILITY_REQUESTS + "/" + toCancel).then().body("status", equalTo("Canceled"));
        given().auth().oauth2(pra).queryParam("$filter", "principalId eq '" + canceled + "'")
                .when().get(D + "roleEligibilitySchedules").then().body("value", hasSize(0));
    }

    @Test
    void adminRemoveRevokesAnEligibilityAfterFiveMinutes() {
        String principal = FakeDirectory.newUser();
        post(pra, ELIGIBILITY_REQUESTS, """
                {"action":"adminAssign","roleDefinitionId":"%s","directoryScopeId":"/","principalId":"%s",
                 "scheduleInfo":{"expiration":{"type":"afterDateTime","endDateTime":"%s"}}}
                """.formatted(GROUPS_ADMIN, principal, clock.instant().plus(Duration.ofDays(365)))).statusCode(201);
        String remove = """
                {"action":"adminRemove","roleDefinitionId":"%s","directoryScopeId":"/","principalId":"%s"}
                """.formatted(GROUPS_ADMIN, principal);
        post(pra, ELIGIBILITY_REQUESTS, remove).statusCode(400).body("error.code", equalTo("ActiveDurationTooShort"));
        clock.set(clock.instant().plus(Duration.ofMinutes(5)).plusSeconds(1));
        post(pra, ELIGIBILITY_REQUESTS, remove).statusCode(201).body("status", equalTo("Revoked"))
                .body("targetScheduleId", nullValue()).body("scheduleInfo", nullValue());
        given().auth().oauth2(pra).when().get(D + "roleEligibilitySchedules")
                .then().body("value.principalId", not(hasItem(principal)));
    }

    @Test
    void validationOnlyRequestsChangeNothing() {
        String principal = FakeDirectory.newUser();
        post(pra, ELIGIBILITY_REQUESTS, """
                {"action":"adminAssign","roleDefinitionId":"%s","directoryScopeId":"/","principalId":"%s",
                 "isValidationOnly":true,"scheduleInfo":{"expiration":{"type":"noExpiration"}}}
                """.formatted(GROUPS_ADMIN, principal)).statusCode(201).body("isValidationOnly", equalTo(true));
        given().auth().oauth2(pra).queryParam("$filter", "principalId eq '" + principal + "'")
                .when().get(D + "roleEligibilitySchedules").then().body("value", hasSize(0));
    }

    private static JsonNode read(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
