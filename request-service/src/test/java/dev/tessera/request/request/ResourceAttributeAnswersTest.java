package dev.tessera.request.request;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.platform.messaging.events.EventTypes;
import dev.tessera.platform.messaging.events.Topics;
import dev.tessera.request.fake.FakeCatalogApi;
import dev.tessera.request.fake.FakeDirectoryApi;
import dev.tessera.request.fake.FakeGroupsApi;
import dev.tessera.testsupport.TestEvents;
import dev.tessera.testsupport.TesseraInfraResource;
import dev.tessera.testsupport.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A package whose resources carry attributes (catalog resources' {@code attributes}) is assigned only with
 * an answer to each attribute's question; the answers travel with the grant and its removal.
 */
@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class ResourceAttributeAnswersTest {

    static final String EM = "/v1.0/identityGovernance/entitlementManagement";
    static final ObjectMapper MAPPER = new ObjectMapper();

    final String admin = Tokens.admin(UUID.randomUUID().toString(), "Identity Governance Administrator");

    /** A direct package whose one resource asks for the department (text) and the job title (a choice). */
    static String[] packageWithAttributes() {
        String packageId = UUID.randomUUID().toString();
        String policyId = UUID.randomUUID().toString();
        FakeCatalogApi.registerDirectPackage(packageId, policyId, "Finance app");
        ObjectNode resource = FakeCatalogApi.registered(packageId).putArray("resourceAttributes").addObject()
                .put("resourceId", UUID.randomUUID().toString()).put("displayName", "Finance app");
        ObjectNode department = resource.putArray("attributes").addObject();
        department.put("name", "department").put("isEditable", true).put("isPersistedOnAssignmentRemoval", false)
                .putObject("destination").put("@odata.type", "#microsoft.graph.accessPackageUserDirectoryAttributeStore");
        department.putObject("source").put("@odata.type", "#microsoft.graph.accessPackageResourceAttributeQuestion")
                .putObject("question").put("@odata.type", "#microsoft.graph.accessPackageTextInputQuestion")
                .put("id", "q-dept").put("text", "Your department?").put("isRequired", false)
                .put("isSingleLineQuestion", true).put("regexPattern", "[A-Z][a-z]+");
        ObjectNode title = ((com.fasterxml.jackson.databind.node.ArrayNode) resource.path("attributes")).addObject();
        title.put("name", "jobTitle").put("isPersistedOnAssignmentRemoval", true)
                .putObject("destination").put("@odata.type", "#microsoft.graph.accessPackageUserDirectoryAttributeStore");
        ObjectNode question = title.putObject("source")
                .put("@odata.type", "#microsoft.graph.accessPackageResourceAttributeQuestion")
                .putObject("question").put("@odata.type", "#microsoft.graph.accessPackageMultipleChoiceQuestion")
                .put("id", "q-title").put("text", "Your role?");
        question.putArray("choices").addObject().put("actualValue", "Analyst").put("text", "Analyst");
        return new String[] {packageId, policyId};
    }

    static String answer(String questionId, String value) {
        return "{\"@odata.type\":\"#microsoft.graph.accessPackageAnswerString\",\"value\":\"" + value
                + "\",\"answeredQuestion\":{\"id\":\"" + questionId + "\"}}";
    }

    private ValidatableResponse adminAdd(String[] ids, String target, String... answers) {
        return given().auth().oauth2(admin).contentType(ContentType.JSON).body("""
                {"requestType":"adminAdd","assignment":{"targetId":"%s","assignmentPolicyId":"%s","accessPackageId":"%s"},
                 "answers":[%s]}""".formatted(target, ids[1], ids[0], String.join(",", answers)))
                .when().post(EM + "/assignmentRequests").then();
    }

    @Test
    void everyAttributeMustBeAnsweredValidlyAndNothingIsCreatedUntilItIs() {
        String[] ids = packageWithAttributes();
        String user = UUID.randomUUID().toString();
        FakeDirectoryApi.user(user, "Member");

        adminAdd(ids, user).statusCode(400).body("error.target", equalTo("answers"))
                .body("error.message", containsString("Attribute 'department' of resource 'Finance app'"));
        adminAdd(ids, user, answer("q-dept", "Finance")).statusCode(400)
                .body("error.message", containsString("Attribute 'jobTitle'"));
        adminAdd(ids, user, answer("q-dept", "finance!"), answer("q-title", "Analyst")).statusCode(400)
                .body("error.message", containsString("Attribute 'department'"))
                .body("error.message", containsString("expected format"));
        adminAdd(ids, user, answer("q-dept", "Finance"), answer("q-title", "Boss")).statusCode(400)
                .body("error.message", containsString("Attribute 'jobTitle'"))
                .body("error.message", containsString("not a choice"));
        adminAdd(ids, user, answer("q-dept", "F" + "x".repeat(70)), answer("q-title", "Analyst")).statusCode(400)
                .body("error.message", containsString("at most 64 characters"));
        given().auth().oauth2(admin).queryParam("$filter", "accessPackage/id eq '" + ids[0] + "'")
                .when().get(EM + "/assignments").then().statusCode(200).body("value", hasSize(0));
    }

    @Test
    void theAnswersTravelWithTheGrantAndItsRemoval() throws Exception {
        String[] ids = packageWithAttributes();
        String user = UUID.randomUUID().toString();
        FakeDirectoryApi.user(user, "Member");
        String requestId = adminAdd(ids, user, answer("q-dept", "Finance"), answer("q-title", "Analyst"))
                .statusCode(201).body("answers", hasSize(2)).extract().path("id");
        String assignmentId = given().auth().oauth2(admin).queryParam("$expand", "assignment")
                .when().get(EM + "/assignmentRequests/" + requestId).then().statusCode(200)
                .extract().path("assignment.id");

        JsonNode granted = MAPPER.readTree(TestEvents.awaitEvent(Topics.ASSIGNMENT_EVENTS,
                EventTypes.ASSIGNMENT_GRANTED, assignmentId).value());
        assertEquals("department", granted.path("attributes").get(0).path("name").asText());
        assertEquals("Finance", granted.path("attributes").get(0).path("value").asText());
        assertEquals(false, granted.path("attributes").get(0).path("persistedOnRemoval").asBoolean());
        assertEquals("jobTitle", granted.path("attributes").get(1).path("name").asText());
        assertEquals(true, granted.path("attributes").get(1).path("persistedOnRemoval").asBoolean());

        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body("{\"requestType\":\"adminRemove\",\"assignment\":{\"id\":\"" + assignmentId + "\"}}")
                .when().post(EM + "/assignmentRequests").then().statusCode(201);
        JsonNode removed = MAPPER.readTree(TestEvents.awaitEvent(Topics.ASSIGNMENT_EVENTS,
                EventTypes.ASSIGNMENT_REMOVED, assignmentId).value());
        assertEquals(2, removed.path("attributes").size());
        assertEquals("Finance", removed.path("attributes").get(0).path("value").asText());
    }

    @Test
    void bulkAssignmentOfAPackageWithAttributesIsRefused() {
        String[] ids = packageWithAttributes();
        String user = UUID.randomUUID().toString();
        FakeDirectoryApi.user(user, "Member");
        String group = UUID.randomUUID().toString();
        FakeGroupsApi.group(group, user);
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body("{\"accessPackageId\":\"%s\",\"groupId\":\"%s\",\"assignmentPolicyId\":\"%s\"}"
                        .formatted(ids[0], group, ids[1]))
                .when().post(EM + "/assignments/tessera.assignGroupMembers").then().statusCode(400)
                .body("error.code", equalTo("PackageHasAttributes")).body("error.message", containsString("one at a time"));
        given().auth().oauth2(admin).queryParam("$filter", "accessPackage/id eq '" + ids[0] + "'")
                .when().get(EM + "/assignments").then().statusCode(200).body("value", hasSize(0));
    }
}
