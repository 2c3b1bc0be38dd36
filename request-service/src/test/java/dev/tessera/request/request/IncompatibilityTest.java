package dev.tessera.request.request;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Separation of duties: incompatible packages (either direction) and groups refuse a request by name. */
@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class IncompatibilityTest {

    static final String REQUESTS = "/v1.0/identityGovernance/entitlementManagement/assignmentRequests";
    static final String ASSIGNMENTS = "/v1.0/identityGovernance/entitlementManagement/assignments";
    static final ObjectMapper MAPPER = new ObjectMapper();

    final String admin = Tokens.admin(UUID.randomUUID().toString(), "Identity Governance Administrator");

    /** A package whose one policy lets the given users ask for it themselves. */
    static String[] register(String name, List<String> users, List<String[]> incompatiblePackages, List<String[]> groups) {
        String packageId = UUID.randomUUID().toString();
        String policyId = UUID.randomUUID().toString();
        ObjectNode context = MAPPER.createObjectNode();
        context.putObject("accessPackage").put("id", packageId).put("displayName", name).put("isHidden", false)
                .put("catalogId", UUID.randomUUID().toString());
        ObjectNode policy = context.putArray("policies").addObject();
        policy.put("id", policyId).put("displayName", "Specific users").put("allowedTargetScope", "specificDirectoryUsers");
        ArrayNode targets = policy.putArray("specificAllowedTargets");
        users.forEach(u -> targets.addObject().put("@odata.type", "#microsoft.graph.singleUser").put("userId", u));
        policy.putObject("expiration").put("type", "noExpiration");
        policy.putObject("requestorSettings").put("enableTargetsToSelfAddAccess", true);
        policy.putObject("requestApprovalSettings").put("isApprovalRequiredForAdd", false);
        context.putArray("resourceRoles");
        ObjectNode incompatible = context.putObject("incompatible");
        ArrayNode packages = incompatible.putArray("accessPackages");
        incompatiblePackages.forEach(p -> packages.addObject().put("id", p[0]).put("displayName", p[1]));
        ArrayNode groupList = incompatible.putArray("groups");
        groups.forEach(g -> groupList.addObject().put("id", g[0]).put("displayName", g[1]));
        FakeCatalogApi.register(packageId, context);
        return new String[] {packageId, policyId};
    }

    ValidatableResponse request(String token, String type, String target, String[] accessPackage) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body("""
                {"requestType":"%s","assignment":{"targetId":"%s","assignmentPolicyId":"%s","accessPackageId":"%s"}}
                """.formatted(type, target, accessPackage[1], accessPackage[0])).when().post(REQUESTS).then();
    }

    @Test
    void aHolderOfAnIncompatiblePackageOrGroupIsRefusedByNameAndNothingIsWritten() {
        String alice = UUID.randomUUID().toString();
        String bob = UUID.randomUUID().toString();
        String carol = UUID.randomUUID().toString();
        String auditors = UUID.randomUUID().toString();
        FakeDirectoryApi.user(alice, "Member");
        FakeDirectoryApi.user(bob, "Member", auditors);
        FakeDirectoryApi.user(carol, "Member");
        String[] payments = register("Approve payments", List.of(alice, bob, carol), List.<String[]>of(), List.<String[]>of());
        String[] vendors = register("Create vendors", List.of(alice, bob, carol),
                List.<String[]>of(new String[] {payments[0], "Approve payments"}), List.<String[]>of(new String[] {auditors, "Auditors"}));

        request(admin, "adminAdd", alice, payments).statusCode(201);
        request(admin, "adminAdd", alice, vendors).statusCode(400)
                .body("error.code", equalTo("IncompatibleAccessPackage"))
                .body("error.message", allOf(containsString("Approve payments"), containsString("Create vendors")));
        request(Tokens.user(alice), "userAdd", alice, vendors).statusCode(400)
                .body("error.code", equalTo("IncompatibleAccessPackage"));
        request(Tokens.user(bob), "userAdd", bob, vendors).statusCode(400)
                .body("error.code", equalTo("IncompatibleGroupMembership"))
                .body("error.message", containsString("Auditors"));
        request(Tokens.user(carol), "userAdd", carol, vendors).statusCode(201);

        given().auth().oauth2(admin).queryParam("$filter", "accessPackage/id eq '" + vendors[0] + "'")
                .when().get(ASSIGNMENTS).then().statusCode(200).body("value", hasSize(1));
        given().auth().oauth2(admin).queryParam("$filter", "accessPackage/id eq '" + vendors[0] + "' and target/objectId eq '"
                + carol + "'").when().get(ASSIGNMENTS).then().statusCode(200).body("value", hasSize(1));
    }
}
