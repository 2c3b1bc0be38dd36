package dev.tessera.request.subject;

import static dev.tessera.request.subject.ExternalUserTest.register;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.tessera.request.fake.FakeConnectedOrganizationApi;
import dev.tessera.request.fake.FakeDirectoryApi;
import dev.tessera.testsupport.TesseraInfraResource;
import dev.tessera.testsupport.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Proposed connected organizations (as Entra): under a policy for {@code allExternalUsers}, an admitted
 * userAdd by someone from a domain no connected organization has asks catalog-service to propose one
 * for the domain; {@code allConfiguredConnectedOrganizationUsers} ignores it until it is configured.
 */
@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class ProposedOrganizationTest {

    static final String EM = "/v1.0/identityGovernance/entitlementManagement";

    final String tag = UUID.randomUUID().toString().substring(0, 8);
    final String unknown = "new-" + tag + ".example";
    final String admin = Tokens.admin(UUID.randomUUID().toString(), "Identity Governance Administrator");

    static ValidatableResponse selfByEmail(String email, String[] accessPackage) {
        return given().auth().oauth2(Tokens.builder(UUID.randomUUID().toString()).email(email).sign())
                .contentType(ContentType.JSON).body("""
                        {"requestType":"userAdd","assignment":{"target":{"email":"%s"},
                         "assignmentPolicyId":"%s","accessPackageId":"%s"}}
                        """.formatted(email, accessPackage[1], accessPackage[0]))
                .when().post(EM + "/assignmentRequests").then();
    }

    static ValidatableResponse userAdd(String self, String[] accessPackage) {
        return given().auth().oauth2(Tokens.user(self)).contentType(ContentType.JSON).body("""
                {"requestType":"userAdd","assignment":{"targetId":"%s","assignmentPolicyId":"%s","accessPackageId":"%s"}}
                """.formatted(self, accessPackage[1], accessPackage[0])).when().post(EM + "/assignmentRequests").then();
    }

    static String guest(String mail) {
        String id = UUID.randomUUID().toString();
        FakeDirectoryApi.userWithMail(id, "Guest", mail);
        return id;
    }

    @Test
    void anExternalRequestorFromAnUnknownDomainProposesItsOrganizationOnce() {
        String[] anyone = register("allExternalUsers", policy -> { });
        selfByEmail("ann@" + unknown, anyone).statusCode(201);

        Map<String, Object> proposed = FakeConnectedOrganizationApi.of(unknown);
        assertEquals("proposed", proposed.get("state"));
        assertEquals(unknown, proposed.get("displayName"));
        assertEquals(1, FakeConnectedOrganizationApi.proposals(unknown));
        // a second person of the domain finds it: no second proposal
        selfByEmail("bo@" + unknown.toUpperCase(), anyone).statusCode(201);
        assertEquals(1, FakeConnectedOrganizationApi.proposals(unknown));
        assertEquals(proposed, FakeConnectedOrganizationApi.of(unknown));

        // allConfigured… scopes ignore the proposed organization until an administrator configures it
        String[] configured = register("allConfiguredConnectedOrganizationUsers", policy -> { });
        selfByEmail("cy@" + unknown, configured).statusCode(403)
                .body("error.message", containsString("not configured (it is proposed)"));
        FakeConnectedOrganizationApi.organization((String) proposed.get("id"), unknown, "configured", unknown);
        selfByEmail("cy@" + unknown, configured).statusCode(201);
    }

    @Test
    void aGuestFromAnUnknownDomainProposesItsOrganization() {
        String[] anyone = register("allExternalUsers", policy -> { });
        userAdd(guest("dee@" + unknown), anyone).statusCode(201);
        assertEquals("proposed", FakeConnectedOrganizationApi.of(unknown).get("state"));
        assertEquals(1, FakeConnectedOrganizationApi.proposals(unknown));
    }

    @Test
    void aRefusedRequestOtherScopesAndAdminAddsProposeNothing() {
        // refused by the policy (self-add disabled): nothing proposed
        String[] adminOnly = register("allExternalUsers", policy ->
                ((com.fasterxml.jackson.databind.node.ObjectNode) policy.get("requestorSettings"))
                        .put("enableTargetsToSelfAddAccess", false));
        selfByEmail("eve@" + unknown, adminOnly).statusCode(403);
        userAdd(guest("fay@" + unknown), adminOnly).statusCode(403);
        // scopes other than allExternalUsers never propose
        String[] configured = register("allConfiguredConnectedOrganizationUsers", policy -> { });
        selfByEmail("gil@" + unknown, configured).statusCode(403)
                .body("error.message", allOf(containsString("allConfiguredConnectedOrganizationUsers"),
                        containsString("belongs to no connected organization")));
        // an administrator's adminAdd by email is not a requestor from that domain
        String[] anyone = register("allExternalUsers", policy -> { });
        given().auth().oauth2(admin).contentType(ContentType.JSON).body("""
                {"requestType":"adminAdd","assignment":{"target":{"email":"hal@%s"},
                 "assignmentPolicyId":"%s","accessPackageId":"%s"}}
                """.formatted(unknown, anyone[1], anyone[0])).when().post(EM + "/assignmentRequests").then()
                .statusCode(201);
        assertEquals(0, FakeConnectedOrganizationApi.proposals(unknown));
        assertNull(FakeConnectedOrganizationApi.of(unknown));
    }
}
