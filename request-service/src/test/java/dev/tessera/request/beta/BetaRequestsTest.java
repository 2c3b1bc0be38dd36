package dev.tessera.request.beta;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.platform.messaging.events.EventTypes;
import dev.tessera.platform.messaging.events.Topics;
import dev.tessera.request.fake.FakeCatalogApi;
import dev.tessera.request.fake.FakeDirectoryApi;
import dev.tessera.testsupport.TesseraInfraResource;
import dev.tessera.testsupport.TestEvents;
import dev.tessera.testsupport.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * request-service's beta sets through the beta edge (issue 18, docs/beta.md): the bodies the beta PowerShell
 * module posts, the beta shapes of the answers, one model with v1.0, and v1.0's authorization.
 */
@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class BetaRequestsTest {

    static final String EM = "/identityGovernance/entitlementManagement/";
    static final String BETA_REQUESTS = "/beta" + EM + "accessPackageAssignmentRequests";
    static final String BETA_ASSIGNMENTS = "/beta" + EM + "accessPackageAssignments";
    static final String V1_REQUESTS = "/v1.0" + EM + "assignmentRequests";
    static final String V1_ASSIGNMENTS = "/v1.0" + EM + "assignments";
    static final ObjectMapper MAPPER = new ObjectMapper();

    String alice;
    String adminToken;
    String packageId;
    String policyId;
    String catalogId;

    @BeforeEach
    void marketingPackage() {
        alice = UUID.randomUUID().toString();
        adminToken = Tokens.admin(UUID.randomUUID().toString(), "Identity Governance Administrator");
        packageId = UUID.randomUUID().toString();
        policyId = UUID.randomUUID().toString();
        catalogId = UUID.randomUUID().toString();
        FakeDirectoryApi.user(alice, "Member");
        ObjectNode context = MAPPER.createObjectNode();
        context.putObject("accessPackage").put("id", packageId).put("displayName", "Marketing Campaign")
                .put("isHidden", false).put("catalogId", catalogId);
        ObjectNode policy = context.putArray("policies").addObject();
        policy.put("id", policyId).put("displayName", "Specific users").put("allowedTargetScope", "specificDirectoryUsers");
        policy.putArray("specificAllowedTargets").addObject()
                .put("@odata.type", "#microsoft.graph.singleUser").put("userId", alice);
        policy.putObject("expiration").put("type", "afterDuration").put("duration", "P30D");
        policy.putObject("requestorSettings").put("enableTargetsToSelfAddAccess", true)
                .put("enableTargetsToSelfRemoveAccess", true);
        policy.putObject("requestApprovalSettings").put("isApprovalRequiredForAdd", false);
        FakeCatalogApi.groupMemberRole(context, UUID.randomUUID().toString());
        FakeCatalogApi.register(packageId, context);
    }

    /** New-MgBetaEntitlementManagementAccessPackageAssignmentRequest -RequestType 'UserAdd' -AccessPackageId … */
    String betaUserAdd() {
        return given().auth().oauth2(Tokens.user(alice)).contentType(ContentType.JSON).body("""
                {"requestType":"UserAdd","accessPackageId":"%s","assignmentPolicyId":"%s","targetId":"%s"}
                """.formatted(packageId, policyId, alice))
                .when().post(BETA_REQUESTS)
                .then().statusCode(201)
                .body("'@odata.context'", endsWith("/beta/$metadata#identityGovernance/entitlementManagement/"
                        + "accessPackageAssignmentRequests/$entity"))
                .body("requestType", equalTo("UserAdd"))
                .body("requestState", equalTo("Submitted"))
                .body("requestStatus", equalTo("Accepted"))
                .body("isValidationOnly", equalTo(false))
                .body("completedDate", nullValue())
                .body("createdDateTime", notNullValue())
                .body("state", nullValue())
                .extract().path("id");
    }

    String assignmentOf(String requestId) {
        return given().auth().oauth2(Tokens.user(alice)).queryParam("$expand", "assignment")
                .when().get(V1_REQUESTS + "/" + requestId)
                .then().statusCode(200).extract().path("assignment.id");
    }

    void reportDelivery(String assignmentId, String requestId, String operation, String outcome) {
        String payload = """
                {"assignmentId":"%s","requestId":"%s","operation":"%s","outcome":"%s","completedDateTime":"2026-11-22T10:00:00Z",
                 "roles":[{"roleId":"%s","roleDisplayName":"Member","status":"%s","error":null}]}
                """.formatted(assignmentId, requestId, operation, outcome, UUID.randomUUID(),
                "removed".equals(outcome) ? "removed" : "delivered");
        TestEvents.publish(Topics.DELIVERY_EVENTS, EventTypes.DELIVERY_REPORTED, assignmentId, payload,
                UUID.randomUUID().toString());
    }

    @Test
    void theTutorialsUserAddIsReadBackInV1AndDeliveredInBeta() {
        String requestId = betaUserAdd();
        given().auth().oauth2(Tokens.user(alice)).when().get(V1_REQUESTS + "/" + requestId)
                .then().statusCode(200).body("requestType", equalTo("userAdd")).body("state", equalTo("submitted"));

        String assignmentId = assignmentOf(requestId);
        reportDelivery(assignmentId, requestId, "grant", "delivered");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().auth().oauth2(adminToken)
                .queryParam("$expand", "accessPackageAssignment,accessPackage")
                .when().get(BETA_REQUESTS + "/" + requestId)
                .then().statusCode(200)
                .body("requestState", equalTo("Delivered"))
                .body("requestStatus", equalTo("Fulfilled"))
                .body("completedDate", notNullValue())
                .body("requestType", equalTo("UserAdd"))
                .body("accessPackageAssignment.id", equalTo(assignmentId))
                .body("accessPackage.id", equalTo(packageId))
                .body("'@odata.context'", endsWith("/beta/$metadata#identityGovernance/entitlementManagement/"
                        + "accessPackageAssignmentRequests/$entity")));

        // Get-MgBetaEntitlementManagementAccessPackageAssignment -Filter "(AccessPackageAssignmentPolicy/Id eq '…')"
        given().auth().oauth2(adminToken)
                .queryParam("$filter", "(AccessPackageAssignmentPolicy/Id eq '" + policyId + "')")
                .when().get(BETA_ASSIGNMENTS)
                .then().statusCode(200)
                .body("'@odata.context'", endsWith("/beta/$metadata#identityGovernance/entitlementManagement/"
                        + "accessPackageAssignments"))
                .body("value", hasSize(1))
                .body("value[0].id", equalTo(assignmentId))
                .body("value[0].accessPackageId", equalTo(packageId))
                .body("value[0].assignmentPolicyId", equalTo(policyId))
                .body("value[0].catalogId", equalTo(catalogId))
                .body("value[0].targetId", equalTo(alice))
                .body("value[0].assignmentState", equalTo("Delivered"))
                .body("value[0].assignmentStatus", equalTo("Delivered"))
                .body("value[0].isExtended", equalTo(false))
                .body("value[0].expiredDateTime", nullValue())
                .body("value[0].schedule.expiration.duration", equalTo("P30D"))
                .body("value[0].state", nullValue())
                // navigation the edge expanded only to read the keys is not shown unless asked
                .body("value[0].target", nullValue())
                .body("value[0].accessPackageAssignmentPolicy", nullValue());
        given().auth().oauth2(adminToken).queryParam("$expand", "target,accessPackageAssignmentPolicy")
                .when().get(BETA_ASSIGNMENTS + "/" + assignmentId)
                .then().statusCode(200)
                .body("targetId", equalTo(alice))
                .body("target.objectId", equalTo(alice))
                .body("accessPackageAssignmentPolicy.id", equalTo(policyId))
                .body("accessPackage", nullValue());

        // the module's AdminRemove parameter set
        String removal = given().auth().oauth2(adminToken).contentType(ContentType.JSON)
                .body("{\"requestType\":\"AdminRemove\",\"accessPackageAssignmentId\":\"" + assignmentId + "\"}")
                .when().post(BETA_REQUESTS)
                .then().statusCode(201)
                .body("requestType", equalTo("AdminRemove"))
                .body("requestState", equalTo("Submitted"))
                .body("requestStatus", equalTo("Accepted"))
                .extract().path("id");
        given().auth().oauth2(adminToken).when().get(V1_REQUESTS + "/" + removal)
                .then().statusCode(200).body("requestType", equalTo("adminRemove"));
        TestEvents.awaitEvent(Topics.ASSIGNMENT_EVENTS, EventTypes.ASSIGNMENT_REMOVED, assignmentId);
        reportDelivery(assignmentId, removal, "remove", "removed");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().auth().oauth2(adminToken)
                .when().get(BETA_ASSIGNMENTS + "/" + assignmentId)
                .then().statusCode(200).body("assignmentState", equalTo("Expired"))
                .body("expiredDateTime", equalTo("2026-11-22T10:00:00Z")));
    }

    @Test
    void aV1AdminAddIsABetaRequestAndTheBetaResourcesOwnBodyWorksToo() {
        String v1 = given().auth().oauth2(adminToken).contentType(ContentType.JSON).body("""
                {"requestType":"adminAdd","assignment":{"targetId":"%s","assignmentPolicyId":"%s","accessPackageId":"%s"}}
                """.formatted(alice, policyId, packageId))
                .when().post(V1_REQUESTS).then().statusCode(201).extract().path("id");
        given().auth().oauth2(adminToken).when().get(BETA_REQUESTS + "/" + v1)
                .then().statusCode(200).body("requestType", equalTo("AdminAdd")).body("id", equalTo(v1));
        given().auth().oauth2(adminToken)
                .queryParam("$filter", "requestType eq 'AdminAdd' and accessPackage/id eq '" + packageId + "'")
                .when().get(BETA_REQUESTS)
                .then().statusCode(200).body("value", hasSize(1)).body("value[0].id", equalTo(v1))
                .body("value[0].requestType", equalTo("AdminAdd"));
        String assignmentId = given().auth().oauth2(adminToken).queryParam("$expand", "assignment")
                .when().get(V1_REQUESTS + "/" + v1).then().extract().path("assignment.id");

        // the beta resource's own body: remove with accessPackageAssignment:{id}
        String removal = given().auth().oauth2(adminToken).contentType(ContentType.JSON).body("""
                {"requestType":"AdminRemove","justification":"project over",
                 "accessPackageAssignment":{"id":"%s"}}""".formatted(assignmentId))
                .when().post(BETA_REQUESTS).then().statusCode(201)
                .body("requestType", equalTo("AdminRemove")).body("justification", equalTo("project over"))
                .extract().path("id");
        given().auth().oauth2(adminToken).when().get(V1_REQUESTS + "/" + removal)
                .then().statusCode(200).body("requestType", equalTo("adminRemove"))
                .body("justification", equalTo("project over"));
    }

    @Test
    void authorizationAndErrorsAreV1s() {
        String stranger = Tokens.user(UUID.randomUUID().toString());
        String adminAdd = """
                {"requestType":"%s","accessPackageId":"%s","assignmentPolicyId":"%s","targetId":"%s"}""";
        Response v1 = given().auth().oauth2(stranger).contentType(ContentType.JSON)
                .body("{\"requestType\":\"adminAdd\",\"assignment\":{\"accessPackageId\":\"" + packageId
                        + "\",\"assignmentPolicyId\":\"" + policyId + "\",\"targetId\":\"" + alice + "\"}}")
                .when().post(V1_REQUESTS);
        Response beta = given().auth().oauth2(stranger).contentType(ContentType.JSON)
                .body(adminAdd.formatted("AdminAdd", packageId, policyId, alice))
                .when().post(BETA_REQUESTS);
        assertEquals(v1.statusCode(), beta.statusCode());
        assertEquals(v1.path("error.code").toString(), beta.path("error.code").toString());

        // no token: v1.0's 401
        assertEquals(given().when().get(V1_ASSIGNMENTS).statusCode(), given().when().get(BETA_ASSIGNMENTS).statusCode());
        // a stranger sees none of alice's assignments in either version
        betaUserAdd();
        given().auth().oauth2(stranger).queryParam("$filter", "accessPackageId eq '" + packageId + "'")
                .when().get(BETA_ASSIGNMENTS).then().statusCode(200).body("value", hasSize(0));
        // a request type v1.0 does not know is v1.0's 400
        given().auth().oauth2(adminToken).contentType(ContentType.JSON)
                .body(adminAdd.formatted("Bogus", packageId, policyId, alice))
                .when().post(BETA_REQUESTS).then().statusCode(400).body("error.code", notNullValue());
    }
}
