package dev.tessera.request.internal;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

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

/** What catalog-service's delete guards ask: live assignments and open requests of a package or policy. */
@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class UsageApiTest {

    static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void assignmentsAndOpenRequestsOfAPackageAndAPolicyAreCounted() {
        String admin = Tokens.admin(UUID.randomUUID().toString(), "Identity Governance Administrator");
        String packageId = UUID.randomUUID().toString();
        String policyId = UUID.randomUUID().toString();
        ObjectNode context = MAPPER.createObjectNode();
        context.putObject("accessPackage").put("id", packageId).put("displayName", "Counted").put("isHidden", false)
                .put("catalogId", UUID.randomUUID().toString());
        ObjectNode policy = context.putArray("policies").addObject();
        policy.put("id", policyId).put("displayName", "Direct").put("allowedTargetScope", "notSpecified");
        policy.putObject("expiration").put("type", "noExpiration");
        context.putArray("resourceRoles");
        FakeCatalogApi.register(packageId, context);
        String user = UUID.randomUUID().toString();
        FakeDirectoryApi.user(user, "Member");

        String usage = "/internal/v1/usage";
        String service = Tokens.service();
        given().auth().oauth2(service).queryParam("accessPackageId", packageId).when().get(usage).then().statusCode(200)
                .body("assignments", equalTo(0)).body("openRequests", equalTo(0));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body("""
                {"requestType":"adminAdd","assignment":{"targetId":"%s","assignmentPolicyId":"%s","accessPackageId":"%s"}}
                """.formatted(user, policyId, packageId)).when().post("/v1.0/identityGovernance/entitlementManagement/assignmentRequests")
                .then().statusCode(201);
        given().auth().oauth2(service).queryParam("accessPackageId", packageId).when().get(usage).then().statusCode(200)
                .body("assignments", equalTo(1)).body("openRequests", equalTo(1));
        given().auth().oauth2(service).queryParam("assignmentPolicyId", policyId).when().get(usage).then().statusCode(200)
                .body("assignments", equalTo(1));
        given().auth().oauth2(service).when().get(usage).then().statusCode(400);
        given().auth().oauth2(service).queryParam("accessPackageId", packageId).queryParam("assignmentPolicyId", policyId)
                .when().get(usage).then().statusCode(400);
        given().auth().oauth2(service).queryParam("accessPackageId", "nope").when().get(usage).then().statusCode(400);
        given().when().get(usage).then().statusCode(401);
    }

    /** /internal answers only a service's token: a user's is refused whatever their roles, as Graph refuses it. */
    @Test
    void aUsersTokenIsRefusedWith403AndTheServiceTokenAnswered() {
        String usage = "/internal/v1/usage?accessPackageId=" + UUID.randomUUID();
        for (String token : java.util.List.of(Tokens.user(UUID.randomUUID().toString()),
                Tokens.admin(UUID.randomUUID().toString(), "Global Administrator"),
                Tokens.app("EntitlementManagement.ReadWrite.All"))) {
            given().auth().oauth2(token).when().get(usage).then().statusCode(403)
                    .body("error.code", equalTo("Authorization_RequestDenied"))
                    .body("error.message", equalTo("Insufficient privileges to complete the operation."));
        }
        given().auth().oauth2(Tokens.service()).when().get(usage).then().statusCode(200);
        given().when().get(usage).then().statusCode(401).body("error.code", equalTo("InvalidAuthenticationToken"));
    }
}
