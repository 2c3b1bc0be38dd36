package dev.tessera.request.internal;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
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
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /internal/lifecycle/assignmentRequests}: lifecycle workflows' access-package tasks make the
 * requests an administrator's adminAdd / adminRemove would, policy scope included; service token only.
 */
@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class LifecycleRequestsApiTest {

    static final String PATH = "/internal/lifecycle/assignmentRequests";
    static final String EM = "/v1.0/identityGovernance/entitlementManagement";
    static final ObjectMapper MAPPER = new ObjectMapper();

    static ValidatableResponse call(String token, String body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).when().post(PATH).then();
    }

    static String add(String target, String[] ids) {
        return """
                {"targetId": "%s", "accessPackageId": "%s", "assignmentPolicyId": "%s", "requestType": "adminAdd",
                 "all": false, "justification": "Lifecycle workflow Onboard"}""".formatted(target, ids[0], ids[1]);
    }

    @Test
    void anAdminAddIsMadeWithTheWorkflowsJustificationAndItsIdAnswered() {
        String member = UUID.randomUUID().toString();
        FakeDirectoryApi.user(member, "Member");
        String[] ids = policy("notSpecified");
        String requestId = call(Tokens.service(), add(member, ids)).statusCode(200)
                .body("requestIds", hasSize(1)).extract().path("requestIds[0]");
        String admin = Tokens.admin(UUID.randomUUID().toString(), "Identity Governance Administrator");
        given().auth().oauth2(admin).when().get(EM + "/assignmentRequests/" + requestId).then().statusCode(200)
                .body("requestType", equalTo("adminAdd"))
                .body("justification", equalTo("Lifecycle workflow Onboard"));
    }

    @Test
    void thePolicysScopeRulesApplyAndARefusalIsAGraphError() {
        String guest = UUID.randomUUID().toString();
        FakeDirectoryApi.user(guest, "Guest");
        call(Tokens.service(), add(guest, policy("allMemberUsers"))).statusCode(400)
                .body("error.code", equalTo("TargetNotInPolicyScope"));
    }

    @Test
    void removingAllAssignmentsMakesAnAdminRemoveForEachLiveOne() {
        String member = UUID.randomUUID().toString();
        FakeDirectoryApi.user(member, "Member");
        call(Tokens.service(), add(member, policy("notSpecified"))).statusCode(200);
        call(Tokens.service(), add(member, policy("notSpecified"))).statusCode(200);
        String admin = Tokens.admin(UUID.randomUUID().toString(), "Identity Governance Administrator");
        await().atMost(Duration.ofSeconds(30)).until(() -> given().auth().oauth2(admin)
                .queryParam("$filter", "target/objectId eq '" + member + "'").when().get(EM + "/assignments")
                .then().extract().jsonPath().getList("value").size() == 2);
        List<String> removals = call(Tokens.service(), """
                {"targetId": "%s", "requestType": "adminRemove", "all": true, "justification": "Lifecycle workflow Offboard"}"""
                .formatted(member)).statusCode(200).body("requestIds", hasSize(2)).extract().path("requestIds");
        for (String id : removals) {
            given().auth().oauth2(admin).when().get(EM + "/assignmentRequests/" + id).then().statusCode(200)
                    .body("requestType", equalTo("adminRemove"));
        }
    }

    @Test
    void onlyTheServiceTokenMayCallAndBadInputIs400() {
        String member = UUID.randomUUID().toString();
        FakeDirectoryApi.user(member, "Member");
        String[] ids = policy("notSpecified");
        call(Tokens.admin(UUID.randomUUID().toString(), "Global Administrator"), add(member, ids)).statusCode(403);
        call(Tokens.app("EntitlementManagement.ReadWrite.All"), add(member, ids)).statusCode(403);
        call(Tokens.service(), "{\"targetId\": \"" + member + "\", \"requestType\": \"adminUpdate\"}").statusCode(400);
        call(Tokens.service(), "{\"targetId\": \"nope\", \"requestType\": \"adminAdd\"}").statusCode(400);
    }

    /** A package with one policy of this allowedTargetScope, no approval; answers {packageId, policyId}. */
    static String[] policy(String scope) {
        String packageId = UUID.randomUUID().toString();
        String policyId = UUID.randomUUID().toString();
        ObjectNode context = MAPPER.createObjectNode();
        context.putObject("accessPackage").put("id", packageId).put("displayName", "Lifecycle").put("isHidden", false)
                .put("catalogId", UUID.randomUUID().toString());
        ObjectNode policy = context.putArray("policies").addObject();
        policy.put("id", policyId).put("displayName", "Lifecycle policy").put("allowedTargetScope", scope);
        policy.putObject("expiration").put("type", "noExpiration");
        policy.putObject("requestApprovalSettings").put("isApprovalRequiredForAdd", false);
        context.putArray("resourceRoles");
        FakeCatalogApi.register(packageId, context);
        return new String[] {packageId, policyId};
    }
}
