package dev.tessera.pim.schedule;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import dev.tessera.common.DirectoryRoles;
import dev.tessera.pim.FakeDirectory;
import dev.tessera.testsupport.TesseraInfraResource;
import dev.tessera.testsupport.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Groups as principals: role-assignable groups hold eligible and active assignments, their members
 * see them (memberType Group) and activate a group's eligibility for themselves.
 */
@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class GroupPrincipalTest {

    static final String D = "/v1.0/roleManagement/directory/";
    static final String ROLE = DirectoryRoles.HELPDESK_ADMINISTRATOR;

    final String pra = Tokens.admin(UUID.randomUUID().toString(), "Privileged Role Administrator");
    final String member = FakeDirectory.newUser();
    final String outsider = FakeDirectory.newUser();

    ValidatableResponse post(String token, String set, String body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).when().post(D + set).then();
    }

    ValidatableResponse assign(String set, String principal, String role) {
        return post(pra, set, """
                {"action":"adminAssign","justification":"helpdesk rota","roleDefinitionId":"%s","directoryScopeId":"/",
                 "principalId":"%s","scheduleInfo":{"expiration":{"type":"noExpiration"}}}
                """.formatted(role, principal));
    }

    ValidatableResponse activate(String user, String duration) {
        return post(Tokens.builder(user).mfa(true).sign(), "roleAssignmentScheduleRequests", """
                {"action":"selfActivate","principalId":"%s","roleDefinitionId":"%s","directoryScopeId":"/",
                 "justification":"ticket backlog","scheduleInfo":{"expiration":{"type":"afterDuration","duration":"%s"}}}
                """.formatted(user, ROLE, duration));
    }

    ValidatableResponse mine(String user, String set) {
        return given().auth().oauth2(Tokens.user(user)).when().get(D + set + "/filterByCurrentUser(on='principal')").then();
    }

    @Test
    void onlyARoleAssignableGroupCanBeAPrincipal() {
        String plain = FakeDirectory.newGroup(false, member);
        assign("roleEligibilityScheduleRequests", plain, ROLE).statusCode(400)
                .body("error.target", equalTo("principalId")).body("error.message", containsString("isAssignableToRole"));
        given().auth().oauth2(pra).queryParam("$filter", "principalId eq '" + plain + "'")
                .when().get(D + "roleEligibilitySchedules").then().body("value", hasSize(0));

        String helpdesk = FakeDirectory.newGroup(true, member);
        assign("roleEligibilityScheduleRequests", helpdesk, ROLE).statusCode(201).body("status", equalTo("Provisioned"));
        given().auth().oauth2(pra).queryParam("$filter", "principalId eq '" + helpdesk + "'")
                .when().get(D + "roleEligibilityScheduleInstances").then().statusCode(200)
                .body("value", hasSize(1)).body("value[0].memberType", equalTo("Direct"));
    }

    @Test
    void membersSeeWhatTheirGroupIsEligibleForAndActiveIn() {
        String helpdesk = FakeDirectory.newGroup(true, member);
        String eligibility = assign("roleEligibilityScheduleRequests", helpdesk, ROLE).statusCode(201)
                .extract().path("targetScheduleId");
        String active = assign("roleAssignmentScheduleRequests", helpdesk, DirectoryRoles.GLOBAL_READER).statusCode(201)
                .extract().path("targetScheduleId");

        mine(member, "roleEligibilityScheduleInstances").statusCode(200).body("value", hasSize(1))
                .body("value[0].principalId", equalTo(member)).body("value[0].memberType", equalTo("Group"))
                .body("value[0].roleDefinitionId", equalTo(ROLE))
                .body("value[0].roleEligibilityScheduleId", equalTo(eligibility));
        mine(member, "roleEligibilitySchedules").statusCode(200).body("value", hasSize(1))
                .body("value[0].memberType", equalTo("Group"));
        mine(member, "roleAssignmentScheduleInstances").statusCode(200).body("value", hasSize(1))
                .body("value[0].principalId", equalTo(member)).body("value[0].memberType", equalTo("Group"))
                .body("value[0].roleAssignmentOriginId", equalTo(active));
        given().auth().oauth2(Tokens.user(member)).when().get(D + "roleEligibilityScheduleInstances").then()
                .statusCode(200).body("value.id", hasItem(eligibility));

        mine(outsider, "roleEligibilityScheduleInstances").statusCode(200).body("value", hasSize(0));
        mine(outsider, "roleAssignmentScheduleInstances").statusCode(200).body("value.id", not(hasItem(active)));
    }

    @Test
    void aMemberActivatesTheGroupsEligibilityForThemself() {
        String helpdesk = FakeDirectory.newGroup(true, member);
        String eligibility = assign("roleEligibilityScheduleRequests", helpdesk, ROLE).statusCode(201)
                .extract().path("targetScheduleId");

        activate(outsider, "PT1H").statusCode(400).body("error.message", containsString("EligibilityRule"));
        activate(member, "PT9H").statusCode(400).body("error.message", containsString("ExpirationRule"));
        post(Tokens.user(member), "roleAssignmentScheduleRequests", """
                {"action":"selfActivate","principalId":"%s","roleDefinitionId":"%s","directoryScopeId":"/",
                 "justification":"no mfa","scheduleInfo":{"expiration":{"type":"afterDuration","duration":"PT1H"}}}
                """.formatted(member, ROLE)).statusCode(400).body("error.message", containsString("MfaRule"));

        String activation = activate(member, "PT1H").statusCode(201).body("status", equalTo("Provisioned"))
                .body("principalId", equalTo(member)).extract().path("targetScheduleId");
        given().auth().oauth2(Tokens.user(member)).queryParam("$expand", "activatedUsing")
                .when().get(D + "roleAssignmentSchedules/" + activation).then().statusCode(200)
                .body("principalId", equalTo(member)).body("memberType", equalTo("Group"))
                .body("assignmentType", equalTo("Activated"))
                .body("activatedUsing.id", equalTo(eligibility)).body("activatedUsing.principalId", equalTo(helpdesk));
        mine(member, "roleAssignmentScheduleInstances").statusCode(200)
                .body("value.find { it.id == '" + activation + "' }.memberType", equalTo("Group"))
                .body("value.find { it.id == '" + activation + "' }.principalId", equalTo(member));
        activate(member, "PT1H").statusCode(400).body("error.code", equalTo("RoleAssignmentExists"));
        // the group's own eligibility is untouched, and still Direct for the group
        given().auth().oauth2(pra).when().get(D + "roleEligibilitySchedules/" + eligibility).then().statusCode(200)
                .body("principalId", equalTo(helpdesk)).body("memberType", equalTo("Direct"));
    }

    @Test
    void anUnreachableDirectoryIsA503NotA500() {
        String user = FakeDirectory.UNREACHABLE_USER;
        mine(user, "roleEligibilityScheduleInstances").statusCode(503).body("error.code", equalTo("serviceNotAvailable"));
        activate(user, "PT1H").statusCode(503).body("error.code", equalTo("serviceNotAvailable"));
        // the failures may have opened the directory client's circuit breaker (or will, once its rolling
        // window of 10 calls fills up): leave it closed, with a window of successes, for the next test
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            for (int i = 0; i < 10; i++) {
                mine(member, "roleEligibilityScheduleInstances").statusCode(200);
            }
        });
    }
}
