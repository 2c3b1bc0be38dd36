package dev.tessera.provisioning.lifecycle;

import static dev.tessera.provisioning.Directory.admin;
import static dev.tessera.provisioning.Directory.createGroup;
import static dev.tessera.provisioning.Directory.createUser;
import static dev.tessera.provisioning.Directory.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tessera.provisioning.Db;
import dev.tessera.testsupport.TesseraInfraResource;
import dev.tessera.testsupport.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Task definitions, workflows and their versions, who may use them, and what Graph refuses. */
@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class LifecycleWorkflowsApiTest {

    static final String LCW = "/v1.0/identityGovernance/lifecycleWorkflows";
    static final String WORKFLOWS = LCW + "/workflows";
    static final String ADMIN_ID = UUID.randomUUID().toString();

    /** A Lifecycle Workflows Administrator (by the role's display name). */
    static String lcwAdmin() {
        return Tokens.admin(ADMIN_ID, "Lifecycle Workflows Administrator");
    }

    static String workflow(String category, String attribute, String rule, String tasks, boolean scheduling) {
        return """
                {"category": "%s", "displayName": "%s", "description": "test", "isEnabled": true,
                 "isSchedulingEnabled": %s,
                 "executionConditions": {
                   "@odata.type": "#microsoft.graph.identityGovernance.triggerAndScopeBasedConditions",
                   "scope": {"@odata.type": "#microsoft.graph.identityGovernance.ruleBasedSubjectSet", "rule": "%s"},
                   "trigger": {"@odata.type": "#microsoft.graph.identityGovernance.timeBasedAttributeTrigger",
                               "timeBasedAttribute": "%s", "offsetInDays": 0}},
                 "tasks": %s}
                """.formatted(category, unique("wf "), scheduling, rule.replace("\"", "\\\""), attribute, tasks);
    }

    static String addToGroup(String groupId) {
        return """
                {"displayName": "Add to groups", "taskDefinitionId": "22085229-5809-45e8-97fd-270d28d66910",
                 "arguments": [{"name": "groupID", "value": "%s"}]}""".formatted(groupId);
    }

    static final String ENABLE = """
            {"displayName": "Enable", "taskDefinitionId": "6fc52c9d-398b-4305-9763-15f42c1676fc", "arguments": []}""";

    static ValidatableResponse create(String token, String body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).when().post(WORKFLOWS).then();
    }

    static String createWorkflow(String body) {
        return create(lcwAdmin(), body).statusCode(201).extract().path("id");
    }

    @Test
    void theBuiltInTaskDefinitionsAreListedWithMicrosoftsIdsAndParameters() {
        given().auth().oauth2(lcwAdmin()).when().get(LCW + "/taskDefinitions").then().statusCode(200)
                .body("value.id", hasItems("c1ec1e76-f374-4375-aaa6-0bb6bd4c60be", "4a0b64f2-c7ec-46ba-b117-18f262946c50",
                        "42ae2956-193d-4f39-be06-691b8ac4fa1d", "22085229-5809-45e8-97fd-270d28d66910",
                        "1953a66c-751c-45e5-8bfe-01462c70da3c", "1dfdfcc7-52fa-4c2e-bf3a-e3919cc12950",
                        "6fc52c9d-398b-4305-9763-15f42c1676fc"));
        given().auth().oauth2(lcwAdmin()).when().get(LCW + "/taskDefinitions/c1ec1e76-f374-4375-aaa6-0bb6bd4c60be")
                .then().statusCode(200)
                .body("displayName", equalTo("Request user access package assignment"))
                .body("parameters.name", hasItems("assignmentPolicyId", "accessPackageId"));
        given().auth().oauth2(lcwAdmin()).when().get(LCW + "/taskDefinitions/" + UUID.randomUUID())
                .then().statusCode(404).body("error.code", equalTo("itemNotFound"));
    }

    @Test
    void aWorkflowIsCreatedReadListedAndDeleted() {
        String group = createGroup("Joiners");
        String id = create(lcwAdmin(), workflow("joiner", "employeeHireDate", "(user.department -eq \"Sales\")",
                "[" + addToGroup(group) + "," + ENABLE + "]", false))
                .statusCode(201)
                .body("id", matchesPattern("[0-9a-f-]{36}"))
                .body("category", equalTo("joiner"))
                .body("version", equalTo(1))
                .body("isEnabled", equalTo(true))
                .body("isSchedulingEnabled", equalTo(false))
                .body("executionConditions.scope.rule", equalTo("(user.department -eq \"Sales\")"))
                .body("executionConditions.trigger.timeBasedAttribute", equalTo("employeeHireDate"))
                .body("executionConditions.trigger.offsetInDays", equalTo(0))
                .body("tasks", hasSize(2))
                .body("tasks[0].executionSequence", equalTo(1))
                .body("tasks[0].arguments[0].value", equalTo(group))
                .body("tasks[1].taskDefinitionId", equalTo("6fc52c9d-398b-4305-9763-15f42c1676fc"))
                .extract().path("id");
        given().auth().oauth2(lcwAdmin()).when().get(WORKFLOWS + "/" + id).then().statusCode(200)
                .body("id", equalTo(id)).body("tasks", hasSize(2));
        given().auth().oauth2(lcwAdmin()).when().get(WORKFLOWS).then().statusCode(200).body("value.id", hasItem(id));
        given().auth().oauth2(lcwAdmin()).when().delete(WORKFLOWS + "/" + id).then().statusCode(204);
        given().auth().oauth2(lcwAdmin()).when().get(WORKFLOWS + "/" + id).then().statusCode(404);
    }

    @Test
    void changingBasicPropertiesKeepsTheVersionAndChangingTasksMakesANewOne() {
        String id = createWorkflow(workflow("joiner", "employeeHireDate", "(user.department -eq \"Sales\")",
                "[" + ENABLE + "]", false));
        given().auth().oauth2(lcwAdmin()).contentType(ContentType.JSON).body("{\"displayName\": \"Renamed\"}")
                .when().patch(WORKFLOWS + "/" + id).then().statusCode(204);
        given().auth().oauth2(lcwAdmin()).when().get(WORKFLOWS + "/" + id).then().statusCode(200)
                .body("displayName", equalTo("Renamed")).body("version", equalTo(1));
        given().auth().oauth2(lcwAdmin()).contentType(ContentType.JSON)
                .body("{\"tasks\": [" + ENABLE + "," + addToGroup(createGroup("More")) + "]}")
                .when().patch(WORKFLOWS + "/" + id).then().statusCode(204);
        given().auth().oauth2(lcwAdmin()).when().get(WORKFLOWS + "/" + id).then().statusCode(200)
                .body("version", equalTo(2)).body("tasks", hasSize(2));
        given().auth().oauth2(lcwAdmin()).when().get(WORKFLOWS + "/" + id + "/versions").then().statusCode(200)
                .body("value.versionNumber", equalTo(java.util.List.of(1, 2)))
                .body("value[0].tasks", hasSize(1));
        given().auth().oauth2(lcwAdmin()).when().get(WORKFLOWS + "/" + id + "/versions/2").then().statusCode(200)
                .body("tasks", hasSize(2));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"category\": \"sideways\"}",
            "{\"tasks\": []}",
            "{\"tasks\": [{\"displayName\": \"x\", \"taskDefinitionId\": \"70b29d51-b59a-4773-9280-8841dfd3f2ea\"}]}",
            "{\"tasks\": [{\"displayName\": \"x\", \"taskDefinitionId\": \"22085229-5809-45e8-97fd-270d28d66910\"}]}",
            "{\"tasks\": [{\"displayName\": \"x\", \"taskDefinitionId\": \"22085229-5809-45e8-97fd-270d28d66910\", \"arguments\": [{\"name\": \"groupID\", \"value\": \"not-a-guid\"}]}]}",
            "{\"tasks\": [{\"displayName\": \"x\", \"taskDefinitionId\": \"42ae2956-193d-4f39-be06-691b8ac4fa1d\"}]}",
            "{\"rule\": \"user.department -eq\"}",
            "{\"attribute\": \"lastSignInDateTime\"}",
            "{\"offset\": 181}",
            "{\"isEnabled\": false, \"isSchedulingEnabled\": true}",
            "{\"unknownProperty\": 1}"})
    void invalidWorkflowsAre400AndNothingIsCreated(String change) {
        com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        try {
            com.fasterxml.jackson.databind.node.ObjectNode body = (com.fasterxml.jackson.databind.node.ObjectNode) mapper
                    .readTree(workflow("joiner", "employeeHireDate", "user.department -eq \"Sales\"", "[" + ENABLE + "]", false));
            com.fasterxml.jackson.databind.node.ObjectNode patch = (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(change);
            com.fasterxml.jackson.databind.node.ObjectNode trigger = (com.fasterxml.jackson.databind.node.ObjectNode)
                    body.path("executionConditions").path("trigger");
            if (patch.has("rule")) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) body.path("executionConditions").path("scope"))
                        .put("rule", patch.remove("rule").asText());
            }
            if (patch.has("attribute")) {
                trigger.put("timeBasedAttribute", patch.remove("attribute").asText());
            }
            if (patch.has("offset")) {
                trigger.put("offsetInDays", patch.remove("offset").asInt());
            }
            body.setAll(patch);
            long before = Db.count("select count(*) from lifecycle_workflow");
            create(lcwAdmin(), body.toString()).statusCode(400).body("error.code", matchesPattern("\\w+"))
                    .body("error.message", matchesPattern("(?s).+"));
            assertEquals(before, Db.count("select count(*) from lifecycle_workflow"));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void onlyLifecycleAdministratorsWriteAndGlobalReadersRead() {
        String body = workflow("leaver", "employeeLeaveDateTime", "user.department -eq \"Sales\"", "[" + ENABLE + "]", false);
        String id = createWorkflow(body);
        String member = Tokens.user(createUser("Plain"));
        String reader = Tokens.admin(UUID.randomUUID().toString(), "Global Reader");
        String userAdmin = admin();
        for (String denied : new String[] {member, userAdmin}) {
            given().auth().oauth2(denied).when().get(WORKFLOWS).then().statusCode(403);
            given().auth().oauth2(denied).when().get(WORKFLOWS + "/" + id).then().statusCode(403);
            create(denied, body).statusCode(403);
        }
        given().auth().oauth2(reader).when().get(WORKFLOWS + "/" + id).then().statusCode(200);
        given().auth().oauth2(reader).when().get(LCW + "/taskDefinitions").then().statusCode(200);
        create(reader, body).statusCode(403);
        given().auth().oauth2(reader).when().delete(WORKFLOWS + "/" + id).then().statusCode(403);
        create(Tokens.admin(UUID.randomUUID().toString(), "Global Administrator"), body).statusCode(201);
        // app-only: LifecycleWorkflows.Read.All reads, ReadWrite.All writes; another permission is refused by the token check
        given().auth().oauth2(Tokens.app("LifecycleWorkflows.Read.All")).when().get(WORKFLOWS + "/" + id).then().statusCode(200);
        create(Tokens.app("LifecycleWorkflows.Read.All"), body).statusCode(403);
        create(Tokens.app("LifecycleWorkflows.ReadWrite.All"), body).statusCode(201);
        given().auth().oauth2(Tokens.app("Directory.ReadWrite.All")).when().get(WORKFLOWS).then().statusCode(403);
        // a delegated token without the LifecycleWorkflows scope: refused whatever the role
        given().auth().oauth2(Tokens.builder(ADMIN_ID).role("Lifecycle Workflows Administrator")
                        .scopes("User.ReadWrite.All").sign())
                .when().get(WORKFLOWS).then().statusCode(403).body("error.code", containsString("Authorization_RequestDenied"));
    }
}
