package dev.tessera.request.request;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.request.fake.FakeCatalogApi;
import dev.tessera.request.fake.FakeDirectoryApi;
import dev.tessera.testsupport.MutableClock;
import dev.tessera.testsupport.TesseraInfraResource;
import dev.tessera.testsupport.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** userUpdate and adminUpdate: a new end within the policy, and the expiry follows it. */
@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class UpdateTest {

    static final String EM = "/v1.0/identityGovernance/entitlementManagement";
    static final ObjectMapper MAPPER = new ObjectMapper();

    @Inject
    MutableClock clock;

    final String admin = Tokens.admin(UUID.randomUUID().toString(), "Identity Governance Administrator");

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    String[] register(boolean selfUpdate) {
        String packageId = UUID.randomUUID().toString();
        String policyId = UUID.randomUUID().toString();
        ObjectNode context = MAPPER.createObjectNode();
        context.putObject("accessPackage").put("id", packageId).put("displayName", "Extendable").put("isHidden", false)
                .put("catalogId", UUID.randomUUID().toString());
        ObjectNode policy = context.putArray("policies").addObject();
        policy.put("id", policyId).put("displayName", "Thirty days").put("allowedTargetScope", "allMemberUsers");
        policy.putObject("expiration").put("type", "afterDuration").put("duration", "P30D");
        policy.putObject("requestorSettings").put("enableTargetsToSelfAddAccess", true)
                .put("enableTargetsToSelfUpdateAccess", selfUpdate).put("allowCustomAssignmentSchedule", true);
        context.putArray("resourceRoles");
        FakeCatalogApi.register(packageId, context);
        return new String[] {packageId, policyId};
    }

    ValidatableResponse post(String token, String body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).when().post(EM + "/assignmentRequests").then();
    }

    String assignmentFor(String user, String[] accessPackage) {
        String request = post(admin, """
                {"requestType":"adminAdd","assignment":{"targetId":"%s","assignmentPolicyId":"%s","accessPackageId":"%s"}}
                """.formatted(user, accessPackage[1], accessPackage[0])).statusCode(201).extract().path("id");
        return given().auth().oauth2(admin).queryParam("$expand", "assignment").when().get(EM + "/assignmentRequests/" + request)
                .then().extract().path("assignment.id");
    }

    static String update(String type, String assignment, String duration) {
        return """
                {"requestType":"%s","justification":"project runs longer","assignment":{"id":"%s"},
                 "schedule":{"expiration":{"type":"afterDuration","duration":"%s"}}}""".formatted(type, assignment, duration);
    }

    @Test
    void theTargetExtendsWithinThePolicyAndTheExpiryFollows() {
        String user = UUID.randomUUID().toString();
        FakeDirectoryApi.user(user, "Member");
        String assignment = assignmentFor(user, register(true));

        clock.advance(Duration.ofDays(20));
        post(Tokens.user(user), update("userUpdate", assignment, "P30D")).statusCode(201)
                .body("requestType", equalTo("userUpdate")).body("state", equalTo("delivered"));
        String end = given().auth().oauth2(admin).when().get(EM + "/assignments/" + assignment).then().statusCode(200)
                .extract().path("schedule.expiration.endDateTime");
        assertTrue(Instant.parse(end).isAfter(clock.instant().plus(Duration.ofDays(29))), "moved to " + end);

        post(Tokens.user(user), update("userUpdate", assignment, "P45D")).statusCode(400)
                .body("error.message", containsString("longer than policy"));
        post(Tokens.user(UUID.randomUUID().toString()), update("userUpdate", assignment, "P10D")).statusCode(403);
        post(Tokens.user(user), update("adminUpdate", assignment, "P10D")).statusCode(403);

        // the old end (day 30) passes and the assignment stays; the new one (day 50) ends it
        clock.advance(Duration.ofDays(11));
        given().auth().oauth2(admin).when().get(EM + "/assignments/" + assignment).then().body("state", equalTo("delivering"));
        clock.advance(Duration.ofDays(20));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().auth().oauth2(admin)
                .when().get(EM + "/assignments/" + assignment).then().body("state", equalTo("expired")));
        post(admin, update("adminUpdate", assignment, "P10D")).statusCode(400).body("error.message", containsString("ended"));
    }

    @Test
    void aPolicyWithoutSelfUpdateLeavesItToAnAdministrator() {
        String user = UUID.randomUUID().toString();
        FakeDirectoryApi.user(user, "Member");
        String assignment = assignmentFor(user, register(false));
        post(Tokens.user(user), update("userUpdate", assignment, "P10D")).statusCode(403);
        post(admin, update("adminUpdate", assignment, "P10D")).statusCode(201).body("requestType", equalTo("adminUpdate"));
    }
}
