package dev.tessera.request.bulk;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.request.fake.FakeCatalogApi;
import dev.tessera.request.fake.FakeDirectoryApi;
import dev.tessera.request.fake.FakeGroupsApi;
import dev.tessera.testsupport.TesseraInfraResource;
import dev.tessera.testsupport.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Bulk assignment admits only the members the policy's scope admits: the others fail with the reason a
 * single adminAdd would give, the rest are assigned. A policy with questions assigns one user at a time,
 * so bulk assignment under it is refused.
 */
@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class BulkPolicyScopeTest {

    static final String EM = "/v1.0/identityGovernance/entitlementManagement";
    static final String START = EM + "/assignments/tessera.assignGroupMembers";
    static final String JOBS = EM + "/assignments/tessera.bulkAssignmentJobs";
    static final ObjectMapper MAPPER = new ObjectMapper();

    final String adminToken = Tokens.admin(UUID.randomUUID().toString(), "Identity Governance Administrator");

    @Test
    void specificDirectoryUsersAssignsTheNamedAndTheGroupsMembersAndFailsTheOthers() {
        String named = user("Member");
        String allowedGroup = UUID.randomUUID().toString();
        String inAllowedGroup = user("Member");
        FakeGroupsApi.group(allowedGroup, inAllowedGroup);
        String outsiderOne = user("Member");
        String outsiderTwo = user("Guest");
        String[] ids = policy(p -> {
            p.put("allowedTargetScope", "specificDirectoryUsers");
            ArrayNode targets = p.putArray("specificAllowedTargets");
            targets.addObject().put("@odata.type", "#microsoft.graph.singleUser").put("userId", named);
            targets.addObject().put("@odata.type", "#microsoft.graph.groupMembers").put("groupId", allowedGroup);
        });
        String group = group(named, inAllowedGroup, outsiderOne, outsiderTwo);

        String jobId = start(ids, group).statusCode(202).body("failed", equalTo(2)).extract().path("id");
        awaitCompleted(jobId).body("total", equalTo(4)).body("created", equalTo(2)).body("failed", equalTo(2))
                .body("failures.objectId", containsInAnyOrder(outsiderOne, outsiderTwo))
                .body("failures.reason", everyItem(containsString("allowedTargetScope specificDirectoryUsers")));
        assigned(ids, named, 1);
        assigned(ids, inAllowedGroup, 1);
        assigned(ids, outsiderOne, 0);
        assigned(ids, outsiderTwo, 0);
    }

    @Test
    void allMemberUsersAssignsTheMembersAndFailsTheGuests() {
        String member = user("Member");
        String guest = user("Guest");
        String[] ids = policy(p -> p.put("allowedTargetScope", "allMemberUsers"));

        String jobId = start(ids, group(member, guest)).statusCode(202).extract().path("id");
        awaitCompleted(jobId).body("created", equalTo(1)).body("failed", equalTo(1))
                .body("failures[0].objectId", equalTo(guest))
                .body("failures[0].reason", containsString("allowedTargetScope allMemberUsers"));
        assigned(ids, member, 1);
        assigned(ids, guest, 0);
    }

    @Test
    void notSpecifiedAssignsEveryMember() {
        String member = user("Member");
        String guest = user("Guest");
        String[] ids = policy(p -> p.put("allowedTargetScope", "notSpecified"));
        String jobId = start(ids, group(member, guest)).statusCode(202).extract().path("id");
        awaitCompleted(jobId).body("created", equalTo(2)).body("failed", equalTo(0));
    }

    @Test
    void aPolicyWithQuestionsRefusesBulkAssignment() {
        String member = user("Member");
        String[] ids = policy(p -> {
            p.put("allowedTargetScope", "notSpecified");
            p.putArray("questions").addObject().put("@odata.type", "#microsoft.graph.accessPackageTextInputQuestion")
                    .put("id", "q-why").put("text", "Why?").put("isRequired", false);
        });
        start(ids, group(member)).statusCode(400).body("error.code", equalTo("PolicyHasQuestions"))
                .body("error.message", containsString("one at a time"));
        assigned(ids, member, 0);
    }

    private void assigned(String[] ids, String target, int count) {
        given().auth().oauth2(adminToken).queryParam("$filter", "target/objectId eq '" + target
                        + "' and accessPackage/id eq '" + ids[0] + "'")
                .when().get(EM + "/assignments").then().statusCode(200).body("value", hasSize(count));
    }

    private ValidatableResponse awaitCompleted(String jobId) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(adminToken)
                .when().get(JOBS + "/" + jobId).then().statusCode(200).body("status", equalTo("completed")));
        return given().auth().oauth2(adminToken).when().get(JOBS + "/" + jobId).then().statusCode(200);
    }

    private ValidatableResponse start(String[] ids, String group) {
        return given().auth().oauth2(adminToken).contentType(ContentType.JSON)
                .body("{\"accessPackageId\":\"%s\",\"groupId\":\"%s\",\"assignmentPolicyId\":\"%s\"}"
                        .formatted(ids[0], group, ids[1]))
                .when().post(START).then();
    }

    private static String user(String userType) {
        String id = UUID.randomUUID().toString();
        FakeDirectoryApi.user(id, userType);
        return id;
    }

    private static String group(String... members) {
        String id = UUID.randomUUID().toString();
        FakeGroupsApi.group(id, members);
        return id;
    }

    /** A package with one policy (no approval, no expiry) shaped by {@code shape}; answers {packageId, policyId}. */
    private static String[] policy(Consumer<ObjectNode> shape) {
        String packageId = UUID.randomUUID().toString();
        String policyId = UUID.randomUUID().toString();
        ObjectNode context = MAPPER.createObjectNode();
        context.putObject("accessPackage").put("id", packageId).put("displayName", "Scoped").put("isHidden", false)
                .put("catalogId", UUID.randomUUID().toString());
        ObjectNode policy = context.putArray("policies").addObject();
        policy.put("id", policyId).put("displayName", "Scoped policy");
        policy.putObject("expiration").put("type", "noExpiration");
        policy.putObject("requestApprovalSettings").put("isApprovalRequiredForAdd", false);
        shape.accept(policy);
        context.putArray("resourceRoles");
        context.putObject("incompatible").putArray("accessPackages");
        ((ObjectNode) context.get("incompatible")).putArray("groups");
        FakeCatalogApi.register(packageId, context);
        return new String[] {packageId, policyId};
    }
}
