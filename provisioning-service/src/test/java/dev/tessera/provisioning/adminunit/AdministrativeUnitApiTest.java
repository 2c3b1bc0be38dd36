package dev.tessera.provisioning.adminunit;

import static dev.tessera.provisioning.Directory.createAdministrativeUnit;
import static dev.tessera.provisioning.Directory.createGroup;
import static dev.tessera.provisioning.Directory.createUser;
import static dev.tessera.provisioning.Directory.ref;
import static dev.tessera.provisioning.Directory.unique;
import static dev.tessera.provisioning.Directory.unitAdmin;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.provisioning.Db;
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
class AdministrativeUnitApiTest {

    static final String UNITS = "/v1.0/directory/administrativeUnits";

    @Test
    void creatingAUnitAnswers201AndItIsReadBack() {
        String id = given().auth().oauth2(unitAdmin()).contentType(ContentType.JSON)
                .body(Map.of("displayName", "Seattle District Technical Schools",
                        "description", "Seattle district technical schools administration",
                        "visibility", "hiddenmembership"))
                .when().post(UNITS)
                .then().statusCode(201)
                .contentType(ContentType.JSON)
                .body("'@odata.context'", equalTo(baseUrl() + "/v1.0/$metadata#directory/administrativeUnits/$entity"))
                .body("id", matchesPattern("[0-9a-f-]{36}"))
                .body("displayName", equalTo("Seattle District Technical Schools"))
                .body("description", equalTo("Seattle district technical schools administration"))
                .body("visibility", equalTo("HiddenMembership"))
                .extract().path("id");
        // What pim-service relies on to validate directoryScopeId /administrativeUnits/{id} (with its service token).
        given().auth().oauth2(Tokens.app("Directory.Read.All")).when().get(UNITS + "/" + id)
                .then().statusCode(200)
                .body("id", equalTo(id))
                .body("visibility", equalTo("HiddenMembership"));
        String plain = createAdministrativeUnit("Plain unit");
        given().auth().oauth2(unitAdmin()).when().get(UNITS + "/" + plain)
                .then().statusCode(200).body("visibility", nullValue()).body("description", nullValue());
    }

    @Test
    void invalidUnitsAreBadRequestsNamingTheProperty() {
        given().auth().oauth2(unitAdmin()).contentType(ContentType.JSON).body(Map.of("description", "nameless"))
                .when().post(UNITS).then().statusCode(400).body("error.target", equalTo("displayName"));
        given().auth().oauth2(unitAdmin()).contentType(ContentType.JSON)
                .body(Map.of("displayName", "Bad visibility", "visibility", "Private"))
                .when().post(UNITS).then().statusCode(400).body("error.target", equalTo("visibility"));
        given().auth().oauth2(unitAdmin()).contentType(ContentType.JSON).body("{\"displayName\": [")
                .when().post(UNITS).then().statusCode(400).contentType(ContentType.JSON);
        given().auth().oauth2(unitAdmin()).contentType(ContentType.JSON).body(Map.of("displayName", List.of("x")))
                .when().post(UNITS).then().statusCode(400).contentType(ContentType.JSON);
    }

    @Test
    void patchChangesTheSentPropertiesAndDeleteRemovesTheUnit() {
        String id = createAdministrativeUnit("Before");
        given().auth().oauth2(unitAdmin()).contentType(ContentType.JSON)
                .body(Map.of("displayName", "After", "visibility", "Public"))
                .when().patch(UNITS + "/" + id).then().statusCode(204);
        given().auth().oauth2(unitAdmin()).when().get(UNITS + "/" + id)
                .then().body("displayName", equalTo("After")).body("visibility", equalTo("Public"));
        given().auth().oauth2(unitAdmin()).contentType(ContentType.JSON).body("{\"visibility\": null}")
                .when().patch(UNITS + "/" + id).then().statusCode(204);
        given().auth().oauth2(unitAdmin()).when().get(UNITS + "/" + id).then().body("visibility", nullValue());
        given().auth().oauth2(unitAdmin()).contentType(ContentType.JSON).body("{\"displayName\": null}")
                .when().patch(UNITS + "/" + id).then().statusCode(400).body("error.target", equalTo("displayName"));

        given().auth().oauth2(unitAdmin()).when().delete(UNITS + "/" + id).then().statusCode(204);
        given().auth().oauth2(unitAdmin()).when().get(UNITS + "/" + id)
                .then().statusCode(404).contentType(ContentType.JSON).body("error.code", equalTo("itemNotFound"));
        given().auth().oauth2(unitAdmin()).when().delete(UNITS + "/" + id).then().statusCode(404);
    }

