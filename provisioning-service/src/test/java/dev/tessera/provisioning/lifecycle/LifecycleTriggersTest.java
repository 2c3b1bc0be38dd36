package dev.tessera.provisioning.lifecycle;

import static dev.tessera.provisioning.Directory.addMember;
import static dev.tessera.provisioning.Directory.admin;
import static dev.tessera.provisioning.Directory.createGroup;
import static dev.tessera.provisioning.Directory.createUser;
import static dev.tessera.provisioning.Directory.unique;
import static dev.tessera.provisioning.lifecycle.LifecycleRunsTest.awaitRunsDone;
import static dev.tessera.provisioning.lifecycle.LifecycleRunsTest.runs;
import static dev.tessera.provisioning.lifecycle.LifecycleWorkflowsApiTest.WORKFLOWS;
import static dev.tessera.provisioning.lifecycle.LifecycleWorkflowsApiTest.addToGroup;
import static dev.tessera.provisioning.lifecycle.LifecycleWorkflowsApiTest.create;
import static dev.tessera.provisioning.lifecycle.LifecycleWorkflowsApiTest.createWorkflow;
import static dev.tessera.provisioning.lifecycle.LifecycleWorkflowsApiTest.lcwAdmin;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tessera.testsupport.TesseraInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Workflows triggered by a change (attributeChangeTrigger, membershipChangeTrigger): provisioning-service
 * reads its own directory events and runs each matching workflow once for the user the event is about.
 */
