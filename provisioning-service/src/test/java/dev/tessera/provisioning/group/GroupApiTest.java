package dev.tessera.provisioning.group;

import static dev.tessera.provisioning.Directory.admin;
import static dev.tessera.provisioning.Directory.createGroup;
import static dev.tessera.provisioning.Directory.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.provisioning.Directory;
import dev.tessera.testsupport.TesseraInfraResource;
import dev.tessera.testsupport.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class GroupApiTest {

    static final String GROUPS = "/v1.0/groups";

    @Test
    void creatingAGroupAnswers201WithTheFullGroup() {
        String nickname = unique("markres");
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body("""
                        {"displayName": "Marketing resources", "description": "Marketing resources",
                         "mailEnabled": false, "mailNickname": "%s", "securityEnabled": true}
                        """.formatted(nickname))
                .when().post(GROUPS)
                .then().statusCode(201)
                .contentType(ContentType.JSON)
                .body("'@odata.context'", equalTo(baseUrl() + "/v1.0/$metadata#groups/$entity"))
                .body("id", matchesPattern("[0-9a-f-]{36}"))
                .body("displayName", equalTo("Marketing resources"))
                .body("description", equalTo("Marketing resources"))
                .body("mailNickname", equalTo(nickname))
                .body("mailEnabled", equalTo(false))
                .body("securityEnabled", equalTo(true))
                .body("groupTypes", hasSize(0))
                .body("isAssignableToRole", equalTo(false))
                .body("mail", nullValue());
    }

    @Test
    void unifiedAndRoleAssignableGroupsKeepTheirTypes() {
        String id = createGroup(Directory.globalAdmin(), "Unified group", Map.of("groupTypes", List.of("unified"),
                "isAssignableToRole", true, "visibility", "private"));
        given().auth().oauth2(admin()).when().get(GROUPS + "/" + id)
                .then().statusCode(200)
                .body("groupTypes", equalTo(List.of("Unified")))
                .body("isAssignableToRole", equalTo(true))
                .body("visibility", equalTo("Private"));
    }

    @Test
    void invalidGroupsAreBadRequestsNamingTheProperty() {
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("displayName", "No nickname"))
                .when().post(GROUPS)
                .then().statusCode(400).body("error.target", equalTo("mailNickname"));
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("mailNickname", unique("nn")))
                .when().post(GROUPS)
                .then().statusCode(400).body("error.target", equalTo("displayName"));
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("displayName", "Bad types", "mailNickname", unique("bt"), "groupTypes", List.of("Team")))
                .when().post(GROUPS)
                .then().statusCode(400).body("error.target", equalTo("groupTypes"));
        given().auth().oauth2(Directory.globalAdmin()).contentType(ContentType.JSON)
                .body(Map.of("displayName", "Role group", "mailNickname", unique("rg"), "securityEnabled", false,
                        "isAssignableToRole", true))
                .when().post(GROUPS)
                .then().statusCode(400).body("error.target", equalTo("isAssignableToRole"));
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body("{\"displayName\": \"Broken\", ")
                .when().post(GROUPS)
                .then().statusCode(400).contentType(ContentType.JSON);
    }

    /** Issue 15, item 3: an explicit null for a boolean was unboxed into a NullPointerException, a 500. */
    @Test
    void aNullBooleanIsABadRequestNamingTheProperty() {
        for (String property : List.of("mailEnabled", "securityEnabled")) {
            given().auth().oauth2(admin()).contentType(ContentType.JSON)
                    .body("""
                            {"displayName": "Null flag", "mailNickname": "%s", "%s": null}
                            """.formatted(unique("nf"), property))
                    .when().post(GROUPS)
                    .then().statusCode(400).contentType(ContentType.JSON)
                    .body("error.code", equalTo("invalidRequest"))
                    .body("error.target", equalTo(property))
                    .body("error.message", containsString(property));
        }
    }

    @Test
    void aGroupIdThatIsNotAGuidIsABadRequestAndAnUnknownOneNotFound() {
        given().auth().oauth2(admin()).when().get(GROUPS + "/not-a-guid")
                .then().statusCode(400).contentType(ContentType.JSON).body("error.message", containsString("not-a-guid"));
        given().auth().oauth2(admin()).when().get(GROUPS + "/" + UUID.randomUUID())
                .then().statusCode(404).body("error.code", equalTo("itemNotFound"));
    }

    @Test
    void patchChangesTheSentPropertiesAndAnswers204() {
        String id = createGroup("Before", Map.of("description", "old"));
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body("{\"displayName\": \"After\", \"description\": null}")
                .when().patch(GROUPS + "/" + id)
                .then().statusCode(204);
        given().auth().oauth2(admin()).when().get(GROUPS + "/" + id)
                .then().statusCode(200)
                .body("displayName", equalTo("After"))
                .body("description", nullValue())
                .body("securityEnabled", equalTo(true));
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("isAssignableToRole", true))
                .when().patch(GROUPS + "/" + id)
                .then().statusCode(400).body("error.target", equalTo("isAssignableToRole"));
    }

    @Test
    void deletingAGroupAnswers204AndThenItIsNotFound() {
        String id = createGroup("Short lived");
        given().auth().oauth2(admin()).when().delete(GROUPS + "/" + id).then().statusCode(204);
        given().auth().oauth2(admin()).when().get(GROUPS + "/" + id).then().statusCode(404);
    }

    @Test
    void filterSelectAndTopPageThroughGroups() {
        String tag = unique("tag");
        for (int i = 0; i < 3; i++) {
            createGroup("Paged " + i, Map.of("description", tag));
        }
        var first = given().auth().oauth2(admin())
                .queryParam("$filter", "description eq '" + tag + "' and securityEnabled eq true")
                .queryParam("$select", "displayName")
                .queryParam("$top", 2)
                .when().get(GROUPS)
                .then().statusCode(200)
                .body("'@odata.context'", equalTo(baseUrl() + "/v1.0/$metadata#groups"))
                .body("value", hasSize(2))
                .body("value[0].description", nullValue())
                .extract();
        String next = first.path("'@odata.nextLink'");
        assertTrue(next.startsWith(baseUrl() + "/v1.0/groups?"), next);
        given().urlEncodingEnabled(false).auth().oauth2(admin()).when().get(next)
                .then().statusCode(200)
                .body("value", hasSize(1))
                .body("'@odata.nextLink'", nullValue());
        given().auth().oauth2(admin())
                .queryParam("$filter", "contains(tolower(displayName),'paged') and description eq '" + tag + "'")
                .when().get(GROUPS)
                .then().statusCode(200).body("value", hasSize(3));
    }

    @Test
    void onlyDirectoryAdminsWriteGroupsAndMembersReadThem() {
        String plain = Directory.member();
        String id = createGroup("Readable");
        given().auth().oauth2(plain).when().get(GROUPS + "/" + id).then().statusCode(200);
        given().auth().oauth2(plain).contentType(ContentType.JSON)
                .body(Map.of("displayName", "Nope", "mailNickname", unique("nope")))
                .when().post(GROUPS)
                .then().statusCode(403).body("error.code", equalTo("accessDenied"));
        given().auth().oauth2(plain).when().delete(GROUPS + "/" + id).then().statusCode(403);
        given().auth().oauth2(Tokens.admin(UUID.randomUUID().toString(), "Groups Administrator"))
                .contentType(ContentType.JSON).body(Map.of("description", "by a groups admin"))
                .when().patch(GROUPS + "/" + id).then().statusCode(204);
        given().when().get(GROUPS + "/" + id)
                .then().statusCode(401).body("error.code", equalTo("InvalidAuthenticationToken"));
    }

    static String baseUrl() {
        return "http://localhost:" + RestAssured.port;
    }
}
