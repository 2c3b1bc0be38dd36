package dev.tessera.pim.schedule;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tessera.common.DirectoryRoles;
import dev.tessera.pim.FakeDirectory;
import dev.tessera.testsupport.TesseraInfraResource;
import dev.tessera.testsupport.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Lists of requests, schedules and instances: paging for the current user, group members, $filter, shapes. */
@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class ScheduleListsTest {

    static final String D = "/v1.0/roleManagement/directory/";
    static final String[] ROLES = {DirectoryRoles.GROUPS_ADMINISTRATOR, DirectoryRoles.HELPDESK_ADMINISTRATOR,
            DirectoryRoles.USER_ADMINISTRATOR};

    final String pra = Tokens.admin(UUID.randomUUID().toString(), "Privileged Role Administrator");
    final String user = FakeDirectory.newUser();

    ValidatableResponse post(String token, String set, String body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .when().post(D + set + "ScheduleRequests").then();
    }

    String adminAssign(String set, String principal, String role) {
        return post(pra, set, """
                {"action":"adminAssign","justification":"rota","roleDefinitionId":"%s","directoryScopeId":"/",
                 "principalId":"%s","scheduleInfo":{"expiration":{"type":"noExpiration"}}}
                """.formatted(role, principal)).statusCode(201).extract().path("targetScheduleId");
    }

    String activate(String role) {
        return post(Tokens.builder(user).mfa(true).sign(), "roleAssignment", """
                {"action":"selfActivate","principalId":"%s","roleDefinitionId":"%s","directoryScopeId":"/",
                 "justification":"incident","scheduleInfo":{"expiration":{"type":"afterDuration","duration":"PT1H"}}}
                """.formatted(user, role)).statusCode(201).extract().path("id");
    }

    /** Every id over all pages, following @odata.nextLink. */
    List<String> allPages(String token, String path) {
        List<String> ids = new ArrayList<>();
        String next = path;
        int pages = 0;
        while (next != null && pages++ < 20) {
            JsonPath page = given().urlEncodingEnabled(!next.startsWith("http")).auth().oauth2(token).when().get(next).then().statusCode(200).extract().jsonPath();
            List<String> onPage = page.getList("value.id");
            assertEquals(next.equals(path) ? 1 : onPage.size(), onPage.size(), "a page holds $top items");
            ids.addAll(onPage);
            next = page.getString("'@odata.nextLink'");
        }
        return ids;
    }

    @Test
    void requestsOfTheCurrentUserPageWithoutRepeats() {
        // the user is principal of five requests: three made by an administrator, two by themself
        adminAssign("roleEligibility", user, ROLES[0]);
        adminAssign("roleEligibility", user, ROLES[1]);
        List<String> mine = List.of(activate(ROLES[0]), activate(ROLES[1]));
        String assigned = post(pra, "roleAssignment", """
                {"action":"adminAssign","justification":"rota","roleDefinitionId":"%s","directoryScopeId":"/",
                 "principalId":"%s","scheduleInfo":{"expiration":{"type":"noExpiration"}}}
                """.formatted(ROLES[2], user)).statusCode(201).extract().path("id");
        String token = Tokens.user(user);

        List<String> created = allPages(token, D + "roleAssignmentScheduleRequests/filterByCurrentUser(on='createdBy')?$top=1");
        assertEquals(new HashSet<>(mine), new HashSet<>(created));
        assertEquals(2, created.size(), "no request twice: " + created);

        List<String> principal = allPages(token, D + "roleAssignmentScheduleRequests/filterByCurrentUser(on='principal')?$top=1");
        assertEquals(3, principal.size(), "no request twice: " + principal);
        assertEquals(3, new HashSet<>(principal).size());
        assertEquals(true, principal.contains(assigned));
    }

    @Test
    void aGroupMemberFetchesTheGroupsScheduleByIdAsTheirs() {
        String member = FakeDirectory.newUser();
        String group = FakeDirectory.newGroup(true, member);
        String eligibility = adminAssign("roleEligibility", group, ROLES[1]);
        String assignment = adminAssign("roleAssignment", group, ROLES[2]);

        for (String path : new String[] {"roleEligibilitySchedules/" + eligibility, "roleEligibilityScheduleInstances/"
                + eligibility, "roleAssignmentSchedules/" + assignment, "roleAssignmentScheduleInstances/" + assignment}) {
            given().auth().oauth2(Tokens.user(member)).when().get(D + path).then().statusCode(200)
                    .body("principalId", equalTo(member)).body("memberType", equalTo("Group"));
            given().auth().oauth2(Tokens.user(FakeDirectory.newUser())).when().get(D + path).then().statusCode(404)
                    .body("error.code", equalTo("itemNotFound"));
        }
    }

    @Test
    void eligibilitiesCarryNoAssignmentProperties() {
        String eligibility = adminAssign("roleEligibility", user, ROLES[0]);
        String assignment = adminAssign("roleAssignment", user, ROLES[1]);
        given().auth().oauth2(pra).when().get(D + "roleEligibilityScheduleInstances/" + eligibility).then().statusCode(200)
                .body("$", not(hasKey("assignmentType"))).body("$", not(hasKey("roleAssignmentOriginId")))
                .body("$", not(hasKey("roleAssignmentScheduleId")))
                .body("roleEligibilityScheduleId", equalTo(eligibility)).body("memberType", equalTo("Direct"));
        given().auth().oauth2(pra).when().get(D + "roleEligibilitySchedules/" + eligibility).then().statusCode(200)
                .body("$", not(hasKey("assignmentType"))).body("memberType", equalTo("Direct"));
        given().auth().oauth2(pra).when().get(D + "roleAssignmentScheduleInstances/" + assignment).then().statusCode(200)
                .body("$", not(hasKey("roleEligibilityScheduleId"))).body("assignmentType", equalTo("Assigned"))
                .body("roleAssignmentScheduleId", equalTo(assignment));
    }

    @Test
    void schedulesAndInstancesFilterByRoleDefinition() {
        for (String set : new String[] {"roleEligibility", "roleAssignment"}) {
            String first = adminAssign(set, user, ROLES[0]);
            adminAssign(set, user, ROLES[1]);
            for (String list : new String[] {"Schedules", "ScheduleInstances"}) {
                given().auth().oauth2(pra).queryParam("$filter", "roleDefinitionId eq '" + ROLES[0]
                                + "' and principalId eq '" + user + "'")
                        .when().get(D + set + list).then().statusCode(200)
                        .body("value", hasSize(1)).body("value[0].id", equalTo(first))
                        .body("value[0].roleDefinitionId", equalTo(ROLES[0]));
                given().auth().oauth2(pra).queryParam("$filter", "principalId eq '" + user + "'")
                        .when().get(D + set + list).then().statusCode(200).body("value", hasSize(2));
            }
        }
    }
}