    @Test
    void unitsAreFilteredOnDisplayNameAndPaged() {
        String prefix = unique("Region ");
        for (String suffix : List.of("North", "South", "East")) {
            createAdministrativeUnit(prefix + suffix);
        }
        String next = given().auth().oauth2(unitAdmin())
                .queryParam("$filter", "startswith(displayName,'" + prefix + "')")
                .queryParam("$top", 2).queryParam("$count", true)
                .when().get(UNITS)
                .then().statusCode(200)
                .body("'@odata.context'", equalTo(baseUrl() + "/v1.0/$metadata#directory/administrativeUnits"))
                .body("'@odata.count'", equalTo(3))
                .body("value", hasSize(2))
                .extract().path("'@odata.nextLink'");
        assertTrue(next.startsWith(baseUrl() + "/v1.0/directory/administrativeUnits?"), next);
        given().urlEncodingEnabled(false).auth().oauth2(unitAdmin()).when().get(next)
                .then().statusCode(200).body("value", hasSize(1)).body("'@odata.nextLink'", nullValue());
        given().auth().oauth2(unitAdmin()).queryParam("$filter", "displayName eq '" + prefix + "South'")
                .when().get(UNITS).then().statusCode(200).body("value", hasSize(1));
    }

    @Test
    void usersAndGroupsAreAddedListedWithTheirTypeAndRemoved() {
        String unit = createAdministrativeUnit("Members unit");
        String user = createUser("Unit User");
        String group = createGroup("Unit group");
        given().auth().oauth2(unitAdmin()).contentType(ContentType.JSON).body(ref(user))
                .when().post(UNITS + "/" + unit + "/members/$ref").then().statusCode(204);
        given().auth().oauth2(unitAdmin()).contentType(ContentType.JSON)
                .body(Map.of("@odata.id", "https://graph.microsoft.com/v1.0/groups/" + group))
                .when().post(UNITS + "/" + unit + "/members/$ref").then().statusCode(204);

        var members = given().auth().oauth2(unitAdmin()).when().get(UNITS + "/" + unit + "/members")
                .then().statusCode(200)
                .body("'@odata.context'", equalTo(baseUrl() + "/v1.0/$metadata#directoryObjects"))
                .body("value", hasSize(2))
                .extract();
        Map<String, String> types = new java.util.HashMap<>();
        for (int i = 0; i < 2; i++) {
            types.put(members.path("value[" + i + "].id"), members.path("value[" + i + "].'@odata.type'"));
        }
        assertEquals(Map.of(user, "#microsoft.graph.user", group, "#microsoft.graph.group"), types);

        given().auth().oauth2(unitAdmin()).when().delete(UNITS + "/" + unit + "/members/" + user + "/$ref")
                .then().statusCode(204);
        given().auth().oauth2(unitAdmin()).when().get(UNITS + "/" + unit + "/members")
                .then().body("value.id", equalTo(List.of(group)));
        given().auth().oauth2(unitAdmin()).when().delete(UNITS + "/" + unit + "/members/" + user + "/$ref")
                .then().statusCode(404).contentType(ContentType.JSON).body("error.code", equalTo("itemNotFound"));
    }

    @Test
    void aDuplicateOrUnknownMemberIsRefusedAndWritesNothing() {
        String unit = createAdministrativeUnit("Refusing unit");
        String user = createUser("Unit Twice");
        given().auth().oauth2(unitAdmin()).contentType(ContentType.JSON).body(ref(user))
                .when().post(UNITS + "/" + unit + "/members/$ref").then().statusCode(204);
        given().auth().oauth2(unitAdmin()).contentType(ContentType.JSON).body(ref(user))
                .when().post(UNITS + "/" + unit + "/members/$ref")
                .then().statusCode(400).contentType(ContentType.JSON)
                .body("error.message", containsString("already exist"));
        given().auth().oauth2(unitAdmin()).contentType(ContentType.JSON).body(ref(UUID.randomUUID().toString()))
                .when().post(UNITS + "/" + unit + "/members/$ref")
                .then().statusCode(404).body("error.code", equalTo("itemNotFound"));
        given().auth().oauth2(unitAdmin()).contentType(ContentType.JSON).body(ref("not-a-guid"))
                .when().post(UNITS + "/" + unit + "/members/$ref")
                .then().statusCode(400).body("error.target", equalTo("@odata.id"));
        given().auth().oauth2(unitAdmin()).contentType(ContentType.JSON).body(ref(user))
                .when().post(UNITS + "/" + UUID.randomUUID() + "/members/$ref").then().statusCode(404);
        assertEquals(1, Db.count("select count(*) from administrative_unit_member where administrative_unit_id = ?::uuid",
                unit));
    }

