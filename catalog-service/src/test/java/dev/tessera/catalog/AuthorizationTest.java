package dev.tessera.catalog;

import static dev.tessera.catalog.Fixtures.EM;
import static dev.tessera.catalog.Fixtures.GENERAL;
import static dev.tessera.catalog.Fixtures.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.tessera.testsupport.TesseraInfraResource;
import dev.tessera.testsupport.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Administrators write, readers read, everyone else is refused (or shown empty lists) with a Graph error body. */
@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class AuthorizationTest {

    /** Lists of catalog-scoped objects: a caller without a role sees an empty list. */
    static final List<String> CATALOG_LISTS = List.of(EM + "/catalogs", EM + "/accessPackages",
            EM + "/assignmentPolicies", EM + "/resourceRequests");

    /** Reads of one catalog's objects and of tenant-wide configuration. */
    static final List<String> GUARDED_READS = List.of(EM + "/catalogs/" + GENERAL,
            EM + "/catalogs/" + GENERAL + "/resources", EM + "/catalogs/" + GENERAL + "/resourceRoles",
            EM + "/connectedOrganizations", EM + "/settings");

    static final List<String> READS = java.util.stream.Stream.concat(CATALOG_LISTS.stream(), GUARDED_READS.stream())
            .toList();

    static final List<String> CREATES = List.of(EM + "/catalogs", EM + "/accessPackages", EM + "/assignmentPolicies",
            EM + "/resourceRequests", EM + "/connectedOrganizations");

    @Test
    void withoutATokenEveryEndpointAnswers401WithAGraphError() {
        for (String path : READS) {
            given().when().get(path).then().statusCode(401)
                    .contentType(ContentType.JSON)
                    .body("error.code", equalTo("InvalidAuthenticationToken"))
                    .body("error.innerError.request-id", notNullValue());
        }
        given().contentType(ContentType.JSON).body("{\"displayName\":\"x\"}").when().post(EM + "/catalogs")
                .then().statusCode(401);
        given().auth().oauth2("not.a.token").when().get(EM + "/catalogs").then().statusCode(401)
                .body("error.code", equalTo("InvalidAuthenticationToken"));
    }

    @Test
    void aUserWithoutAnAdministrativeRoleIsRefusedReadsAndWrites() {
        String user = Tokens.user(UUID.randomUUID().toString());
        for (String path : GUARDED_READS) {
            as(user).when().get(path).then().statusCode(403).body("error.code", equalTo("accessDenied"));
        }
        for (String path : CATALOG_LISTS) {
            as(user).when().get(path).then().statusCode(200).body("value", hasSize(0));
        }
        String packageId = Fixtures.newPackage(GENERAL, "Guarded " + UUID.randomUUID());
        for (String path : java.util.stream.Stream.concat(CREATES.stream(),
                java.util.stream.Stream.of(EM + "/accessPackages/" + packageId + "/resourceRoleScopes")).toList()) {
            as(user).body("{\"displayName\":\"x\"}").when().post(path).then().statusCode(403)
                    .body("error.code", equalTo("accessDenied"));
        }
        as(user).body("{\"displayName\":\"x\"}").when().patch(EM + "/catalogs/" + GENERAL).then().statusCode(403);
        as(user).when().delete(EM + "/catalogs/" + GENERAL).then().statusCode(403);
        as(user).body("{\"state\":\"proposed\"}").when().patch(EM + "/connectedOrganizations/" + UUID.randomUUID())
                .then().statusCode(403);
        as(user).when().delete(EM + "/connectedOrganizations/" + UUID.randomUUID()).then().statusCode(403);
        as(user).body("{\"externalUserLifecycleAction\":\"none\"}").when().patch(EM + "/settings").then().statusCode(403);
        String policyId = Fixtures.admin().body(Fixtures.tutorialPolicyBody(packageId, UUID.randomUUID().toString()))
                .when().post(EM + "/assignmentPolicies").then().statusCode(201).extract().path("id");
        as(user).body(Fixtures.tutorialPolicyBody(packageId, UUID.randomUUID().toString()))
                .when().put(EM + "/assignmentPolicies/" + policyId).then().statusCode(403);
        as(user).when().get(EM + "/assignmentPolicies/" + policyId).then().statusCode(403);
        as(user).when().get(EM + "/accessPackages/" + packageId).then().statusCode(403);
        // an id that does not exist is not found, for anyone
        as(user).when().get(EM + "/accessPackages/" + UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void aGlobalReaderReadsButDoesNotWrite() {
        String reader = Tokens.admin(UUID.randomUUID().toString(), "Global Reader");
        for (String path : READS) {
            as(reader).when().get(path).then().statusCode(200).body("'@odata.context'", startsWith("http"));
        }
        for (String path : CREATES) {
            as(reader).body("{\"displayName\":\"x\"}").when().post(path).then().statusCode(403);
        }
    }

    @Test
    void anApplicationWithEntitlementManagementReadWriteMayAdminister() {
        String app = Tokens.app("EntitlementManagement.ReadWrite.All");
        as(app).body("{\"displayName\":\"App made " + UUID.randomUUID() + "\"}").when().post(EM + "/catalogs")
                .then().statusCode(201);
    }

    @Test
    void anApplicationThatOnlyReadsIsRefusedWrites() {
        String app = Tokens.app("EntitlementManagement.Read.All");
        as(app).when().get(EM + "/catalogs/" + GENERAL).then().statusCode(200);
        as(app).body("{\"displayName\":\"x\"}").when().post(EM + "/catalogs").then().statusCode(403)
                .body("error.code", equalTo("Authorization_RequestDenied"))
                .body("error.message", equalTo("Insufficient privileges to complete the operation."));
        // an application permission of another API opens nothing here
        as(Tokens.app("Directory.ReadWrite.All")).when().get(EM + "/catalogs").then().statusCode(403)
                .body("error.code", equalTo("Authorization_RequestDenied"));
    }

    /**
     * A roles claim in a user's (delegated) token is some app's role, not a Graph permission: anyone can
     * register an app with an app role named EntitlementManagement.ReadWrite.All and give it to themselves.
     */
    @Test
    void anApplicationRoleInAUsersTokenGrantsNothing() {
        String user = Tokens.builder(UUID.randomUUID().toString())
                .appRoles(List.of("EntitlementManagement.ReadWrite.All", "RoleManagement.ReadWrite.Directory")).sign();
        as(user).body("{\"displayName\":\"Not mine " + UUID.randomUUID() + "\"}").when().post(EM + "/catalogs")
                .then().statusCode(403).body("error.code", equalTo("accessDenied"));
        as(user).when().get(EM + "/connectedOrganizations").then().statusCode(403);
        // and directory roles in an app-only token grant nothing either
        String app = Tokens.appBuilder("wids-app").role("Global Administrator").appRole("EntitlementManagement.Read.All").sign();
        as(app).body("{\"displayName\":\"x\"}").when().post(EM + "/catalogs").then().statusCode(403);
    }

    /** A delegated token needs the scope of the call, whatever its user's roles: Graph's Authorization_RequestDenied. */
    @Test
    void aDelegatedTokenWithoutTheScopeIsRefusedEvenForAGlobalAdministrator() {
        String narrow = Tokens.builder(UUID.randomUUID().toString()).role("Global Administrator").scopes("User.Read").sign();
        for (String path : READS) {
            as(narrow).when().get(path).then().statusCode(403).contentType(ContentType.JSON)
                    .body("error.code", equalTo("Authorization_RequestDenied"))
                    .body("error.message", equalTo("Insufficient privileges to complete the operation."));
        }
        String readOnly = Tokens.builder(UUID.randomUUID().toString()).role("Global Administrator")
                .scopes("EntitlementManagement.Read.All").sign();
        as(readOnly).when().get(EM + "/catalogs").then().statusCode(200);
        as(readOnly).body("{\"displayName\":\"x\"}").when().post(EM + "/catalogs").then().statusCode(403)
                .body("error.code", equalTo("Authorization_RequestDenied"));
    }

    /** Only tokens issued for Tessera's audience are accepted. */
    @Test
    void aTokenForAnotherAudienceOrNoneIs401() {
        for (String token : List.of(
                Tokens.builder(UUID.randomUUID().toString()).role("Global Administrator").audience("https://graph.microsoft.com").sign(),
                Tokens.builder(UUID.randomUUID().toString()).role("Global Administrator").audience(null).sign(),
                Tokens.appBuilder("other-audience").appRole("EntitlementManagement.ReadWrite.All").audience("api://other").sign())) {
            as(token).when().get(EM + "/catalogs").then().statusCode(401).contentType(ContentType.JSON)
                    .body("error.code", equalTo("InvalidAuthenticationToken"));
        }
    }
}
