package dev.tessera.request.assignment;

import static io.restassured.RestAssured.given;
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

/**
 * What beta's accessPackageAssignment keys are read from in v1.0 (issue 18, docs/beta.md): the tutorial's
 * parenthesised policy filter, and the package's catalog in {@code $expand=accessPackage} (beta's {@code catalogId}).
 */
@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class AssignmentKeysTest {

    static final String REQUESTS = "/v1.0/identityGovernance/entitlementManagement/assignmentRequests";
    static final String ASSIGNMENTS = "/v1.0/identityGovernance/entitlementManagement/assignments";
    static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void theTutorialsPolicyFilterFindsTheAssignmentWithItsPackagesCatalog() {
        String alice = UUID.randomUUID().toString();
        String packageId = UUID.randomUUID().toString();
        String policyId = UUID.randomUUID().toString();
        String catalogId = UUID.randomUUID().toString();
        FakeDirectoryApi.user(alice, "Member");
        ObjectNode context = MAPPER.createObjectNode();
        context.putObject("accessPackage").put("id", packageId).put("displayName", "Marketing Campaign")
                .put("isHidden", false).put("catalogId", catalogId);
        ObjectNode policy = context.putArray("policies").addObject();
        policy.put("id", policyId).put("displayName", "Specific users").put("allowedTargetScope", "specificDirectoryUsers");
        policy.putArray("specificAllowedTargets").addObject()
                .put("@odata.type", "#microsoft.graph.singleUser").put("userId", alice);
        policy.putObject("expiration").put("type", "afterDuration").put("duration", "P30D");
        policy.putObject("requestorSettings").put("enableTargetsToSelfAddAccess", true);
        policy.putObject("requestApprovalSettings").put("isApprovalRequiredForAdd", false);
        FakeCatalogApi.groupMemberRole(context, UUID.randomUUID().toString());
        FakeCatalogApi.register(packageId, context);

        given().auth().oauth2(Tokens.user(alice)).contentType(ContentType.JSON).body("""
                {"requestType":"userAdd","assignment":{"targetId":"%s","assignmentPolicyId":"%s","accessPackageId":"%s"}}
                """.formatted(alice, policyId, packageId))
                .when().post(REQUESTS).then().statusCode(201);

        given().auth().oauth2(Tokens.admin(UUID.randomUUID().toString(), "Identity Governance Administrator"))
                .queryParam("$filter", "(AssignmentPolicy/Id eq '" + policyId + "')")
                .queryParam("$expand", "target,accessPackage,assignmentPolicy")
                .when().get(ASSIGNMENTS)
                .then().statusCode(200)
                .body("value", hasSize(1))
                .body("value[0].assignmentPolicy.id", equalTo(policyId))
                .body("value[0].target.objectId", equalTo(alice))
                .body("value[0].accessPackage.id", equalTo(packageId))
                .body("value[0].accessPackage.catalog.id", equalTo(catalogId));
    }
}