@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class LifecycleTriggersTest {

    static final String NS = "#microsoft.graph.identityGovernance.";

    static String attributeChangeWorkflow(String rule, String attributes, String tasks) {
        return """
                {"category": "mover", "displayName": "%s", "isEnabled": true, "isSchedulingEnabled": true,
                 "executionConditions": {
                   "@odata.type": "%striggerAndScopeBasedConditions",
                   "scope": {"@odata.type": "%sruleBasedSubjectSet", "rule": "%s"},
                   "trigger": {"@odata.type": "%sattributeChangeTrigger", "triggerAttributes": %s}},
                 "tasks": %s}
                """.formatted(unique("mover "), NS, NS, rule.replace("\"", "\\\""), NS, attributes, tasks);
    }

    static String membershipChangeWorkflow(String scopeGroup, String changeType, String tasks) {
        return """
                {"category": "mover", "displayName": "%s", "isEnabled": true, "isSchedulingEnabled": true,
                 "executionConditions": {
                   "@odata.type": "%striggerAndScopeBasedConditions",
                   "scope": {"@odata.type": "%sgroupBasedSubjectSet",
                             "groups@odata.bind": ["https://graph.microsoft.com/v1.0/groups/%s"]},
                   "trigger": {"@odata.type": "%smembershipChangeTrigger", "changeType": "%s"}},
                 "tasks": %s}
                """.formatted(unique("membership "), NS, NS, scopeGroup, NS, changeType, tasks);
    }

    static String removeFromGroup(String groupId) {
        return """
                {"displayName": "Remove from groups", "taskDefinitionId": "1953a66c-751c-45e5-8bfe-01462c70da3c",
                 "arguments": [{"name": "groupID", "value": "%s"}]}""".formatted(groupId);
    }

    static void patchUser(String user, Map<String, Object> body) {
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body(body)
                .when().patch("/v1.0/users/" + user).then().statusCode(204);
    }

    static List<String> members(String group) {
        return given().auth().oauth2(admin()).when().get("/v1.0/groups/" + group + "/members").then().statusCode(200)
                .extract().jsonPath().getList("value.id");
    }

    @Test
    void aWatchedAttributeThatChangesIntoScopeRunsTheWorkflowForThatUserOnceAChange() {
        String sales = unique("Sales");
        String group = createGroup("Sales movers");
        String user = createUser("Mover", Map.of("department", "Finance"));
        String id = createWorkflow(attributeChangeWorkflow("user.department -eq \"" + sales + "\"",
                "[{\"name\": \"department\"}]", "[" + addToGroup(group) + "]"));
        given().auth().oauth2(lcwAdmin()).when().get(WORKFLOWS + "/" + id).then().statusCode(200)
                .body("executionConditions.trigger.triggerAttributes[0].name", equalTo("department"));

        // an attribute the trigger does not watch: nothing; then the watched one, into scope: one run
        patchUser(user, Map.of("jobTitle", "Lead"));
        patchUser(user, Map.of("department", sales));
        await().atMost(Duration.ofSeconds(30)).until(() -> members(group).contains(user));
        awaitRunsDone(id, 1);
        assertEquals("scheduled", runs(id).getString("value[0].workflowExecutionType"));
        given().auth().oauth2(lcwAdmin()).when().get(WORKFLOWS + "/" + id + "/userProcessingResults").then()
                .statusCode(200).body("value.subject.id", equalTo(List.of(user)))
                .body("value[0].processingStatus", equalTo("completed"));

        // out of scope (the watched attribute changed, the rule no longer admits the user): nothing; back in: a second run
        patchUser(user, Map.of("department", "Elsewhere"));
        patchUser(user, Map.of("department", sales));
        awaitRunsDone(id, 2);
        assertEquals(2, runs(id).getList("value").size());
    }

    @Test
    void joiningOrLeavingAScopeGroupRunsTheMembershipChangeWorkflows() {
        String project = createGroup("Project");
        String tools = createGroup("Project tools");
        String user = createUser("Joiner");
        String onAdd = createWorkflow(membershipChangeWorkflow(project, "add", "[" + addToGroup(tools) + "]"));
        String onRemove = createWorkflow(membershipChangeWorkflow(project, "remove", "[" + removeFromGroup(tools) + "]"));
        given().auth().oauth2(lcwAdmin()).when().get(WORKFLOWS + "/" + onAdd).then().statusCode(200)
                .body("executionConditions.scope.groups[0].id", equalTo(project))
                .body("executionConditions.trigger.changeType", equalTo("add"));

        addMember(project, user);
        await().atMost(Duration.ofSeconds(30)).until(() -> members(tools).contains(user));
        awaitRunsDone(onAdd, 1);

        given().auth().oauth2(admin()).when().delete("/v1.0/groups/" + project + "/members/" + user + "/$ref")
                .then().statusCode(204);
        await().atMost(Duration.ofSeconds(30)).until(() -> !members(tools).contains(user));
        awaitRunsDone(onRemove, 1);
        // each workflow ran for its own change only
        assertEquals(1, runs(onAdd).getList("value").size());
        given().auth().oauth2(admin()).when().get("/v1.0/groups/" + tools + "/members").then()
                .body("value.id", not(hasItem(user)));
    }

    @Test
    void changeTriggersAreValidated() {
        String group = createGroup("Scope");
        // a membership trigger needs a group-based scope, and the other way round
        create(lcwAdmin(), membershipChangeWorkflow(group, "add", "[" + addToGroup(group) + "]")
                .replace("groupBasedSubjectSet", "ruleBasedSubjectSet")).statusCode(400)
                .body("error.code", equalTo("invalidRequest"));
        create(lcwAdmin(), membershipChangeWorkflow(group, "moved", "[" + addToGroup(group) + "]")).statusCode(400);
        create(lcwAdmin(), membershipChangeWorkflow(UUID.randomUUID().toString(), "add", "[" + addToGroup(group) + "]"))
                .statusCode(400).body("error.message", org.hamcrest.Matchers.containsString("does not exist"));
        create(lcwAdmin(), attributeChangeWorkflow("user.department -eq \"X\"", "[{\"name\": \"favouriteColour\"}]",
                "[" + addToGroup(group) + "]")).statusCode(400);
        create(lcwAdmin(), attributeChangeWorkflow("user.department -eq \"X\"", "[]", "[" + addToGroup(group) + "]"))
                .statusCode(400);
    }
}
