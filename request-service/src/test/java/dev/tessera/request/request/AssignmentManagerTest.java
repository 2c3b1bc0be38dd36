package dev.tessera.request.request;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.request.fake.FakeCatalogApi;
import dev.tessera.request.fake.FakeDirectoryApi;
import dev.tessera.request.fake.FakeManagedPackagesApi;
import dev.tessera.testsupport.TesseraInfraResource;
import dev.tessera.testsupport.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The role boundaries of admin requests: an assignment manager (or Access package manager, Catalog
 * owner — catalog-service answers which packages) acts on their catalogs' packages only, without
 * bypassing approval; a requestor may not act as one; an administrator may do all.
 */
@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class AssignmentManagerTest {

    static final String EM = "/v1.0/identityGovernance/entitlementManagement";
    static final ObjectMapper MAPPER = new ObjectMapper();

    String manager;
    String target;
    String approver;
    String packageA;
    String policyA;
    String approvalPolicyA;
    String packageB;
    String policyB;

    @BeforeEach
    void packagesInTwoCatalogs() {
        manager = UUID.randomUUID().toString();
        target = UUID.randomUUID().toString();
        approver = UUID.randomUUID().toString();
        FakeDirectoryApi.user(target, "Member");
        FakeDirectoryApi.user(approver, "Member");
        packageA = UUID.randomUUID().toString();
        policyA = UUID.randomUUID().toString();
        approvalPolicyA = UUID.randomUUID().toString();
        packageB = UUID.randomUUID().toString();
        policyB = UUID.randomUUID().toString();
        register(packageA, policyA, approvalPolicyA);
        register(packageB, policyB, null);
        FakeManagedPackagesApi.manages(manager, packageA);
    }

    /** A package with a direct-assignment policy and, when given, a policy whose adds need approval. */
    void register(String packageId, String policyId, String approvalPolicyId) {
        ObjectNode context = MAPPER.createObjectNode();
        context.putObject("accessPackage").put("id", packageId).put("displayName", "Package " + packageId)
                .put("isHidden", false).put("catalogId", UUID.randomUUID().toString());
        ObjectNode policy = context.putArray("policies").addObject();
        policy.put("id", policyId).put("displayName", "Direct").put("allowedTargetScope", "notSpecified");
        policy.putObject("expiration").put("type", "afterDuration").put("duration", "P30D");
        policy.putObject("requestApprovalSettings").put("isApprovalRequiredForAdd", false);
        if (approvalPolicyId != null) {
            ObjectNode withApproval = ((com.fasterxml.jackson.databind.node.ArrayNode) context.get("policies")).addObject();
            withApproval.put("id", approvalPolicyId).put("displayName", "Approved").put("allowedTargetScope", "notSpecified");
            withApproval.putObject("expiration").put("type", "afterDuration").put("duration", "P30D");
            ObjectNode stage = withApproval.putObject("requestApprovalSettings").put("isApprovalRequiredForAdd", true)
                    .putArray("stages").addObject().put("durationBeforeAutomaticDenial", "P2D");
            stage.putArray("primaryApprovers").addObject().put("@odata.type", "#microsoft.graph.singleUser")
                    .put("userId", approver);
        }
        context.putArray("resourceRoles").addObject()
                .put("roleId", UUID.randomUUID().toString()).put("roleDisplayName", "Member")
                .put("roleOriginId", "Member_x").put("originSystem", "AadGroup")
                .put("resourceId", UUID.randomUUID().toString()).put("resourceOriginId", "x").put("scopeOriginId", "x");
        FakeCatalogApi.register(packageId, context);
    }

    static RequestSpecification as(String userId) {
        return given().auth().oauth2(Tokens.user(userId)).contentType(ContentType.JSON);
    }

    static RequestSpecification asAdmin() {
        return given().auth().oauth2(Tokens.admin(UUID.randomUUID().toString(), "Identity Governance Administrator"))
                .contentType(ContentType.JSON);
    }

    static String adminAdd(String targetId, String packageId, String policyId) {
        return """
                {"requestType":"adminAdd","assignment":{"targetId":"%s","assignmentPolicyId":"%s","accessPackageId":"%s"}}
                """.formatted(targetId, policyId, packageId);
    }

    /** The assignment an admin request created, read as an administrator. */
    static String assignmentOf(String requestId) {
        return asAdmin().queryParam("$expand", "assignment").when().get(EM + "/assignmentRequests/" + requestId)
                .then().statusCode(200).extract().path("assignment.id");
    }

    @Test
    void anAssignmentManagerAssignsInTheirCatalogAndIsRefusedElsewhere() {
        String request = as(manager).body(adminAdd(target, packageA, policyA)).when().post(EM + "/assignmentRequests")
                .then().statusCode(201).body("requestType", equalTo("adminAdd")).extract().path("id");
        as(manager).body(adminAdd(target, packageB, policyB)).when().post(EM + "/assignmentRequests")
                .then().statusCode(403).body("error.code", equalTo("accessDenied"));
        // they read the request and its assignment, and may remove it
        String assignment = assignmentOf(request);
        as(manager).when().get(EM + "/assignmentRequests/" + request).then().statusCode(200);
        as(manager).when().get(EM + "/assignments/" + assignment).then().statusCode(200);
        as(manager).body("{\"requestType\":\"adminRemove\",\"assignment\":{\"id\":\"" + assignment + "\"}}")
                .when().post(EM + "/assignmentRequests").then().statusCode(201);
    }

    @Test
    void anAssignmentManagerCannotTouchAnotherCatalogsAssignments() {
        String requestB = asAdmin().body(adminAdd(target, packageB, policyB)).when().post(EM + "/assignmentRequests")
                .then().statusCode(201).extract().path("id");
        String assignmentB = assignmentOf(requestB);
        as(manager).when().get(EM + "/assignmentRequests/" + requestB).then().statusCode(404);
        as(manager).when().get(EM + "/assignments/" + assignmentB).then().statusCode(404);
        as(manager).body("{\"requestType\":\"adminRemove\",\"assignment\":{\"id\":\"" + assignmentB + "\"}}")
                .when().post(EM + "/assignmentRequests").then().statusCode(403);
        as(manager).body("{\"requestType\":\"adminUpdate\",\"assignment\":{\"id\":\"" + assignmentB + "\"}}")
                .when().post(EM + "/assignmentRequests").then().statusCode(403);
        as(manager).when().post(EM + "/assignmentRequests/" + requestB + "/reprocess").then().statusCode(404);
        as(manager).when().post(EM + "/assignments/" + assignmentB + "/reprocess").then().statusCode(404);
        // still there
        asAdmin().when().get(EM + "/assignments/" + assignmentB).then().statusCode(200).body("state", not(equalTo("expired")));
    }

    @Test
    void listsShowAManagerTheirPackagesAssignmentsAndRequestsOnly() {
        String requestA = asAdmin().body(adminAdd(target, packageA, policyA)).when().post(EM + "/assignmentRequests")
                .then().statusCode(201).extract().path("id");
        String requestB = asAdmin().body(adminAdd(target, packageB, policyB)).when().post(EM + "/assignmentRequests")
                .then().statusCode(201).extract().path("id");
        String assignmentA = assignmentOf(requestA);
        String assignmentB = assignmentOf(requestB);
        as(manager).queryParam("$filter", "target/objectId eq '" + target + "'").when().get(EM + "/assignments")
                .then().statusCode(200).body("value.id", hasItem(assignmentA)).body("value.id", not(hasItem(assignmentB)));
        as(manager).when().get(EM + "/assignmentRequests").then().statusCode(200)
                .body("value.id", hasItem(requestA)).body("value.id", not(hasItem(requestB)));
        String csv = as(manager).when().get(EM + "/assignments/export").then().statusCode(200).extract().asString();
        assertEquals(true, csv.contains(assignmentA));
        assertEquals(false, csv.contains(assignmentB));
        // a requestor without a role sees neither
        String someone = UUID.randomUUID().toString();
        as(someone).when().get(EM + "/assignments").then().statusCode(200)
                .body("value.id", not(hasItem(assignmentA)));
    }

    @Test
    void anAssignmentManagerCannotBypassApprovalButMayCancel() {
        String request = as(manager).body(adminAdd(target, packageA, approvalPolicyA)).when().post(EM + "/assignmentRequests")
                .then().statusCode(201).extract().path("id");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15)).untilAsserted(() ->
                as(manager).when().get(EM + "/assignmentRequests/" + request).then().statusCode(200)
                        .body("state", equalTo("pendingApproval")));
        as(manager).when().get(EM + "/accessPackageAssignmentApprovals/" + request).then().statusCode(200);
        // the manager is not an approver: they cannot decide, only cancel
        as(manager).when().post(EM + "/assignmentRequests/" + request + "/cancel").then().statusCode(204);
        as(manager).when().get(EM + "/assignmentRequests/" + request).then().body("state", equalTo("canceled"));
    }

    @Test
    void aRequestorWithoutARoleCannotMakeAdminRequests() {
        String someone = UUID.randomUUID().toString();
        FakeDirectoryApi.user(someone, "Member");
        as(someone).body(adminAdd(target, packageA, policyA)).when().post(EM + "/assignmentRequests")
                .then().statusCode(403).body("error.code", equalTo("accessDenied"));
    }

    @Test
    void aCatalogReaderReadsTheirCatalogsAssignmentsAndRequestsButCannotAssign() {
        String reader = UUID.randomUUID().toString();
        FakeManagedPackagesApi.reads(reader, packageA);
        String requestA = asAdmin().body(adminAdd(target, packageA, policyA)).when().post(EM + "/assignmentRequests")
                .then().statusCode(201).extract().path("id");
        String requestB = asAdmin().body(adminAdd(target, packageB, policyB)).when().post(EM + "/assignmentRequests")
                .then().statusCode(201).extract().path("id");
        String assignmentA = assignmentOf(requestA);
        String assignmentB = assignmentOf(requestB);
        // catalog A's rows, one by one and in lists (also filtered by package, and the CSV export)
        as(reader).when().get(EM + "/assignmentRequests/" + requestA).then().statusCode(200).body("id", equalTo(requestA));
        as(reader).when().get(EM + "/assignments/" + assignmentA).then().statusCode(200).body("id", equalTo(assignmentA));
        as(reader).queryParam("$filter", "accessPackage/id eq '" + packageA + "'").when().get(EM + "/assignments")
                .then().statusCode(200).body("value.id", equalTo(java.util.List.of(assignmentA)));
        as(reader).when().get(EM + "/assignmentRequests").then().statusCode(200)
                .body("value.id", hasItem(requestA)).body("value.id", not(hasItem(requestB)));
        String csv = as(reader).when().get(EM + "/assignments/export").then().statusCode(200).extract().asString();
        assertEquals(true, csv.contains(assignmentA));
        assertEquals(false, csv.contains(assignmentB));
        // nothing of catalog B
        as(reader).when().get(EM + "/assignmentRequests/" + requestB).then().statusCode(404)
                .body("error.code", equalTo("itemNotFound"));
        as(reader).when().get(EM + "/assignments/" + assignmentB).then().statusCode(404);
        as(reader).queryParam("$filter", "accessPackage/id eq '" + packageB + "'").when().get(EM + "/assignments")
                .then().statusCode(200).body("value", org.hamcrest.Matchers.empty());
        // reading is not managing: no admin requests, no reprocess or cancel, nothing written
        as(reader).body(adminAdd(UUID.randomUUID().toString(), packageA, policyA)).when().post(EM + "/assignmentRequests")
                .then().statusCode(403).body("error.code", equalTo("accessDenied"));
        as(reader).body("{\"requestType\":\"adminRemove\",\"assignment\":{\"id\":\"" + assignmentA + "\"}}")
                .when().post(EM + "/assignmentRequests").then().statusCode(403);
        as(reader).body("{\"requestType\":\"adminUpdate\",\"assignment\":{\"id\":\"" + assignmentA + "\"}}")
                .when().post(EM + "/assignmentRequests").then().statusCode(403);
        as(reader).when().post(EM + "/assignmentRequests/" + requestA + "/reprocess").then().statusCode(404);
        as(reader).when().post(EM + "/assignmentRequests/" + requestA + "/cancel").then().statusCode(404);
        asAdmin().when().get(EM + "/assignments/" + assignmentA).then().statusCode(200).body("state", not(equalTo("expired")));
    }

    /**
     * One package's decision comes with the requestContext request-service fetches anyway (and
     * shares with the validation of the same request); only lists ask for the set of packages.
     */
    @Test
    void singlePackageDecisionsNeedOnlyThePackagesRequestContext() {
        int contexts = FakeCatalogApi.callsBy(manager);
        String request = as(manager).body(adminAdd(target, packageA, policyA)).when().post(EM + "/assignmentRequests")
                .then().statusCode(201).extract().path("id");
        assertEquals(contexts + 1, FakeCatalogApi.callsBy(manager));
        String assignment = assignmentOf(request);
        // their own request needs no call; the assignment (whose target is someone else) one each
        as(manager).when().get(EM + "/assignmentRequests/" + request).then().statusCode(200);
        assertEquals(contexts + 1, FakeCatalogApi.callsBy(manager));
        as(manager).when().get(EM + "/assignments/" + assignment).then().statusCode(200);
        as(manager).body(adminAdd(target, packageB, policyB)).when().post(EM + "/assignmentRequests")
                .then().statusCode(403);
        as(manager).body("{\"requestType\":\"adminRemove\",\"assignment\":{\"id\":\"" + assignment + "\"}}")
                .when().post(EM + "/assignmentRequests").then().statusCode(201);
        assertEquals(contexts + 4, FakeCatalogApi.callsBy(manager));
        assertEquals(0, FakeManagedPackagesApi.callsBy(manager));
        as(manager).when().get(EM + "/assignments").then().statusCode(200);
        assertEquals(1, FakeManagedPackagesApi.callsBy(manager));
    }

    @Test
    void anAdministratorIsDecidedByTheTokenAlone() {
        String adminId = UUID.randomUUID().toString();
        given().auth().oauth2(Tokens.admin(adminId, "Identity Governance Administrator")).contentType(ContentType.JSON)
                .body(adminAdd(target, packageB, policyB)).when().post(EM + "/assignmentRequests").then().statusCode(201);
        given().auth().oauth2(Tokens.admin(adminId, "Identity Governance Administrator")).when().get(EM + "/assignments")
                .then().statusCode(200);
        assertEquals(0, FakeManagedPackagesApi.callsBy(adminId));
    }
}
