package dev.tessera.request.request;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.request.fake.FakeCatalogApi;
import dev.tessera.request.fake.FakeDirectoryApi;
import dev.tessera.testsupport.TesseraInfraResource;
import dev.tessera.testsupport.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A policy's questions must be answered as it asks before anything is granted. */
@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class QuestionsTest {

    static final String EM = "/v1.0/identityGovernance/entitlementManagement";
    static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void aRequiredQuestionMustBeAnsweredInItsFormatAndTheAnswersAreKept() {
        String user = UUID.randomUUID().toString();
        FakeDirectoryApi.user(user, "Member");
        String packageId = UUID.randomUUID().toString();
        String policyId = UUID.randomUUID().toString();
        ObjectNode context = MAPPER.createObjectNode();
        context.putObject("accessPackage").put("id", packageId).put("displayName", "Asks").put("isHidden", false)
                .put("catalogId", UUID.randomUUID().toString());
        ObjectNode policy = context.putArray("policies").addObject();
        policy.put("id", policyId).put("displayName", "Everyone").put("allowedTargetScope", "allMemberUsers");
        policy.putObject("expiration").put("type", "noExpiration");
        policy.putObject("requestorSettings").put("enableTargetsToSelfAddAccess", true);
        policy.putArray("questions").addObject().put("@odata.type", "#microsoft.graph.accessPackageTextInputQuestion")
                .put("id", "q-cost").put("text", "Cost centre?").put("isRequired", true).put("regexPattern", "CC-[0-9]{4}");
        context.putArray("resourceRoles");
        FakeCatalogApi.register(packageId, context);

        String request = """
                {"requestType":"userAdd","assignment":{"targetId":"%s","assignmentPolicyId":"%s","accessPackageId":"%s"}%s}
                """;
        String answers = ",\"answers\":[{\"@odata.type\":\"#microsoft.graph.accessPackageAnswerString\",\"value\":\"%s\","
                + "\"answeredQuestion\":{\"@odata.type\":\"#microsoft.graph.accessPackageTextInputQuestion\",\"id\":\"q-cost\"}}]";
        var asUser = given().auth().oauth2(Tokens.user(user)).contentType(ContentType.JSON);
        asUser.body(request.formatted(user, policyId, packageId, "")).when().post(EM + "/assignmentRequests").then()
                .statusCode(400).body("error.target", equalTo("answers")).body("error.message", containsString("Cost centre?"));
        given().auth().oauth2(Tokens.user(user)).contentType(ContentType.JSON)
                .body(request.formatted(user, policyId, packageId, answers.formatted("1234"))).when().post(EM + "/assignmentRequests")
                .then().statusCode(400).body("error.message", containsString("format"));
        given().auth().oauth2(Tokens.user(user)).when().get(EM + "/assignmentRequests/filterByCurrentUser(on='target')")
                .then().statusCode(200).body("value", hasSize(0));

        given().auth().oauth2(Tokens.user(user)).contentType(ContentType.JSON)
                .body(request.formatted(user, policyId, packageId, answers.formatted("CC-1234"))).when().post(EM + "/assignmentRequests")
                .then().statusCode(201).body("answers[0].value", equalTo("CC-1234"))
                .body("answers[0].answeredQuestion.id", equalTo("q-cost"));
    }
}
