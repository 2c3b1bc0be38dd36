package dev.tessera.provisioning;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.tessera.testsupport.TesseraInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

/**
 * Issue 15 items 2 and 7 in provisioning-service: a NUL (which PostgreSQL refuses in text, a 500 before)
 * in a path id, a {@code $filter} literal or a body, and scalars of the wrong type, are 400 Graph errors
 * naming the parameter or property.
 */
@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class HostileInputTest {

    @Test
    void aNulInAPathIdOrAFilterIsRefusedNamingTheParameter() {
        given().auth().oauth2(Directory.admin()).urlEncodingEnabled(false).when().get("/v1.0/users/%00")
                .then().statusCode(400).header("Content-Type", startsWith("application/json"))
                .body("error.code", equalTo("invalidRequest")).body("error.target", equalTo("id"))
                .body("error.message", containsString("control character"));
        given().auth().oauth2(Directory.admin()).urlEncodingEnabled(false).when().get("/v1.0/groups/x%00y/members")
                .then().statusCode(400).body("error.target", equalTo("groupId"));
        given().auth().oauth2(Directory.admin()).queryParam("$filter", "displayName eq 'a\u0000'")
                .when().get("/v1.0/users").then().statusCode(400).body("error.target", equalTo("$filter"));
    }

    @Test
    void bodyStringsWithControlCharactersAndWrongScalarsAreRefused() {
        given().auth().oauth2(Directory.admin()).contentType(ContentType.JSON)
                .body("{\"displayName\":\"Nul\\u0000group\",\"mailEnabled\":false,\"mailNickname\":\"nul\","
                        + "\"securityEnabled\":true}")
                .when().post("/v1.0/groups").then().statusCode(400).body("error.target", equalTo("displayName"));
        given().auth().oauth2(Directory.admin()).contentType(ContentType.JSON)
                .body("{\"displayName\":\"Typed\",\"mailEnabled\":\"false\",\"mailNickname\":\"typed\","
                        + "\"securityEnabled\":true}")
                .when().post("/v1.0/groups").then().statusCode(400).body("error.target", equalTo("mailEnabled"));
        given().auth().oauth2(Directory.admin()).contentType(ContentType.JSON)
                .body("{\"displayName\":42,\"mailEnabled\":false,\"mailNickname\":\"typed\",\"securityEnabled\":true}")
                .when().post("/v1.0/groups").then().statusCode(400).body("error.target", equalTo("displayName"));
    }

    @Test
    void anUnpairedSurrogateInABodyIsRefusedNotStoredAsAQuestionMark() {
        given().auth().oauth2(Directory.admin()).contentType(ContentType.JSON)
                .body("{\"displayName\":\"a\\ud800b\",\"appId\":\"" + java.util.UUID.randomUUID() + "\"}")
                .when().post("/v1.0/servicePrincipals").then().statusCode(400)
                .header("Content-Type", startsWith("application/json")).body("error.target", equalTo("displayName"));
    }

    /** The bodies' bookkeeping of which properties were sent is no property a client can send. */
    @Test
    void theOpenApiDocumentDescribesOnlyRealBodyProperties() {
        io.restassured.path.json.JsonPath doc = given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200).extract().jsonPath();
        for (String body : java.util.List.of("UserBody", "GroupBody", "AdministrativeUnitBody", "ServicePrincipalBody")) {
            java.util.Map<String, Object> properties = doc.getMap("components.schemas." + body + ".properties");
            org.junit.jupiter.api.Assertions.assertNotNull(properties, body + " is described");
            org.junit.jupiter.api.Assertions.assertFalse(properties.containsKey("present"), body + ": " + properties.keySet());
        }
    }
}
