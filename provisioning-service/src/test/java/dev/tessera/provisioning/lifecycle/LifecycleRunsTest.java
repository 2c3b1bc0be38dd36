package dev.tessera.provisioning.lifecycle;

import static dev.tessera.provisioning.Directory.admin;
import static dev.tessera.provisioning.Directory.createGroup;
import static dev.tessera.provisioning.Directory.createUser;
import static dev.tessera.provisioning.Directory.unique;
import static dev.tessera.provisioning.lifecycle.LifecycleWorkflowsApiTest.ENABLE;
import static dev.tessera.provisioning.lifecycle.LifecycleWorkflowsApiTest.WORKFLOWS;
import static dev.tessera.provisioning.lifecycle.LifecycleWorkflowsApiTest.addToGroup;
import static dev.tessera.provisioning.lifecycle.LifecycleWorkflowsApiTest.createWorkflow;
import static dev.tessera.provisioning.lifecycle.LifecycleWorkflowsApiTest.lcwAdmin;
import static dev.tessera.provisioning.lifecycle.LifecycleWorkflowsApiTest.workflow;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.platform.messaging.events.EventTypes;
import dev.tessera.platform.messaging.events.Topics;
import dev.tessera.provisioning.Db;
import dev.tessera.testsupport.TestEvents;
import dev.tessera.testsupport.TesseraInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Activation, scheduled evaluation, the tasks' effects, and what runs and results show. */
@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class LifecycleRunsTest {

    static void activate(String workflowId, String... users) {
        String subjects = String.join(",", java.util.Arrays.stream(users).map(u -> "{\"id\": \"" + u + "\"}").toList());
        given().auth().oauth2(lcwAdmin()).contentType(ContentType.JSON).body("{\"subjects\": [" + subjects + "]}")
                .when().post(WORKFLOWS + "/" + workflowId + "/microsoft.graph.identityGovernance.activate")
                .then().statusCode(204);
    }

    static JsonPath runs(String workflowId) {
        return given().auth().oauth2(lcwAdmin()).when().get(WORKFLOWS + "/" + workflowId + "/runs")
                .then().statusCode(200).extract().jsonPath();
    }

    static void awaitRunsDone(String workflowId, int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            List<String> statuses = runs(workflowId).getList("value.processingStatus");
            return statuses.size() == count && statuses.stream().noneMatch(s -> s.equals("queued") || s.equals("inProgress"));
        });
    }

    static String department() {
        return unique("Dept");
    }

    @Test
    void activatingRunsTheTasksNowAndShowsTheRunAndItsResults() {
        String group = createGroup("Joiners");
        String user = createUser("New Hire", Map.of("accountEnabled", false));
        String id = createWorkflow(workflow("joiner", "employeeHireDate", "user.department -eq \"Nowhere\"",
                "[" + addToGroup(group) + "," + ENABLE + "]", false));
        activate(id, user);
        awaitRunsDone(id, 1);
        JsonPath run = runs(id);
        assertEquals("completed", run.getString("value[0].processingStatus"));
        assertEquals("onDemand", run.getString("value[0].workflowExecutionType"));
        assertEquals(1, run.getInt("value[0].totalUsersCount"));
        assertEquals(2, run.getInt("value[0].totalTasksCount"));
        String runId = run.getString("value[0].id");
        given().auth().oauth2(admin()).when().get("/v1.0/groups/" + group + "/members").then().statusCode(200)
                .body("value.id", hasItem(user));
        given().auth().oauth2(admin()).when().get("/v1.0/users/" + user).then().body("accountEnabled", equalTo(true));
        // the same writes as Graph's, so the same events
        TestEvents.awaitEvent(Topics.DIRECTORY_EVENTS, EventTypes.USER_UPDATED, user);

        String resultId = given().auth().oauth2(lcwAdmin()).when()
                .get(WORKFLOWS + "/" + id + "/runs/" + runId + "/userProcessingResults").then().statusCode(200)
                .body("value", hasSize(1))
                .body("value[0].subject.id", equalTo(user))
                .body("value[0].processingStatus", equalTo("completed"))
                .body("value[0].workflowVersion", equalTo(1))
                .extract().path("value[0].id");
        given().auth().oauth2(lcwAdmin()).when().get(WORKFLOWS + "/" + id + "/userProcessingResults").then()
                .statusCode(200).body("value.id", hasItem(resultId));
        given().auth().oauth2(lcwAdmin()).when()
                .get(WORKFLOWS + "/" + id + "/userProcessingResults/" + resultId + "/taskProcessingResults").then()
                .statusCode(200)
                .body("value", hasSize(2))
                .body("value.processingStatus", equalTo(List.of("completed", "completed")))
                .body("value[0].task.displayName", equalTo("Add to groups"))
                .body("value[1].subject.id", equalTo(user));
    }

    @Test
    void activationNeedsExistingSubjectsAndAnEnabledWorkflow() {
        String id = createWorkflow(workflow("joiner", "employeeHireDate", "user.department -eq \"Nowhere\"",
                "[" + ENABLE + "]", false));
        given().auth().oauth2(lcwAdmin()).contentType(ContentType.JSON)
                .body("{\"subjects\": [{\"id\": \"" + UUID.randomUUID() + "\"}]}")
                .when().post(WORKFLOWS + "/" + id + "/activate").then().statusCode(400);
        given().auth().oauth2(lcwAdmin()).contentType(ContentType.JSON).body("{}")
                .when().post(WORKFLOWS + "/" + id + "/activate").then().statusCode(400);
        assertEquals(0, runs(id).getList("value").size());
    }

    @Test
    void aScheduledWorkflowProcessesEachInScopeUserOnTheirDayOnceAVersion() {
        String dept = department();
        String today = Instant.now().toString();
        String dueUser = createUser("Starts Today", Map.of("department", dept, "employeeHireDate", today,
                "accountEnabled", false));
        String otherDept = createUser("Other Dept", Map.of("department", dept + "x", "employeeHireDate", today));
        String later = createUser("Starts Later", Map.of("department", dept,
                "employeeHireDate", Instant.now().plus(Duration.ofDays(10)).toString()));
        String earlier = createUser("Started Last Month", Map.of("department", dept,
                "employeeHireDate", Instant.now().minus(Duration.ofDays(30)).toString()));
        String id = createWorkflow(workflow("joiner", "employeeHireDate", "user.department -eq \"" + dept + "\"",
                "[" + ENABLE + "]", true));
        awaitRunsDone(id, 1);
        JsonPath run = runs(id);
        assertEquals("scheduled", run.getString("value[0].workflowExecutionType"));
        assertEquals(1, run.getInt("value[0].totalUsersCount"));
        given().auth().oauth2(lcwAdmin()).when().get(WORKFLOWS + "/" + id + "/userProcessingResults").then()
                .body("value.subject.id", equalTo(List.of(dueUser)));
        given().auth().oauth2(admin()).when().get("/v1.0/users/" + dueUser).then().body("accountEnabled", equalTo(true));
        assertTrue(List.of(otherDept, later, earlier).stream().noneMatch(dueUser::equals));

        // evaluated again (a basic change reschedules the evaluation now): nobody is processed twice
        given().auth().oauth2(lcwAdmin()).contentType(ContentType.JSON).body("{\"description\": \"again\"}")
                .when().patch(WORKFLOWS + "/" + id).then().statusCode(204);
        await().atMost(Duration.ofSeconds(30)).until(() -> Db.count("select count(*) from durable_timer where kind = "
                + "'lifecycle.evaluate' and timer_key = ? and due_at > now() + interval '12 hours'", id) == 1);
        assertEquals(1, runs(id).getList("value").size());

        // a new version processes the users in scope again
        given().auth().oauth2(lcwAdmin()).contentType(ContentType.JSON).body("{\"tasks\": [" + ENABLE + "]}")
                .when().patch(WORKFLOWS + "/" + id).then().statusCode(204);
        awaitRunsDone(id, 2);
        given().auth().oauth2(lcwAdmin()).when().get(WORKFLOWS + "/" + id + "/userProcessingResults").then()
                .body("value.workflowVersion", equalTo(List.of(1, 2)));
    }

    @Test
    void accessPackageTasksAskRequestServiceAndRecordItsAnswerOrRefusal() {
        String user = createUser("Package Joiner");
        String granted = UUID.randomUUID().toString();
        String refused = UUID.randomUUID().toString();
        FakeLifecycleRequestsApi.REFUSED.put(refused, "The policy does not admit this user.");
        String tasks = """
                [{"displayName": "Request", "taskDefinitionId": "c1ec1e76-f374-4375-aaa6-0bb6bd4c60be", "continueOnError": true,
                  "arguments": [{"name": "accessPackageId", "value": "%s"}, {"name": "assignmentPolicyId", "value": "%s"}]},
                 {"displayName": "Refused", "taskDefinitionId": "c1ec1e76-f374-4375-aaa6-0bb6bd4c60be",
                  "arguments": [{"name": "accessPackageId", "value": "%s"}, {"name": "assignmentPolicyId", "value": "%s"}]},
                 %s]""".formatted(granted, UUID.randomUUID(), refused, UUID.randomUUID(), ENABLE);
        String id = createWorkflow(workflow("joiner", "employeeHireDate", "user.department -eq \"Nowhere\"", tasks, false));
        activate(id, user);
        awaitRunsDone(id, 1);
        assertEquals("failed", runs(id).getString("value[0].processingStatus"));
        String resultId = given().auth().oauth2(lcwAdmin()).when().get(WORKFLOWS + "/" + id + "/userProcessingResults")
                .then().body("value[0].processingStatus", equalTo("failed")).extract().path("value[0].id");
        given().auth().oauth2(lcwAdmin()).when()
                .get(WORKFLOWS + "/" + id + "/userProcessingResults/" + resultId + "/taskProcessingResults").then()
                .statusCode(200)
                .body("value.processingStatus", equalTo(List.of("completed", "failed", "canceled")))
                .body("value[0].accessPackageAssignmentRequestIds", hasSize(1))
                .body("value[1].failureReason", equalTo("The policy does not admit this user."));
        var call = FakeLifecycleRequestsApi.CALLS.stream().filter(c -> c.path("accessPackageId").asText().equals(granted))
                .findFirst().orElseThrow();
        assertEquals(user, call.path("targetId").asText());
        assertEquals("adminAdd", call.path("requestType").asText());
        assertTrue(call.path("justification").asText().startsWith("Lifecycle workflow "));
    }

    @Test
    void whileRequestServiceIsDownTheTaskIsHeldAndRetriedNeverLost() {
        String user = createUser("Leaver");
        // more 503s than tessera.timers.max-attempts (8): an outage is held, never counted towards parking
        FakeLifecycleRequestsApi.OUTAGES.put(user, new AtomicInteger(10));
        String tasks = """
                [{"displayName": "Remove all", "taskDefinitionId": "42ae2956-193d-4f39-be06-691b8ac4fa1d"},
                 {"displayName": "Disable", "taskDefinitionId": "1dfdfcc7-52fa-4c2e-bf3a-e3919cc12950"}]""";
        String id = createWorkflow(workflow("leaver", "employeeLeaveDateTime", "user.department -eq \"Nowhere\"", tasks, false));
        activate(id, user);
        awaitRunsDone(id, 1);
        assertEquals("completed", runs(id).getString("value[0].processingStatus"));
        assertEquals(0, FakeLifecycleRequestsApi.OUTAGES.get(user).get() > 0 ? 1 : 0);
        var call = FakeLifecycleRequestsApi.CALLS.stream().filter(c -> c.path("targetId").asText().equals(user))
                .findFirst().orElseThrow();
        assertEquals("adminRemove", call.path("requestType").asText());
        assertTrue(call.path("all").asBoolean());
        given().auth().oauth2(admin()).when().get("/v1.0/users/" + user).then().body("accountEnabled", equalTo(false));
        assertTrue(runs(id).getList("value").size() == 1, "one run");
        given().auth().oauth2(admin()).when().get("/v1.0/users/" + user).then().body("accountEnabled", not(equalTo(true)));
    }
}
