package dev.tessera.catalog;

import static dev.tessera.catalog.Fixtures.EM;
import static dev.tessera.catalog.Fixtures.GENERAL;
import static dev.tessera.catalog.Fixtures.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
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

/** Administrators write, readers read, everyone else is refused with a Graph error body. */
@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class AuthorizationTest {

    static final List<String> READS = List.of(EM + "/catalogs", EM + "/catalogs/" + GENERAL,
            EM + "/catalogs/" + GENERAL + "/resources", EM + "/catalogs/" + GENERAL + "/resourceRoles",
            EM + "/accessPackages", EM + "/assignmentPolicies", EM + "/resourceRequests", EM + "/connectedOrganizations",
            EM + "/settings");

    static final List<String> CREATES = List.of(EM + "/catalogs", EM + "/accessPackages", EM + "/assignmentPolicies",
            EM + "/resourceRequests", EM + "/accessPackages/" + UUID.randomUUID() + "/resourceRoleScopes",
            EM + "/connectedOrganizations");

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
        for (String path : READS) {
            as(user).when().get(path).then().statusCode(403).body("error.code", equalTo("accessDenied"));
        }
        for (String path : CREATES) {
            as(user).body("{\"displayName\":\"x\"}").when().post(path).then().statusCode(403)
                    .body("error.code", equalTo("accessDenied"));
        }
        as(user).body("{\"displayName\":\"x\"}").when().patch(EM + "/catalogs/" + GENERAL).then().statusCode(403);
        as(user).when().delete(EM + "/catalogs/" + GENERAL).then().statusCode(403);
        as(user).body("{\"state\":\"proposed\"}").when().patch(EM + "/connectedOrganizations/" + UUID.randomUUID())
                .then().statusCode(403);
        as(user).when().delete(EM + "/connectedOrganizations/" + UUID.randomUUID()).then().statusCode(403);
        as(user).body("{\"externalUserLifecycleAction\":\"none\"}").when().patch(EM + "/settings").then().statusCode(403);
        as(user).body("{\"displayName\":\"x\"}").when().put(EM + "/assignmentPolicies/" + UUID.randomUUID())
                .then().statusCode(403);
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
        String app = Tokens.builder(UUID.randomUUID().toString()).appRole("EntitlementManagement.ReadWrite.All").sign();
        as(app).body("{\"displayName\":\"App made " + UUID.randomUUID() + "\"}").when().post(EM + "/catalogs")
                .then().statusCode(201);
    }
}
