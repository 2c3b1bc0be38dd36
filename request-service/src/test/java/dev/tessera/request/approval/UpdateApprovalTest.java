package dev.tessera.request.approval;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
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

/**
 * A self-extension (userUpdate) under a policy with isApprovalRequiredForUpdate waits for the policy's
 * approval stages; approved, the end (and the expiry) moves; denied, the assignment stays as it was.
 */
@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class UpdateApprovalTest {

    static final String EM = "/v1.0/identityGovernance/entitlementManagement";
    static final String APPROVALS = EM + "/accessPackageAssignmentApprovals";
    static final ObjectMapper MAPPER = new ObjectMapper();

    @Inject
    MutableClock clock;

    final String admin = Tokens.admin(UUID.randomUUID().toString(), "Identity Governance Administrator");
    final String user = newUser();
    final String approver = newUser();

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    static String newUser() {
        String id = UUID.randomUUID().toString();
        FakeDirectoryApi.user(id, "Member");
        return id;
    }

    /** Thirty days; adds need no approval, updates need the approver's. */
    String[] register() {
        String packageId = UUID.randomUUID().toString();
        String policyId = UUID.randomUUID().toString();
        ObjectNode context = MAPPER.createObjectNode();
        context.putObject("accessPackage").put("id", packageId).put("displayName", "Extendable with approval")
                .put("isHidden", false).put("catalogId", UUID.randomUUID().toString());
        ObjectNode policy = context.putArray("policies").addObject();
        policy.put("id", policyId).put("displayName", "Extensions approved").put("allowedTargetScope", "allMemberUsers");
        policy.putObject("expiration").put("type", "afterDuration").put("duration", "P30D");
        policy.putObject("requestorSettings").put("enableTargetsToSelfAddAccess", true)
                .put("enableTargetsToSelfUpdateAccess", true).put("allowCustomAssignmentSchedule", true);
        ObjectNode approval = policy.putObject("requestApprovalSettings").put("isApprovalRequiredForAdd", false)
                .put("isApprovalRequiredForUpdate", true);
        approval.putArray("stages").addObject().put("durationBeforeAutomaticDenial", "P2D")
                .putArray("primaryApprovers").addObject().put("@odata.type", "#microsoft.graph.singleUser")
                .put("userId", approver);
        context.putArray("resourceRoles");
        FakeCatalogApi.register(packageId, context);
        return new String[] {packageId, policyId};
    }

    ValidatableResponse post(String token, String body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).when().post(EM + "/assignmentRequests").then();
    }

    String assignment(String[] accessPackage) {
        String request = post(admin, """
                {"requestType":"adminAdd","assignment":{"targetId":"%s","assignmentPolicyId":"%s","accessPackageId":"%s"}}
                """.formatted(user, accessPackage[1], accessPackage[0])).statusCode(201).extract().path("id");
        return given().auth().oauth2(admin).queryParam("$expand", "assignment").when().get(EM + "/assignmentRequests/" + request)
                .then().extract().path("assignment.id");
    }

    String extend(String assignment, String duration) {
        return post(Tokens.user(user), """
                {"requestType":"userUpdate","justification":"project runs longer","assignment":{"id":"%s"},
                 "schedule":{"expiration":{"type":"afterDuration","duration":"%s"}}}""".formatted(assignment, duration))
                .statusCode(201).body("requestType", equalTo("userUpdate"))
                .body("state", equalTo("pendingApproval")).body("status", equalTo("PendingApproval"))
                .extract().path("id");
    }

    String end(String assignment) {
        return given().auth().oauth2(admin).when().get(EM + "/assignments/" + assignment).then().statusCode(200)
                .extract().path("schedule.expiration.endDateTime");
    }

    String stage(String requestId) {
        return given().auth().oauth2(Tokens.user(approver)).when().get(APPROVALS + "/filterByCurrentUser(on='approver')")
                .then().statusCode(200).body("value.id", hasItem(requestId))
                .extract().path("value.find { it.id == '" + requestId + "' }.stages[0].id");
    }

    ValidatableResponse decide(String requestId, String decision) {
        return given().auth().oauth2(Tokens.user(approver)).contentType(ContentType.JSON)
                .body("{\"reviewResult\":\"" + decision + "\",\"justification\":\"ok\"}")
                .when().patch(APPROVALS + "/" + requestId + "/stages/" + stage(requestId)).then();
    }

    ValidatableResponse request(String requestId) {
        return given().auth().oauth2(admin).when().get(EM + "/assignmentRequests/" + requestId).then().statusCode(200);
    }

    @Test
    void anApprovedExtensionMovesTheEndAndTheExpiryFollows() {
        String assignment = assignment(register());
        String before = end(assignment);

        clock.advance(Duration.ofDays(20));
        String requestId = extend(assignment, "P30D");
        assertEquals(before, end(assignment), "nothing moves while the update waits");
        // one waiting update per assignment
        post(Tokens.user(user), """
                {"requestType":"userUpdate","assignment":{"id":"%s"},"justification":"again",
                 "schedule":{"expiration":{"type":"afterDuration","duration":"P10D"}}}""".formatted(assignment))
                .statusCode(409);

        clock.advance(Duration.ofDays(1));
        decide(requestId, "Approve").statusCode(204);
        request(requestId).body("state", equalTo("delivered")).body("status", equalTo("Delivered"));
        Instant moved = Instant.parse(end(assignment));
        assertTrue(moved.isAfter(clock.instant().plus(Duration.ofDays(29))), "moved to " + moved);

        // the old end (day 30) passes and the assignment stays; the new one (day 51) ends it
        clock.advance(Duration.ofDays(10));
        given().auth().oauth2(admin).when().get(EM + "/assignments/" + assignment).then().body("state", equalTo("delivering"));
        clock.advance(Duration.ofDays(21));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().auth().oauth2(admin)
                .when().get(EM + "/assignments/" + assignment).then().body("state", equalTo("expired")));
    }

    @Test
    void aDeniedExtensionLeavesTheAssignmentAsItWas() {
        String assignment = assignment(register());
        String before = end(assignment);
        clock.advance(Duration.ofDays(20));
        String requestId = extend(assignment, "P30D");
        decide(requestId, "Deny").statusCode(204);
        request(requestId).body("state", equalTo("denied")).body("'@tessera.deliveryTrace'.reason", containsString("Denied"));
        assertEquals(before, end(assignment));

        // the original end still ends it
        clock.advance(Duration.ofDays(11));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().auth().oauth2(admin)
                .when().get(EM + "/assignments/" + assignment).then().body("state", equalTo("expired")));
    }
}
