package dev.tessera.pim;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import dev.tessera.testsupport.TesseraInfraResource;
import dev.tessera.testsupport.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Issue 15 items 2 and 7 in pim-service: NUL characters and wrong scalar types are 400s naming what is wrong. */
@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class HostileInputTest {

    static String admin() {
        return Tokens.admin(UUID.randomUUID().toString(), "Privileged Role Administrator");
    }

    @Test
    void aNulInAPathIdOrAFilterIsRefused() {
        given().auth().oauth2(admin()).urlEncodingEnabled(false)
                .when().get("/v1.0/roleManagement/directory/roleDefinitions/%00")
                .then().statusCode(400).body("error.target", equalTo("id"));
        given().auth().oauth2(admin()).queryParam("$filter", "displayName eq '\u0000'")
                .when().get("/v1.0/roleManagement/directory/roleDefinitions")
                .then().statusCode(400).body("error.target", equalTo("$filter"));
    }

    @Test
    void bodyStringsWithControlCharactersAndWrongScalarsAreRefused() {
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body("{\"displayName\":\"Nul\\u0000role\",\"isEnabled\":true,\"rolePermissions\":[{"
                        + "\"allowedResourceActions\":[\"microsoft.directory/users/basic/read\"]}]}")
                .when().post("/v1.0/roleManagement/directory/roleDefinitions")
                .then().statusCode(400).body("error.target", equalTo("displayName"));
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body("{\"displayName\":\"Typed\",\"isEnabled\":\"true\",\"rolePermissions\":[{"
                        + "\"allowedResourceActions\":[\"microsoft.directory/users/basic/read\"]}]}")
                .when().post("/v1.0/roleManagement/directory/roleDefinitions")
                .then().statusCode(400).body("error.target", equalTo("isEnabled"));
    }
}
