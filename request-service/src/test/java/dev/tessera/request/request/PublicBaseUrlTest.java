package dev.tessera.request.request;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import dev.tessera.request.fake.FakeCatalogApi;
import dev.tessera.request.fake.FakeDirectoryApi;
import dev.tessera.request.fake.FakeGroupsApi;
import dev.tessera.testsupport.TesseraInfraResource;
import dev.tessera.testsupport.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * With {@code tessera.public-base-url} set, every link starts with it, whatever Host or forwarded
 * headers a client sends (issue 14, hole 9; links followed X-Forwarded-Host / Host before).
 */
@QuarkusTest
@TestProfile(PublicBaseUrlTest.WithPublicBaseUrl.class)
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class PublicBaseUrlTest {

    static final String BASE = "https://graph.tessera.test";
    static final String EM = "/v1.0/identityGovernance/entitlementManagement";

    public static class WithPublicBaseUrl implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tessera.public-base-url", BASE + "/");
        }
    }

    final String adminToken = Tokens.admin(UUID.randomUUID().toString(), "Identity Governance Administrator");
    final String packageId = UUID.randomUUID().toString();
    final String policyId = UUID.randomUUID().toString();

    PublicBaseUrlTest() {
        FakeCatalogApi.registerDirectPackage(packageId, policyId, "Links");
    }

    /** What an attacker sends to make links point at their host. */
    RequestSpecification spoofed() {
        return given().auth().oauth2(adminToken).header("X-Forwarded-Host", "evil.example")
                .header("X-Forwarded-Proto", "http").header("X-Forwarded-Prefix", "/phish")
                .header("Forwarded", "host=evil.example;proto=http").header("Host", "evil.example");
    }

    String adminAdd() {
        String target = UUID.randomUUID().toString();
        FakeDirectoryApi.user(target, "Member");
        return given().auth().oauth2(adminToken).contentType(ContentType.JSON).body("""
                {"requestType":"adminAdd","assignment":{"targetId":"%s","assignmentPolicyId":"%s","accessPackageId":"%s"}}
                """.formatted(target, policyId, packageId)).when().post(EM + "/assignmentRequests").then()
                .statusCode(201).body("'@odata.context'", startsWith(BASE + "/v1.0/$metadata#")).extract().path("id");
    }

    @Test
    void contextNextLinkAndLocationUseTheConfiguredBaseNotTheClientsHeaders() {
        String first = adminAdd();
        adminAdd();

        spoofed().queryParam("$filter", "accessPackage/id eq '" + packageId + "'").queryParam("$top", 1)
                .when().get(EM + "/assignmentRequests").then().statusCode(200)
                .body("value", hasSize(1))
                .body("'@odata.context'", equalTo(BASE + "/v1.0/$metadata#identityGovernance/entitlementManagement/assignmentRequests"))
                .body("'@odata.nextLink'", startsWith(BASE + EM + "/assignmentRequests?"));
        spoofed().when().get(EM + "/assignmentRequests/" + first).then().statusCode(200)
                .body("'@odata.context'", startsWith(BASE + "/v1.0/$metadata#"));

        String member = UUID.randomUUID().toString();
        FakeDirectoryApi.user(member, "Member");
        String group = UUID.randomUUID().toString();
        FakeGroupsApi.group(group, member);
        spoofed().contentType(ContentType.JSON).body("""
                {"accessPackageId":"%s","groupId":"%s","assignmentPolicyId":"%s","justification":"links"}
                """.formatted(packageId, group, policyId)).when().post(EM + "/assignments/tessera.assignGroupMembers")
                .then().statusCode(202).header("Location", startsWith(BASE + EM + "/assignments/tessera.bulkAssignmentJobs/"));
    }
}