    @Test
    void pagingMembersWorksAndFilteringThemIsRefused() {
        String unit = createAdministrativeUnit("Paged members unit");
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(unitAdmin()).contentType(ContentType.JSON).body(ref(createUser("Paged Unit " + i)))
                    .when().post(UNITS + "/" + unit + "/members/$ref").then().statusCode(204);
        }
        String next = given().auth().oauth2(unitAdmin()).queryParam("$top", 2)
                .when().get(UNITS + "/" + unit + "/members")
                .then().statusCode(200).body("value", hasSize(2)).extract().path("'@odata.nextLink'");
        given().urlEncodingEnabled(false).auth().oauth2(unitAdmin()).when().get(next)
                .then().statusCode(200).body("value", hasSize(1)).body("'@odata.nextLink'", nullValue());
        given().auth().oauth2(unitAdmin()).queryParam("$filter", "displayName eq 'x'")
                .when().get(UNITS + "/" + unit + "/members").then().statusCode(400).contentType(ContentType.JSON);
    }

    @Test
    void deletingAMemberOrTheUnitEndsTheMembership() {
        String unit = createAdministrativeUnit("Cascading unit");
        String user = createUser("Unit Leaver");
        String group = createGroup("Unit leaving group");
        for (String member : List.of(user, group)) {
            given().auth().oauth2(unitAdmin()).contentType(ContentType.JSON).body(ref(member))
                    .when().post(UNITS + "/" + unit + "/members/$ref").then().statusCode(204);
        }
        given().auth().oauth2(Directory.admin()).when().delete("/v1.0/users/" + user).then().statusCode(204);
        given().auth().oauth2(unitAdmin()).when().get(UNITS + "/" + unit + "/members")
                .then().body("value.id", equalTo(List.of(group)));
        given().auth().oauth2(unitAdmin()).when().delete(UNITS + "/" + unit).then().statusCode(204);
        assertEquals(0, Db.count("select count(*) from administrative_unit_member where administrative_unit_id = ?::uuid",
                unit));
        given().auth().oauth2(unitAdmin()).when().get("/v1.0/groups/" + group).then().statusCode(200);
    }

    @Test
    void aMemberWithoutADirectoryRoleMayReadButNotWrite() {
        String plain = Directory.member();
        String unit = createAdministrativeUnit("Guarded unit");
        String user = createUser("Unit Outsider");
        given().auth().oauth2(plain).when().get(UNITS).then().statusCode(200);
        given().auth().oauth2(plain).when().get(UNITS + "/" + unit + "/members").then().statusCode(200);
        given().auth().oauth2(plain).contentType(ContentType.JSON).body(Map.of("displayName", "Nope"))
                .when().post(UNITS)
                .then().statusCode(403).contentType(ContentType.JSON).body("error.code", equalTo("accessDenied"));
        given().auth().oauth2(plain).contentType(ContentType.JSON).body(Map.of("displayName", "Nope"))
                .when().patch(UNITS + "/" + unit).then().statusCode(403);
        given().auth().oauth2(plain).contentType(ContentType.JSON).body(ref(user))
                .when().post(UNITS + "/" + unit + "/members/$ref").then().statusCode(403);
        given().auth().oauth2(plain).when().delete(UNITS + "/" + unit).then().statusCode(403);
        given().auth().oauth2(unitAdmin()).when().get(UNITS + "/" + unit).then().statusCode(200)
                .body("displayName", equalTo("Guarded unit"));
        assertEquals(0, Db.count("select count(*) from administrative_unit_member where administrative_unit_id = ?::uuid",
                unit));
    }

    @Test
    void unknownUnitsAreNotFoundAndMalformedIdsBadRequests() {
        String unknown = UUID.randomUUID().toString();
        given().auth().oauth2(unitAdmin()).when().get(UNITS + "/" + unknown)
                .then().statusCode(404).contentType(ContentType.JSON).body("error.code", equalTo("itemNotFound"));
        given().auth().oauth2(unitAdmin()).contentType(ContentType.JSON).body(Map.of("displayName", "x"))
                .when().patch(UNITS + "/" + unknown).then().statusCode(404);
        given().auth().oauth2(unitAdmin()).when().get(UNITS + "/" + unknown + "/members").then().statusCode(404);
        given().auth().oauth2(unitAdmin()).when().get(UNITS + "/not-a-guid")
                .then().statusCode(400).contentType(ContentType.JSON);
        given().auth().oauth2(unitAdmin()).when().delete(UNITS + "/" + unknown + "/members/not-a-guid/$ref")
                .then().statusCode(400).contentType(ContentType.JSON);
    }

    static String baseUrl() {
        return "http://localhost:" + RestAssured.port;
    }
}
