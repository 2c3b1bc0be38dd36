package dev.tessera.request.extension;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.platform.messaging.events.EventTypes;
import dev.tessera.platform.messaging.events.Topics;
import dev.tessera.request.fake.FakeCatalogApi;
import dev.tessera.request.fake.FakeDirectoryApi;
import dev.tessera.testsupport.MutableClock;
import dev.tessera.testsupport.TestEvents;
import dev.tessera.testsupport.TesseraInfraResource;
import dev.tessera.testsupport.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Custom extensions bound to a policy's stages: a real HTTP receiver on the loopback interface gets the
 * signed calls; a launch-and-wait extension holds the request until resume or its callback deadline.
 */
@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class CustomExtensionCalloutTest {

    static final String EM = "/v1.0/identityGovernance/entitlementManagement";
    static final String SECRET = "test-signing-secret";
    static final ObjectMapper MAPPER = new ObjectMapper();

    @Inject
    MutableClock clock;

    final String admin = Tokens.admin(UUID.randomUUID().toString(), "Identity Governance Administrator");

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** A package whose one direct policy binds {@code stages} to one extension at {@code url}. */
    String[] register(String url, String callbackTimeout, int retries, String... stages) {
        String packageId = UUID.randomUUID().toString();
        String policyId = UUID.randomUUID().toString();
        String extensionId = UUID.randomUUID().toString();
        ObjectNode context = MAPPER.createObjectNode();
        context.putObject("accessPackage").put("id", packageId).put("displayName", "Extended").put("isHidden", false)
                .put("catalogId", UUID.randomUUID().toString());
        ObjectNode policy = context.putArray("policies").addObject();
        policy.put("id", policyId).put("displayName", "Direct").put("allowedTargetScope", "notSpecified");
        policy.putObject("expiration").put("type", "noExpiration");
        policy.putObject("requestApprovalSettings").put("isApprovalRequiredForAdd", false);
        ArrayNode settings = policy.putArray("customExtensionStageSettings");
        for (String stage : stages) {
            settings.addObject().put("id", UUID.randomUUID().toString()).put("stage", stage)
                    .putObject("customExtension").put("id", extensionId);
        }
        ObjectNode extension = context.putArray("customExtensions").addObject();
        extension.put("@odata.type", "#microsoft.graph.accessPackageAssignmentRequestWorkflowExtension")
                .put("id", extensionId).put("displayName", "Receiver");
        extension.putObject("endpointConfiguration").put("url", url);
        extension.putObject("clientConfiguration").put("timeoutInMilliseconds", 2000).put("maximumRetries", retries);
        if (callbackTimeout != null) {
            extension.putObject("callbackConfiguration").put("timeoutDuration", callbackTimeout);
        }
        FakeCatalogApi.groupMemberRole(context, UUID.randomUUID().toString());
        context.putObject("incompatible").putArray("accessPackages");
        ((ObjectNode) context.get("incompatible")).putArray("groups");
        FakeCatalogApi.register(packageId, context);
        return new String[] {packageId, policyId, extensionId};
    }

    String adminAdd(String[] pkg) {
        String target = UUID.randomUUID().toString();
        FakeDirectoryApi.user(target, "Member");
        return given().auth().oauth2(admin).contentType(ContentType.JSON).body("""
                {"requestType":"adminAdd","assignment":{"targetId":"%s","assignmentPolicyId":"%s","accessPackageId":"%s"}}
                """.formatted(target, pkg[1], pkg[0])).when().post(EM + "/assignmentRequests")
                .then().statusCode(201).extract().path("id");
    }

    JsonNode request(String id) throws Exception {
        return MAPPER.readTree(given().auth().oauth2(admin).queryParam("$expand", "assignment")
                .when().get(EM + "/assignmentRequests/" + id).then().statusCode(200).extract().asString());
    }

    static JsonNode data(TestReceiver.Call call) throws Exception {
        return MAPPER.readTree(call.body()).path("Data");
    }

    String resumeBody(String instanceId, String stage) {
        return """
                {"source":"Contoso.SodCheckProcess","type":"microsoft.graph.accessPackageCustomExtensionStage.%s",
                 "data":{"@odata.type":"microsoft.graph.accessPackageAssignmentRequestCallbackData","stage":"%s",
                   "customExtensionStageInstanceId":"%s","customExtensionStageInstanceDetail":"This user is all verified"}}
                """.formatted(stage, stage, instanceId);
    }

    void delivered(String assignmentId, String requestId) {
        TestEvents.publish(Topics.DELIVERY_EVENTS, EventTypes.DELIVERY_REPORTED, assignmentId, """
                {"assignmentId":"%s","requestId":"%s","operation":"grant","outcome":"delivered","completedDateTime":"2026-11-30T10:00:00Z",
                 "roles":[{"roleId":"%s","roleDisplayName":"Member","status":"delivered","error":null}]}
                """.formatted(assignmentId, requestId, UUID.randomUUID()), UUID.randomUUID().toString());
    }

    @Test
    void fireAndForgetStagesArriveSignedAndNeverHoldTheRequest() throws Exception {
        try (TestReceiver receiver = new TestReceiver()) {
            String[] pkg = register(receiver.url(), null, 0, "assignmentRequestCreated", "assignmentRequestGranted");
            String id = adminAdd(pkg);
            JsonNode submitted = request(id);
            assertEquals("submitted", submitted.path("state").asText(), "fire and forget holds nothing");
            assertEquals("Accepted", submitted.path("status").asText());
            assertTrue(submitted.path("assignment").path("id").isTextual(), "granted at once");
            await().atMost(Duration.ofSeconds(15)).until(() -> receiver.calls.size() == 1);
            TestReceiver.Call created = receiver.calls.get(0);
            assertTrue(created.signedBy(SECRET), "signed with the configured key");
            assertTrue(!created.signedBy("another key"));
            JsonNode data = data(created);
            assertEquals("microsoft.graph.accessPackageCustomExtensionStage.assignmentRequestCreated",
                    MAPPER.readTree(created.body()).path("Type").asText());
            assertEquals("assignmentRequestCreated", data.path("Stage").asText());
            assertEquals(id, data.path("AccessPackageAssignmentRequestId").asText());
            assertEquals("adminAdd", data.path("RequestType").asText());
            assertEquals(pkg[0], data.path("AccessPackage").path("Id").asText());
            assertEquals("/identityGovernance/entitlementManagement/assignmentRequests/" + id + "/resume",
                    data.path("CallbackUriPath").asText());
            assertEquals(created.calloutId(), data.path("CustomExtensionStageInstanceId").asText());

            delivered(request(id).path("assignment").path("id").asText(), id);
            await().atMost(Duration.ofSeconds(15)).until(() -> receiver.calls.size() == 2);
            assertEquals("assignmentRequestGranted", data(receiver.calls.get(1)).path("Stage").asText());
            assertTrue(receiver.calls.get(1).signedBy(SECRET));
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().auth().oauth2(admin)
                    .when().get(EM + "/assignmentRequests/" + id).then()
                    .body("state", equalTo("delivered"))
                    .body("customExtensionCalloutInstances", hasSize(2))
                    .body("customExtensionCalloutInstances.status", org.hamcrest.Matchers.everyItem(equalTo("calloutSent")))
                    .body("customExtensionCalloutInstances[0].customExtensionId", equalTo(pkg[2]))
                    .body("customExtensionCalloutInstances[0].externalCorrelationId", equalTo("run-1")));
        }
    }

    @Test
    void aLaunchAndWaitExtensionHoldsTheRequestUntilItIsResumedThenItIsDelivered() throws Exception {
        try (TestReceiver receiver = new TestReceiver()) {
            String[] pkg = register(receiver.url(), "PT1H", 1, "assignmentRequestApproved");
            String id = adminAdd(pkg);
            JsonNode waiting = request(id);
            assertEquals("pendingApproval", waiting.path("state").asText());
            assertEquals("WaitingForCallback", waiting.path("status").asText());
            assertTrue(waiting.path("assignment").isMissingNode() || waiting.path("assignment").isNull(),
                    "nothing granted while it waits");
            await().atMost(Duration.ofSeconds(15)).until(() -> receiver.calls.size() == 1);
            TestReceiver.Call call = receiver.calls.get(0);
            assertTrue(call.signedBy(SECRET));
            JsonNode data = data(call);
            assertEquals("assignmentRequestApproved", data.path("Stage").asText());
            assertEquals("PT1H", data.path("CallbackConfiguration").path("TimeoutDuration").asText());
            String instance = data.path("CustomExtensionStageInstanceId").asText();
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().auth().oauth2(admin)
                    .when().get(EM + "/assignmentRequests/" + id).then()
                    .body("customExtensionCalloutInstances[0].id", equalTo(instance))
                    .body("customExtensionCalloutInstances[0].status", equalTo("waitingForCallback")));

            // the receiver (an app allowed to write entitlement management) calls back
            String app = Tokens.app("EntitlementManagement.ReadWrite.All");
            given().auth().oauth2(app).contentType(ContentType.JSON).body(resumeBody(instance, "assignmentRequestApproved"))
                    .when().post(EM + "/assignmentRequests/" + id + "/resume").then().statusCode(204);
            JsonNode resumed = request(id);
            assertEquals("delivering", resumed.path("state").asText());
            String assignment = resumed.path("assignment").path("id").asText();
            assertTrue(!assignment.isEmpty(), "granted on resume");
            given().auth().oauth2(admin).when().get(EM + "/assignmentRequests/" + id).then()
                    .body("customExtensionCalloutInstances[0].status", equalTo("callbackReceived"))
                    .body("customExtensionCalloutInstances[0].detail", equalTo("This user is all verified"));
            // once only
            given().auth().oauth2(app).contentType(ContentType.JSON).body(resumeBody(instance, "assignmentRequestApproved"))
                    .when().post(EM + "/assignmentRequests/" + id + "/resume").then().statusCode(409);
            delivered(assignment, id);
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().auth().oauth2(admin)
                    .when().get(EM + "/assignmentRequests/" + id).then().body("state", equalTo("delivered")));
        }
    }

    @Test
    void aReceiverThatIsDownIsRetriedThenTheCallbackDeadlineDeniesTheRequest() throws Exception {
        String[] pkg = register(TestReceiver.downUrl(), "PT1H", 2, "assignmentRequestApproved");
        String id = adminAdd(pkg);
        // the first try and two retries (1 s, 2 s later) fail; the request keeps waiting for its deadline
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(admin)
                .when().get(EM + "/assignmentRequests/" + id).then()
                .body("state", equalTo("pendingApproval"))
                .body("customExtensionCalloutInstances[0].status", equalTo("calloutFailed"))
                .body("customExtensionCalloutInstances[0].detail", notNullValue()));
        clock.advance(Duration.ofMinutes(61));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().auth().oauth2(admin)
                .when().get(EM + "/assignmentRequests/" + id).then()
                .body("state", equalTo("denied"))
                .body("'@tessera.deliveryTrace'.reason", containsString("did not call back in time"))
                .body("customExtensionCalloutInstances[0].status", equalTo("callbackTimedOut")));
        String instance = request(id).path("customExtensionCalloutInstances").get(0).path("id").asText();
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(resumeBody(instance, "assignmentRequestApproved"))
                .when().post(EM + "/assignmentRequests/" + id + "/resume").then().statusCode(409);
    }

    @Test
    void resumeIsRefusedToOthersAndBadBodiesChangeNothing() throws Exception {
        try (TestReceiver receiver = new TestReceiver()) {
            String[] pkg = register(receiver.url(), "PT1H", 0, "assignmentRequestApproved");
            String id = adminAdd(pkg);
            await().atMost(Duration.ofSeconds(15)).until(() -> receiver.calls.size() == 1);
            String instance = data(receiver.calls.get(0)).path("CustomExtensionStageInstanceId").asText();
            String stranger = UUID.randomUUID().toString();
            FakeDirectoryApi.user(stranger, "Member");
            given().auth().oauth2(Tokens.user(stranger)).contentType(ContentType.JSON)
                    .body(resumeBody(instance, "assignmentRequestApproved"))
                    .when().post(EM + "/assignmentRequests/" + id + "/resume").then().statusCode(404);
            given().auth().oauth2(admin).contentType(ContentType.JSON).body("{\"source\":\"x\"}")
                    .when().post(EM + "/assignmentRequests/" + id + "/resume").then().statusCode(400)
                    .body("error.code", notNullValue());
            given().auth().oauth2(admin).contentType(ContentType.JSON)
                    .body(resumeBody(UUID.randomUUID().toString(), "assignmentRequestApproved"))
                    .when().post(EM + "/assignmentRequests/" + id + "/resume").then().statusCode(400);
            given().auth().oauth2(admin).contentType(ContentType.JSON).body(resumeBody(instance, "assignmentRequestCreated"))
                    .when().post(EM + "/assignmentRequests/" + id + "/resume").then().statusCode(400);
            assertEquals("WaitingForCallback", request(id).path("status").asText(), "still waiting: nothing changed");
        }
    }
}
