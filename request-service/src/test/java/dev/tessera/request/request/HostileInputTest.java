package dev.tessera.request.request;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

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
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Issue 15 items 2, 5 and 7 in request-service: a policy's catastrophic {@code regexPattern} cannot hold
 * an event-loop thread; NUL characters in bodies, paths, filters and skip tokens, and bodies Graph would
 * not read, are 400 Graph errors naming what is wrong, and nothing is written.
 */
@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class HostileInputTest {

    static final String EM = "/v1.0/identityGovernance/entitlementManagement";
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final String REQUEST = """
            {"requestType":"userAdd","assignment":{"targetId":"%s","assignmentPolicyId":"%s","accessPackageId":"%s"}%s}
            """;

    record Package(String user, String packageId, String policyId) {
        RequestSpecification asUser() {
            return given().auth().oauth2(Tokens.user(user)).contentType(ContentType.JSON);
        }

        String request(String extra) {
            return REQUEST.formatted(user, policyId, packageId, extra);
        }

        void nothingRequested() {
            given().auth().oauth2(Tokens.user(user)).when().get(EM + "/assignmentRequests/filterByCurrentUser(on='target')")
                    .then().statusCode(200).body("value", hasSize(0));
        }
    }

    static Package packageAsking(String regexPattern) {
        String user = UUID.randomUUID().toString();
        FakeDirectoryApi.user(user, "Member");
        String packageId = UUID.randomUUID().toString();
        String policyId = UUID.randomUUID().toString();
        ObjectNode context = MAPPER.createObjectNode();
        context.putObject("accessPackage").put("id", packageId).put("displayName", "Hostile").put("isHidden", false)
                .put("catalogId", UUID.randomUUID().toString());
        ObjectNode policy = context.putArray("policies").addObject();
        policy.put("id", policyId).put("displayName", "Everyone").put("allowedTargetScope", "allMemberUsers");
        policy.putObject("expiration").put("type", "noExpiration");
        policy.putObject("requestorSettings").put("enableTargetsToSelfAddAccess", true)
                .put("allowCustomAssignmentSchedule", true);
        policy.putArray("questions").addObject().put("@odata.type", "#microsoft.graph.accessPackageTextInputQuestion")
                .put("id", "q-evil").put("text", "Evil?").put("isRequired", true).put("regexPattern", regexPattern);
        context.putArray("resourceRoles");
        FakeCatalogApi.register(packageId, context);
        return new Package(user, packageId, policyId);
    }

    static String answer(String value) {
        return ",\"answers\":[{\"@odata.type\":\"#microsoft.graph.accessPackageAnswerString\",\"value\":\"" + value
                + "\",\"answeredQuestion\":{\"id\":\"q-evil\"}}]";
    }

    /** Before: java.util.regex on the event loop, 5 s for 26 characters, about a day for 40. */
    @Test
    void aCatastrophicPatternAndALongAnswerAreAnsweredPromptly() {
        Package p = packageAsking("((a+)+)+");
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> p.asUser()
                .body(p.request(answer("a".repeat(2_000) + "b"))).when().post(EM + "/assignmentRequests")
                .then().statusCode(400).body("error.target", equalTo("answers"))
                .body("error.message", containsString("expected format")));
        p.nothingRequested();
    }

    @Test
    void aNulInABodyAPathAFilterOrASkipTokenIsRefused() {
        Package p = packageAsking("[a-z]+");
        p.asUser().body(p.request(answer("abc") + ",\"justification\":\"because\\u0000\""))
                .when().post(EM + "/assignmentRequests").then().statusCode(400)
                .header("Content-Type", startsWith("application/json"))
                .body("error.target", equalTo("justification"))
                .body("error.message", containsString("control character"));
        p.asUser().body(p.request(answer("ab\\u0000c"))).when().post(EM + "/assignmentRequests").then()
                .statusCode(400).body("error.target", equalTo("answers[0].value"));
        p.nothingRequested();

        String admin = Tokens.admin(UUID.randomUUID().toString(), "Identity Governance Administrator");
        given().auth().oauth2(admin).urlEncodingEnabled(false).when().get(EM + "/assignmentRequests/%00")
                .then().statusCode(400).body("error.target", equalTo("id"));
        given().auth().oauth2(admin).urlEncodingEnabled(false).when().get(EM + "/assignments/%00")
                .then().statusCode(400).body("error.target", equalTo("id"));
        given().auth().oauth2(admin).queryParam("$filter", "state eq 'a\u0000'")
                .when().get(EM + "/assignments").then().statusCode(400).body("error.target", equalTo("$filter"));
        String forged = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("k1:\u0000".getBytes(StandardCharsets.UTF_8));
        given().auth().oauth2(admin).queryParam("$skiptoken", forged).when().get(EM + "/assignmentRequests")
                .then().statusCode(400).body("error.message", equalTo("Invalid $skiptoken."));
    }

    /** Issue 15, item 7: an unknown or too deep $expand, a $skiptoken this list did not issue, a body that is not JSON. */
    @Test
    void unknownExpandsForeignSkipTokensAndNonJsonBodiesAreRefused() {
        String admin = Tokens.admin(UUID.randomUUID().toString(), "Identity Governance Administrator");
        given().auth().oauth2(admin).queryParam("$expand", "assignment,approval").when().get(EM + "/assignmentRequests")
                .then().statusCode(400).body("error.code", equalTo("invalidRequest"))
                .body("error.message", containsString("'approval'"));
        given().auth().oauth2(admin).queryParam("$expand", "target($expand=a($expand=b($expand=c)))")
                .when().get(EM + "/assignments").then().statusCode(400)
                .body("error.message", containsString("nested more than 3 levels"));
        given().auth().oauth2(admin).queryParam("$expand", "accessPackage,assignmentPolicy,target")
                .when().get(EM + "/assignments").then().statusCode(200);
        given().auth().oauth2(admin).queryParam("$skiptoken", dev.tessera.platform.graph.PageToken.encode(
                UUID.randomUUID().toString())).when().get(EM + "/assignments")
                .then().statusCode(400).body("error.message", equalTo("Invalid $skiptoken."));
        given().auth().oauth2(admin).queryParam("$skiptoken", "not a token").when().get(EM + "/assignmentRequests")
                .then().statusCode(400).body("error.message", equalTo("Invalid $skiptoken."));

        Package p = packageAsking("[a-z]+");
        p.asUser().contentType("text/plain").body(p.request(answer("abc"))).when().post(EM + "/assignmentRequests")
                .then().statusCode(415).body("error.code", equalTo("UnsupportedMediaType"));
        p.asUser().header("Content-Encoding", "gzip").body(p.request(answer("abc"))).when()
                .post(EM + "/assignmentRequests").then().statusCode(415).body("error.code", equalTo("UnsupportedMediaType"));
        p.nothingRequested();
    }

    @Test
    void bodiesGraphWouldNotReadAreRefused() {
        Package p = packageAsking("[a-z]+");
        p.asUser().body(p.request(answer("abc")) + p.request(answer("abc"))).when().post(EM + "/assignmentRequests")
                .then().statusCode(400).body("error.code", equalTo("BadRequest"));
        p.asUser().body(REQUEST.formatted(p.user(), p.policyId(), p.packageId(), answer("abc")).replace(
                        "\"requestType\":\"userAdd\"", "\"requestType\":1"))
                .when().post(EM + "/assignmentRequests").then().statusCode(400)
                .body("error.target", equalTo("requestType"));
        p.asUser().body(p.request(answer("abc") + ",\"justification\":42")).when().post(EM + "/assignmentRequests")
                .then().statusCode(400).body("error.target", equalTo("justification"));
        p.asUser().body(p.request(answer("abc") + ",\"schedule\":{\"startDateTime\":\"10000-01-01T00:00:00Z\"}"))
                .when().post(EM + "/assignmentRequests").then().statusCode(400)
                .body("error.target", equalTo("schedule.startDateTime"));
        p.asUser().body(p.request(answer("abc") + ",\"schedule\":{\"expiration\":{\"type\":\"afterDuration\","
                        + "\"duration\":\"P99999Y\"}}"))
                .when().post(EM + "/assignmentRequests").then().statusCode(400)
                .body("error.target", containsString("duration"));
        p.nothingRequested();
    }
}
