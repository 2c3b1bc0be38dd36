package dev.tessera.pim.roleassignment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.common.DirectoryRoles;
import dev.tessera.pim.FakeDirectory;
import dev.tessera.pim.FakeDirectoryApi;
import dev.tessera.platform.messaging.events.EventTypes;
import dev.tessera.platform.messaging.events.Topics;
import dev.tessera.testsupport.MutableClock;
import dev.tessera.testsupport.TestEvents;
import dev.tessera.testsupport.TesseraInfraResource;
import dev.tessera.testsupport.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Graph's /roleManagement/directory/roleAssignments over PIM's active schedules. */
@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class RoleAssignmentApiTest {

    static final String D = "/v1.0/roleManagement/directory/";
    static final String ASSIGNMENTS = D + "roleAssignments";
    static final String HELPDESK = DirectoryRoles.HELPDESK_ADMINISTRATOR;
    static final String USER_ADMIN = DirectoryRoles.USER_ADMINISTRATOR;

    @Inject
    MutableClock clock;

    final String pra = Tokens.admin(UUID.randomUUID().toString(), "Privileged Role Administrator");
    final String user = FakeDirectory.newUser();

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    ValidatableResponse post(String token, String path, String body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).when().post(path).then();
    }

    ValidatableResponse assign(String token, String principal, String role, String scope) {
        return post(token, ASSIGNMENTS, """
                {"@odata.type":"#microsoft.graph.unifiedRoleAssignment","principalId":"%s","roleDefinitionId":"%s",
                 "directoryScopeId":"%s"}
                """.formatted(principal, role, scope));
    }

    String assigned(String principal, String role, String scope) {
        return assign(pra, principal, role, scope).statusCode(201).extract().path("id");
    }

    ValidatableResponse list(String token, String filter) {
        return given().auth().oauth2(token).queryParam("$filter", filter).when().get(ASSIGNMENTS).then();
    }

    String customRole() {
        return post(pra, D + "roleDefinitions", """
                {"displayName":"roleAssignments test %s","isEnabled":true,
                 "rolePermissions":[{"allowedResourceActions":["microsoft.directory/groups/members/update"]}]}
                """.formatted(UUID.randomUUID())).statusCode(201).extract().path("id");
    }

    @Test
    void listFiltersOnPrincipalRoleAndScopeAloneAndCombined() {
        String seattle = FakeDirectoryApi.newAdministrativeUnit("Seattle");
        String custom = customRole();
        String helpdesk = assigned(user, HELPDESK, "/");
        assigned(user, USER_ADMIN, "/");
        String scoped = assigned(user, HELPDESK, "/administrativeUnits/" + seattle);
        String other = assigned(FakeDirectory.newUser(), custom, "/");

        list(pra, "principalId eq '" + user + "'").statusCode(200).body("value", hasSize(3))
                .body("'@odata.context'", containsString("$metadata#roleManagement/directory/roleAssignments"));
        list(pra, "roleDefinitionId eq '" + custom + "'").statusCode(200).body("value", hasSize(1))
                .body("value[0].id", equalTo(other));
        list(pra, "directoryScopeId eq '/administrativeUnits/" + seattle + "'").statusCode(200)
                .body("value", hasSize(1)).body("value[0].id", equalTo(scoped));
        list(pra, "principalId eq '" + user + "' and roleDefinitionId eq '" + HELPDESK + "'").statusCode(200)
                .body("value", hasSize(2));
        list(pra, "principalId eq '" + user + "' and directoryScopeId eq '/'").statusCode(200).body("value", hasSize(2));
        list(pra, "principalId eq '" + user + "' and roleDefinitionId eq '" + HELPDESK + "' and directoryScopeId eq '/'")
                .statusCode(200).body("value", hasSize(1)).body("value[0].id", equalTo(helpdesk))
                .body("value[0].principalId", equalTo(user)).body("value[0].roleDefinitionId", equalTo(HELPDESK))
                .body("value[0].directoryScopeId", equalTo("/")).body("value[0]", hasKey("appScopeId"));

        // pages of $top with a nextLink, as Tessera's other lists
        String next = given().auth().oauth2(pra).queryParam("$filter", "principalId eq '" + user + "'")
                .queryParam("$top", 2).when().get(ASSIGNMENTS).then().statusCode(200).body("value", hasSize(2))
                .extract().path("'@odata.nextLink'");
        given().urlEncodingEnabled(false).auth().oauth2(pra).when().get(next).then().statusCode(200)
                .body("value", hasSize(1));

        // a property Graph does not filter roleAssignments on
        list(pra, "status eq 'Provisioned'").statusCode(400).body("error.code", notNullValue());
        given().auth().oauth2(pra).queryParam("$filter", "principalId eq '" + user + "'").queryParam("$select", "roleDefinitionId")
                .when().get(ASSIGNMENTS).then().statusCode(200)
                .body("value[0]", hasKey("id")).body("value[0]", hasKey("roleDefinitionId"))
                .body("value[0]", not(hasKey("principalId")));
    }

    @Test
    void principalAndRoleDefinitionAreExpanded() {
        String group = FakeDirectory.newGroup(true);
        String mine = assigned(user, HELPDESK, "/");
        String groups = assigned(group, USER_ADMIN, "/");

        given().auth().oauth2(pra).queryParam("$expand", "principal,roleDefinition").when().get(ASSIGNMENTS + "/" + mine)
                .then().statusCode(200).body("id", equalTo(mine))
                .body("principal.id", equalTo(user)).body("principal.'@odata.type'", equalTo("#microsoft.graph.user"))
                .body("roleDefinition.id", equalTo(HELPDESK)).body("roleDefinition.displayName", equalTo("Helpdesk Administrator"));
        given().auth().oauth2(pra).queryParam("$filter", "principalId eq '" + group + "'").queryParam("$expand", "principal")
                .queryParam("$select", "roleDefinitionId")
                .when().get(ASSIGNMENTS).then().statusCode(200).body("value", hasSize(1))
                .body("value[0].id", equalTo(groups)).body("value[0]", not(hasKey("principalId")))
                .body("value[0].principal.id", equalTo(group))
                .body("value[0].principal.'@odata.type'", equalTo("#microsoft.graph.group"))
                .body("value[0].principal.isAssignableToRole", equalTo(true))
                .body("value[0]", not(hasKey("roleDefinition")));
        given().auth().oauth2(pra).queryParam("$expand", "appScope").when().get(ASSIGNMENTS + "/" + mine)
                .then().statusCode(400);
    }

    @Test
    void anUnreachableDirectoryIsA503WhenThePrincipalIsExpanded() {
        String principal = FakeDirectory.newUser();
        String id = assigned(principal, HELPDESK, "/");
        FakeDirectory.makeUnreachable(principal);
        given().auth().oauth2(pra).queryParam("$expand", "principal").when().get(ASSIGNMENTS + "/" + id)
                .then().statusCode(503).body("error.code", equalTo("serviceNotAvailable"));
        given().auth().oauth2(pra).when().get(ASSIGNMENTS + "/" + id).then().statusCode(200);
    }

    @Test
    void anActivationIsListedUntilItsEndAndAnEligibilityNever() {
        String role = customRole();
        String eligibility = post(pra, D + "roleEligibilityScheduleRequests", """
                {"action":"adminAssign","justification":"rota","roleDefinitionId":"%s","directoryScopeId":"/",
                 "principalId":"%s","scheduleInfo":{"expiration":{"type":"noExpiration"}}}
                """.formatted(role, user)).statusCode(201).extract().path("targetScheduleId");
        list(pra, "principalId eq '" + user + "'").statusCode(200).body("value", hasSize(0));
        given().auth().oauth2(pra).when().get(ASSIGNMENTS + "/" + eligibility).then().statusCode(404);

        String activation = post(Tokens.builder(user).mfa(true).sign(), D + "roleAssignmentScheduleRequests", """
                {"action":"selfActivate","principalId":"%s","roleDefinitionId":"%s","directoryScopeId":"/",
                 "justification":"incident","scheduleInfo":{"startDateTime":"%s","expiration":{"type":"afterDuration","duration":"PT1H"}}}
                """.formatted(user, role, clock.instant())).statusCode(201).extract().path("targetScheduleId");
        list(pra, "principalId eq '" + user + "'").statusCode(200).body("value", hasSize(1))
                .body("value[0].id", equalTo(activation)).body("value[0].roleDefinitionId", equalTo(role));
        list(Tokens.user(user), "roleDefinitionId eq '" + role + "'").statusCode(200).body("value", hasSize(1));

        clock.advance(Duration.ofHours(1).plusSeconds(1));
        list(pra, "principalId eq '" + user + "'").statusCode(200).body("value", hasSize(0));
        given().auth().oauth2(pra).when().get(ASSIGNMENTS + "/" + activation).then().statusCode(404)
                .body("error.code", equalTo("itemNotFound"));
    }

    @Test
    void postMakesAPermanentActiveAssignmentSeenInSchedulesAndInstances() {
        ValidatableResponse created = assign(pra, user, HELPDESK, "/").statusCode(201)
                .body("'@odata.context'", containsString("$metadata#roleManagement/directory/roleAssignments/$entity"))
                .body("principalId", equalTo(user)).body("roleDefinitionId", equalTo(HELPDESK))
                .body("directoryScopeId", equalTo("/"));
        String id = created.extract().path("id");
        created.header("Location", endsWith("/v1.0/roleManagement/directory/roleAssignments/" + id));
        given().auth().oauth2(pra).when().get(ASSIGNMENTS + "/" + id).then().statusCode(200).body("principalId", equalTo(user));
        given().auth().oauth2(pra).when().get(D + "roleAssignmentSchedules/" + id).then().statusCode(200)
                .body("assignmentType", equalTo("Assigned")).body("memberType", equalTo("Direct"))
                .body("scheduleInfo.expiration.type", equalTo("noExpiration"));
        given().auth().oauth2(pra).when().get(D + "roleAssignmentScheduleInstances/" + id).then().statusCode(200)
                .body("endDateTime", nullValue());
        given().auth().oauth2(pra).queryParam("$filter", "principalId eq '" + user + "'")
                .when().get(D + "roleAssignmentScheduleRequests").then().statusCode(200)
                .body("value.action", hasItem("adminAssign"));

        // a role-assignable group is a principal too
        String group = FakeDirectory.newGroup(true);
        assign(pra, group, USER_ADMIN, "/").statusCode(201).body("principalId", equalTo(group));
    }

    @Test
    void postIsRefusedAsAdminAssignRefusesAndChangesNothing() {
        assigned(user, HELPDESK, "/");
        assign(pra, user, HELPDESK, "/").statusCode(400).body("error.code", equalTo("RoleAssignmentExists"));
        assign(pra, UUID.randomUUID().toString(), HELPDESK, "/").statusCode(400)
                .body("error.code", equalTo("SubjectNotFound")).body("error.target", equalTo("principalId"));
        assign(pra, user, UUID.randomUUID().toString(), "/").statusCode(400).body("error.code", equalTo("RoleNotFound"));
        assign(pra, FakeDirectory.newGroup(false), HELPDESK, "/").statusCode(400).body("error.target", equalTo("principalId"));
        assign(pra, user, USER_ADMIN, "/nowhere").statusCode(400).body("error.target", equalTo("directoryScopeId"));
        assign(pra, user, USER_ADMIN, "/administrativeUnits/" + UUID.randomUUID()).statusCode(400);
        post(pra, ASSIGNMENTS, "{\"roleDefinitionId\":\"" + USER_ADMIN + "\",\"directoryScopeId\":\"/\"}").statusCode(400)
                .body("error.target", equalTo("principalId"));
        post(pra, ASSIGNMENTS, "{\"principalId\":\"" + user + "\",\"roleDefinitionId\":\"" + USER_ADMIN + "\"}")
                .statusCode(400).body("error.target", equalTo("directoryScopeId"));
        // hostile input
        assign(pra, user, "bad\\u0000role", "/").statusCode(400).body("error.target", equalTo("roleDefinitionId"));
        assign(pra, user, USER_ADMIN, "/" + "x".repeat(5000)).statusCode(400);
        given().auth().oauth2(pra).urlEncodingEnabled(false).when().get(ASSIGNMENTS + "/%00").then().statusCode(400);
        list(pra, "principalId eq '" + user + "'").statusCode(200).body("value", hasSize(1));
    }

    @Test
    void aPolicyThatForbidsPermanentActiveAssignmentRefusesThePost() {
        String role = customRole();
        String policy = given().auth().oauth2(pra)
                .queryParam("$filter", "scopeId eq '/' and scopeType eq 'DirectoryRole' and roleDefinitionId eq '" + role + "'")
                .when().get("/v1.0/policies/roleManagementPolicyAssignments").then().statusCode(200)
                .extract().path("value[0].policyId");
        given().auth().oauth2(pra).contentType(ContentType.JSON).body("""
                {"@odata.type":"#microsoft.graph.unifiedRoleManagementPolicyExpirationRule","id":"Expiration_Admin_Assignment",
                 "isExpirationRequired":true,"maximumDuration":"P180D",
                 "target":{"caller":"Admin","operations":["All"],"level":"Assignment","inheritableSettings":[],"enforcedSettings":[]}}
                """).when().patch("/v1.0/policies/roleManagementPolicies/" + policy + "/rules/Expiration_Admin_Assignment")
                .then().statusCode(204);
        assign(pra, user, role, "/").statusCode(400).body("error.code", equalTo("RoleAssignmentRequestPolicyValidationFailed"))
                .body("error.message", containsString("ExpirationRule"));
        list(pra, "principalId eq '" + user + "'").statusCode(200).body("value", hasSize(0));
    }

    @Test
    void deleteEndsTheAssignmentAsAdminRemoveDoes() {
        String id = assigned(user, HELPDESK, "/");
        given().auth().oauth2(pra).when().delete(ASSIGNMENTS + "/" + id).then().statusCode(400)
                .body("error.code", equalTo("ActiveDurationTooShort"));
        clock.advance(Duration.ofMinutes(6));
        given().auth().oauth2(Tokens.user(user)).when().delete(ASSIGNMENTS + "/" + id).then().statusCode(403);
        given().auth().oauth2(pra).when().delete(ASSIGNMENTS + "/" + id).then().statusCode(204);
        given().auth().oauth2(pra).when().get(ASSIGNMENTS + "/" + id).then().statusCode(404);
        given().auth().oauth2(pra).when().get(D + "roleAssignmentSchedules/" + id).then().statusCode(404);
        list(pra, "principalId eq '" + user + "'").statusCode(200).body("value", hasSize(0));
        given().auth().oauth2(pra).when().delete(ASSIGNMENTS + "/" + id).then().statusCode(404)
                .body("error.code", equalTo("itemNotFound"));
        given().auth().oauth2(pra).when().delete(ASSIGNMENTS + "/" + UUID.randomUUID()).then().statusCode(404);
        // PIM's events, as for adminAssign and adminRemove
        List<String> changes = TestEvents.awaitEvents(Topics.PIM_EVENTS, EventTypes.PIM_SCHEDULE_CHANGED, user, 2).stream()
                .map(r -> read(r.value())).map(e -> e.path("scheduleId").asText() + ":" + e.path("kind").asText() + ":"
                        + e.path("assignmentType").asText() + ":" + e.path("change").asText()).toList();
        assertEquals(List.of(id + ":assignment:Assigned:created", id + ":assignment:Assigned:removed"), changes);
        // the principal may hold it again
        assign(pra, user, HELPDESK, "/").statusCode(201);
    }

    private static JsonNode read(String json) {
        try {
            return new ObjectMapper().readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void onlyAdministratorsWriteAndOthersReadTheirOwn() {
        String other = FakeDirectory.newUser();
        String member = FakeDirectory.newUser();
        String group = FakeDirectory.newGroup(true, member);
        String mine = assigned(user, HELPDESK, "/");
        String groups = assigned(group, USER_ADMIN, "/");

        assign(Tokens.user(user), other, HELPDESK, "/").statusCode(403);
        assign(Tokens.admin(UUID.randomUUID().toString(), "User Administrator"), other, HELPDESK, "/").statusCode(403);
        assign(Tokens.admin(UUID.randomUUID().toString(), "Global Administrator"), other, HELPDESK, "/").statusCode(201);

        // a member with no role: their own, and their groups' (with the group as principal)
        given().auth().oauth2(Tokens.user(user)).when().get(ASSIGNMENTS).then().statusCode(200)
                .body("value", hasSize(1)).body("value[0].id", equalTo(mine));
        given().auth().oauth2(Tokens.user(member)).when().get(ASSIGNMENTS).then().statusCode(200)
                .body("value", hasSize(1)).body("value[0].principalId", equalTo(group));
        given().auth().oauth2(Tokens.user(member)).when().get(ASSIGNMENTS + "/" + groups).then().statusCode(200);
        given().auth().oauth2(Tokens.user(member)).when().get(ASSIGNMENTS + "/" + mine).then().statusCode(404);
        // readers of every assignment
        given().auth().oauth2(Tokens.admin(UUID.randomUUID().toString(), "Global Reader"))
                .when().get(ASSIGNMENTS + "/" + mine).then().statusCode(200);
        given().auth().oauth2(Tokens.app("RoleManagement.Read.Directory")).queryParam("$filter", "principalId eq '" + user + "'")
                .when().get(ASSIGNMENTS).then().statusCode(200).body("value", hasSize(1));
        given().auth().oauth2(Tokens.app("RoleManagement.Read.Directory")).when().delete(ASSIGNMENTS + "/" + mine)
                .then().statusCode(403);
    }
}
