package dev.tessera.request.bulk;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.platform.messaging.events.EventTypes;
import dev.tessera.platform.messaging.events.Topics;
import dev.tessera.request.fake.FakeCatalogApi;
import dev.tessera.request.fake.FakeDirectoryApi;
import dev.tessera.request.fake.FakeGroupsApi;
import dev.tessera.request.fake.FakeManagedPackagesApi;
import dev.tessera.testsupport.TesseraInfraResource;
import dev.tessera.testsupport.TestEvents;
import dev.tessera.testsupport.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code assignments/tessera.assignGroupMembers}: every member of a group who lacks the package gets
 * an adminAdd, in background chunks (two members per chunk in tests), with progress on the job.
 */
@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class AssignGroupMembersTest {

    static final String EM = "/v1.0/identityGovernance/entitlementManagement";
    static final String START = EM + "/assignments/tessera.assignGroupMembers";
    static final String JOBS = EM + "/assignments/tessera.bulkAssignmentJobs";
    static final String REQUESTS = EM + "/assignmentRequests";
    static final ObjectMapper MAPPER = new ObjectMapper();

    String admin;
    String adminToken;
    String packageId;
    String policyId;
    String approvalPolicyId;
    String auditors;
    ObjectNode context;

    @BeforeEach
    void packageWithAPolicy() {
        admin = UUID.randomUUID().toString();
        adminToken = Tokens.admin(admin, "Identity Governance Administrator");
        packageId = UUID.randomUUID().toString();
        policyId = UUID.randomUUID().toString();
        approvalPolicyId = UUID.randomUUID().toString();
        auditors = UUID.randomUUID().toString();
        String groupId = UUID.randomUUID().toString();
        context = MAPPER.createObjectNode();
        context.putObject("accessPackage").put("id", packageId).put("displayName", "Sales tools")
                .put("isHidden", false).put("catalogId", UUID.randomUUID().toString());
        ObjectNode policy = context.putArray("policies").addObject();
        policy.put("id", policyId).put("displayName", "Direct").put("allowedTargetScope", "notSpecified");
        policy.putObject("expiration").put("type", "afterDuration").put("duration", "P30D");
        policy.putObject("requestApprovalSettings").put("isApprovalRequiredForAdd", false);
        ObjectNode withApproval = ((com.fasterxml.jackson.databind.node.ArrayNode) context.get("policies")).addObject();
        withApproval.put("id", approvalPolicyId).put("displayName", "Approved").put("allowedTargetScope", "allMemberUsers");
        withApproval.putObject("expiration").put("type", "noExpiration");
        withApproval.putObject("requestApprovalSettings").put("isApprovalRequiredForAdd", true);
        FakeCatalogApi.groupMemberRole(context, groupId);
        ObjectNode incompatible = context.putObject("incompatible");
        incompatible.putArray("accessPackages");
        incompatible.putArray("groups").addObject().put("id", auditors).put("displayName", "Auditors");
        FakeCatalogApi.register(packageId, context);
        FakeGroupsApi.group(auditors);
    }

    @Test
    void membersWithoutThePackageGetItAndTheOthersAreCountedAsSkipped() throws Exception {
        List<String> members = users(5);
        String group = group(members);
        String first = adminAdd(members.get(0));
        String second = adminAdd(members.get(1));

        String location = start(group).statusCode(202)
                .body("status", equalTo("running")).body("total", equalTo(5)).body("done", equalTo(0))
                .body("accessPackageId", equalTo(packageId)).body("groupId", equalTo(group))
                .extract().header("Location");
        String jobId = location.substring(location.lastIndexOf('/') + 1);
        assertEquals(JOBS + "/" + jobId, java.net.URI.create(location).getPath(), "Location names the job");

        awaitCompleted(jobId).body("total", equalTo(5)).body("done", equalTo(5)).body("created", equalTo(3))
                .body("skipped", equalTo(2)).body("failed", equalTo(0)).body("failures", hasSize(0));
        for (String member : members.subList(2, 5)) {
            given().auth().oauth2(adminToken).queryParam("$filter", "target/objectId eq '" + member
                            + "' and accessPackage/id eq '" + packageId + "'")
                    .when().get(EM + "/assignments").then().statusCode(200).body("value", hasSize(1));
        }
        // The two who had it keep their own assignment, and nobody got a second grant.
        for (String assignment : List.of(first, second)) {
            assertEquals(1, TestEvents.eventsNow(Topics.ASSIGNMENT_EVENTS, EventTypes.ASSIGNMENT_GRANTED, assignment)
                    .size());
        }

        String rerun = start(group).statusCode(202).extract().path("id");
        awaitCompleted(rerun).body("created", equalTo(0)).body("skipped", equalTo(5)).body("done", equalTo(5));
    }

    @Test
    void anEmptyGroupCompletesAtOnce() {
        String group = group(List.of());
        start(group).statusCode(202).body("status", equalTo("completed")).body("total", equalTo(0))
                .body("done", equalTo(0));
    }

    @Test
    void aMemberOfAnIncompatibleGroupFailsWithTheReasonAndTheOthersGetIt() {
        List<String> members = users(3);
        FakeGroupsApi.group(auditors, members.get(1));
        String jobId = start(group(members)).statusCode(202).body("failed", equalTo(1)).extract().path("id");
        awaitCompleted(jobId).body("created", equalTo(2)).body("failed", equalTo(1))
                .body("failures[0].objectId", equalTo(members.get(1)))
                .body("failures[0].reason", containsString("Auditors"));
    }

    @Test
    void badCallsAreRefusedWithGraphErrorsAndStartNothing() {
        String group = group(users(2));
        body("{\"accessPackageId\":\"%s\",\"groupId\":\"%s\",\"assignmentPolicyId\":\"%s\"}"
                .formatted(packageId, UUID.randomUUID(), policyId), adminToken)
                .statusCode(400).body("error.code", equalTo("invalidRequest"))
                .body("error.message", containsString("was not found in the directory"));
        body("{\"accessPackageId\":\"%s\",\"groupId\":\"%s\",\"assignmentPolicyId\":\"%s\"}"
                .formatted(UUID.randomUUID(), group, policyId), adminToken)
                .statusCode(400).body("error.message", containsString("Access package"));
        body("{\"accessPackageId\":\"%s\",\"groupId\":\"%s\",\"assignmentPolicyId\":\"%s\"}"
                .formatted(packageId, group, UUID.randomUUID()), adminToken)
                .statusCode(400).body("error.message", containsString("is not a policy of access package"));
        body("{\"accessPackageId\":\"%s\",\"groupId\":\"%s\",\"assignmentPolicyId\":\"%s\"}"
                .formatted(packageId, group, approvalPolicyId), adminToken)
                .statusCode(400).body("error.message", containsString("requires approval"));
        body("{\"accessPackageId\":\"%s\",\"groupId\":\"not-a-guid\",\"assignmentPolicyId\":\"%s\"}"
                .formatted(packageId, policyId), adminToken)
                .statusCode(400).body("error.message", containsString("groupId"));
        body("{\"groupId\":\"%s\",\"assignmentPolicyId\":\"%s\"}".formatted(group, policyId), adminToken)
                .statusCode(400).body("error.message", containsString("accessPackageId"));
        body("{\"accessPackageId\":\"%s\",\"groupId\":\"%s\",\"assignmentPolicyId\":\"%s\"}"
                .formatted(packageId, group, policyId), Tokens.user(UUID.randomUUID().toString()))
                .statusCode(403).body("error.code", equalTo("accessDenied"));

        given().auth().oauth2(adminToken).when().get(JOBS + "/" + UUID.randomUUID())
                .then().statusCode(404).body("error.code", equalTo("itemNotFound"));
        given().auth().oauth2(adminToken).when().get(JOBS + "/nope")
                .then().statusCode(400).body("error.code", equalTo("invalidRequest"));
    }

    /** Authorized before the rest of the body is read: a caller who may not assign learns nothing from validation. */
    @Test
    void aCallerWhoMayNotAssignIsRefusedWhateverTheBody() {
        String manager = UUID.randomUUID().toString();
        FakeManagedPackagesApi.manages(manager, packageId);
        String outsider = Tokens.user(UUID.randomUUID().toString());
        String badGroup = "{\"accessPackageId\":\"%s\",\"groupId\":\"not-a-guid\",\"assignmentPolicyId\":\"%s\"}"
                .formatted(packageId, policyId);
        for (String bad : List.of(badGroup, "{\"accessPackageId\":\"" + packageId + "\"}", "{\"groupId\":\"x\"}",
                "{\"accessPackageId\":\"nope\"}", "{}")) {
            body(bad, outsider).statusCode(403).body("error.code", equalTo("accessDenied"));
        }
        body(badGroup, Tokens.user(manager)).statusCode(400).body("error.message", containsString("groupId"));
        body("{\"accessPackageId\":\"" + packageId + "\"}", Tokens.user(manager)).statusCode(400)
                .body("error.message", containsString("groupId"));
    }

    @Test
    void aManagerOfThePackagesCatalogMayAssignAGroupAndAManagerOfAnotherMayNot() {
        String manager = UUID.randomUUID().toString();
        FakeManagedPackagesApi.manages(manager, packageId);
        String otherManager = UUID.randomUUID().toString();
        FakeManagedPackagesApi.manages(otherManager, UUID.randomUUID().toString());
        String group = group(users(2));
        String json = "{\"accessPackageId\":\"%s\",\"groupId\":\"%s\",\"assignmentPolicyId\":\"%s\"}"
                .formatted(packageId, group, policyId);

        body(json, Tokens.user(otherManager)).statusCode(403).body("error.code", equalTo("accessDenied"));
        String jobId = body(json, Tokens.user(manager)).statusCode(202).extract().path("id");
        awaitCompleted(jobId).body("created", equalTo(2));
        given().auth().oauth2(Tokens.user(manager)).when().get(JOBS + "/" + jobId)
                .then().statusCode(200).body("id", equalTo(jobId));
    }

    @Test
    void onlyItsStarterOrAReaderSeesAJob() {
        String jobId = start(group(users(1))).statusCode(202).extract().path("id");
        given().auth().oauth2(Tokens.user(UUID.randomUUID().toString())).when().get(JOBS + "/" + jobId)
                .then().statusCode(404).body("error.code", equalTo("itemNotFound"));
        given().auth().oauth2(Tokens.admin(UUID.randomUUID().toString(), "Global Reader")).when().get(JOBS + "/" + jobId)
                .then().statusCode(200).body("id", equalTo(jobId));
    }

    private ValidatableResponse awaitCompleted(String jobId) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(adminToken)
                .when().get(JOBS + "/" + jobId).then().statusCode(200).body("status", equalTo("completed")));
        return given().auth().oauth2(adminToken).when().get(JOBS + "/" + jobId).then().statusCode(200);
    }

    private ValidatableResponse start(String group) {
        return body("{\"accessPackageId\":\"%s\",\"groupId\":\"%s\",\"assignmentPolicyId\":\"%s\",\"justification\":\"Q3\"}"
                .formatted(packageId, group, policyId), adminToken);
    }

    private ValidatableResponse body(String json, String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(json).when().post(START).then();
    }

    private static List<String> users(int count) {
        List<String> users = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = UUID.randomUUID().toString();
            FakeDirectoryApi.user(id, "Member");
            users.add(id);
        }
        return users;
    }

    private static String group(List<String> members) {
        String id = UUID.randomUUID().toString();
        FakeGroupsApi.group(id, members.toArray(String[]::new));
        return id;
    }

    private String adminAdd(String target) {
        String requestId = given().auth().oauth2(adminToken).contentType(ContentType.JSON).body("""
                {"requestType":"adminAdd","assignment":{"targetId":"%s","assignmentPolicyId":"%s","accessPackageId":"%s"}}
                """.formatted(target, policyId, packageId)).when().post(REQUESTS).then().statusCode(201).extract().path("id");
        return given().auth().oauth2(adminToken).queryParam("$expand", "assignment").when().get(REQUESTS + "/" + requestId)
                .then().extract().path("assignment.id");
    }
}
