package dev.tessera.request.approval;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

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
import io.restassured.response.ValidatableResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Separation of duties at approval: a request waiting for approval whose target meanwhile gained an
 * incompatible package or group is denied when its last stage approves, with the conflict as the reason,
 * and nothing is granted.
 */
@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class ApprovalRecheckTest {

    static final String EM = "/v1.0/identityGovernance/entitlementManagement";
    static final String APPROVALS = EM + "/accessPackageAssignmentApprovals";
    static final ObjectMapper MAPPER = new ObjectMapper();

    final String admin = Tokens.admin(UUID.randomUUID().toString(), "Identity Governance Administrator");
    final String approver = UUID.randomUUID().toString();

    /** A package anyone may ask for; with {@code approval}, the approver decides one stage. */
    String[] register(String name, boolean approval, String[] incompatiblePackage, String[] incompatibleGroup) {
        String packageId = UUID.randomUUID().toString();
        String policyId = UUID.randomUUID().toString();
        ObjectNode context = MAPPER.createObjectNode();
        context.putObject("accessPackage").put("id", packageId).put("displayName", name).put("isHidden", false)
                .put("catalogId", UUID.randomUUID().toString());
        ObjectNode policy = context.putArray("policies").addObject();
        policy.put("id", policyId).put("displayName", "Members").put("allowedTargetScope", "allMemberUsers");
        policy.putObject("expiration").put("type", "noExpiration");
        policy.putObject("requestorSettings").put("enableTargetsToSelfAddAccess", true);
        ObjectNode settings = policy.putObject("requestApprovalSettings").put("isApprovalRequiredForAdd", approval);
        if (approval) {
            settings.putArray("stages").addObject().put("durationBeforeAutomaticDenial", "P2D")
                    .putArray("primaryApprovers").addObject().put("@odata.type", "#microsoft.graph.singleUser")
                    .put("userId", approver);
        }
        context.putArray("resourceRoles");
        ObjectNode incompatible = context.putObject("incompatible");
        var packages = incompatible.putArray("accessPackages");
        if (incompatiblePackage != null) {
            packages.addObject().put("id", incompatiblePackage[0]).put("displayName", incompatiblePackage[1]);
        }
        var groups = incompatible.putArray("groups");
        if (incompatibleGroup != null) {
            groups.addObject().put("id", incompatibleGroup[0]).put("displayName", incompatibleGroup[1]);
        }
        FakeCatalogApi.register(packageId, context);
        return new String[] {packageId, policyId};
    }

    ValidatableResponse ask(String token, String type, String target, String[] accessPackage) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body("""
                {"requestType":"%s","justification":"needed","assignment":{"targetId":"%s","assignmentPolicyId":"%s","accessPackageId":"%s"}}
                """.formatted(type, target, accessPackage[1], accessPackage[0]))
                .when().post(EM + "/assignmentRequests").then();
    }

    ValidatableResponse approve(String requestId) {
        String stage = given().auth().oauth2(Tokens.user(approver)).when().get(APPROVALS + "/filterByCurrentUser(on='approver')")
                .then().statusCode(200).body("value.id", hasItem(requestId))
                .extract().path("value.find { it.id == '" + requestId + "' }.stages[0].id");
        return given().auth().oauth2(Tokens.user(approver)).contentType(ContentType.JSON)
                .body("{\"reviewResult\":\"Approve\",\"justification\":\"fine\"}")
                .when().patch(APPROVALS + "/" + requestId + "/stages/" + stage).then();
    }

    ValidatableResponse assignmentsOf(String[] accessPackage) {
        return given().auth().oauth2(admin).queryParam("$filter", "accessPackage/id eq '" + accessPackage[0] + "'")
                .when().get(EM + "/assignments").then().statusCode(200);
    }

    @Test
    void anIncompatiblePackageGainedWhileWaitingDeniesTheRequestAtApproval() {
        String alice = UUID.randomUUID().toString();
        FakeDirectoryApi.user(alice, "Member");
        String[] payments = register("Approve payments", false, null, null);
        String[] vendors = register("Create vendors", true, new String[] {payments[0], "Approve payments"}, null);

        String requestId = ask(Tokens.user(alice), "userAdd", alice, vendors).statusCode(201)
                .body("state", equalTo("pendingApproval")).extract().path("id");
        // meanwhile an administrator gives her the conflicting package
        ask(admin, "adminAdd", alice, payments).statusCode(201);

        approve(requestId).statusCode(204);
        given().auth().oauth2(Tokens.user(alice)).queryParam("$expand", "assignment").when()
                .get(EM + "/assignmentRequests/" + requestId).then().statusCode(200)
                .body("state", equalTo("denied")).body("status", equalTo("Denied"))
                .body("assignment", nullValue())
                .body("'@tessera.deliveryTrace'.reason", allOf(containsString("Approve payments"),
                        containsString("incompatible"), containsString("Create vendors")));
        assignmentsOf(vendors).body("value", hasSize(0));
        given().auth().oauth2(admin).when().get(APPROVALS + "/" + requestId).then().statusCode(200)
                .body("stages[0].reviewResult", equalTo("Approved"));
    }

    @Test
    void anIncompatibleGroupJoinedWhileWaitingDeniesTheRequestAtApproval() {
        String bob = UUID.randomUUID().toString();
        String auditors = UUID.randomUUID().toString();
        FakeDirectoryApi.user(bob, "Member");
        String[] vendors = register("Create vendors", true, null, new String[] {auditors, "Auditors"});

        String requestId = ask(Tokens.user(bob), "userAdd", bob, vendors).statusCode(201)
                .body("state", equalTo("pendingApproval")).extract().path("id");
        FakeDirectoryApi.user(bob, "Member", auditors);

        approve(requestId).statusCode(204);
        given().auth().oauth2(admin).when().get(EM + "/assignmentRequests/" + requestId).then().statusCode(200)
                .body("state", equalTo("denied"))
                .body("'@tessera.deliveryTrace'.reason", allOf(containsString("Auditors"), containsString("incompatible")));
        assignmentsOf(vendors).body("value", hasSize(0));
    }

    @Test
    void withoutAConflictTheApprovedRequestIsGranted() {
        String carol = UUID.randomUUID().toString();
        FakeDirectoryApi.user(carol, "Member");
        String[] payments = register("Approve payments", false, null, null);
        String[] vendors = register("Create vendors", true, new String[] {payments[0], "Approve payments"},
                new String[] {UUID.randomUUID().toString(), "Auditors"});
        String requestId = ask(Tokens.user(carol), "userAdd", carol, vendors).statusCode(201).extract().path("id");
        approve(requestId).statusCode(204);
        given().auth().oauth2(admin).when().get(EM + "/assignmentRequests/" + requestId).then().statusCode(200)
                .body("state", equalTo("delivering"));
        assignmentsOf(vendors).body("value", hasSize(1));
    }
}
