package dev.tessera.provisioning.site;

import static dev.tessera.provisioning.Directory.admin;
import static dev.tessera.provisioning.Directory.createSite;
import static dev.tessera.provisioning.Directory.createUser;
import static dev.tessera.provisioning.Directory.ref;
import static dev.tessera.provisioning.Directory.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.platform.messaging.events.Topics;
import dev.tessera.provisioning.Db;
import dev.tessera.provisioning.DirectoryEventTypes;
import dev.tessera.provisioning.Directory;
import dev.tessera.testsupport.TestEvents;
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
class SiteApiTest {

    static final String SITES = "/v1.0/sites";

    @Test
    void creatingASiteAnswers201AndGivesItThreeRoles() {
        String slug = unique("Marketing");
        String url = "https://contoso.sharepoint.com/sites/" + slug;
        String id = given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("displayName", "Marketing", "webUrl", url + "/", "description", "Team site"))
                .when().post(SITES)
                .then().statusCode(201)
                .contentType(ContentType.JSON)
                .body("'@odata.context'", equalTo(baseUrl() + "/v1.0/$metadata#sites/$entity"))
                .body("id", matchesPattern("[0-9a-f-]{36}"))
                .body("displayName", equalTo("Marketing"))
                .body("name", equalTo(slug))
                .body("webUrl", equalTo(url))
                .body("description", equalTo("Team site"))
                .body("createdDateTime", notNullValue())
                .extract().path("id");

        given().auth().oauth2(Directory.member()).when().get(SITES + "/" + id + "/roles")
                .then().statusCode(200)
                .body("'@odata.context'", equalTo(baseUrl() + "/v1.0/$metadata#sites('" + id + "')/roles"))
                .body("value.id", equalTo(List.of("3", "4", "5")))
                .body("value.displayName", equalTo(List.of("Marketing Owners", "Marketing Members",
                        "Marketing Visitors")))
                .body("value[1].description", containsString("Marketing"));
        given().auth().oauth2(admin()).when().get(SITES + "/" + id + "/roles/4")
                .then().statusCode(200)
                .body("id", equalTo("4"))
                .body("displayName", equalTo("Marketing Members"));
        given().auth().oauth2(admin()).when().get(SITES + "/" + id)
                .then().statusCode(200).body("webUrl", equalTo(url));
    }

    @Test
    void aWebUrlIsUniqueIgnoringCaseAndATrailingSlash() {
        String url = "https://contoso.sharepoint.com/sites/" + unique("Unique");
        createSite("First", url);
        for (String again : List.of(url, url.toUpperCase().replace("HTTPS", "https") + "/", url + "//")) {
            given().auth().oauth2(admin()).contentType(ContentType.JSON)
                    .body(Map.of("displayName", "Second", "webUrl", again))
                    .when().post(SITES)
                    .then().statusCode(409)
                    .contentType(ContentType.JSON)
                    .body("error.message", containsString("webUrl"));
        }
        assertEquals(1, Db.count("select count(*) from site where lower(web_url) = lower(?)", url));
    }

    @Test
    void invalidSitesAreBadRequestsNamingTheProperty() {
        for (String url : List.of("http://contoso.sharepoint.com/sites/x", "/sites/relative", "not a url",
                "https://contoso.sharepoint.com/sites/x?y=1", "mailto:someone@contoso.com")) {
            given().auth().oauth2(admin()).contentType(ContentType.JSON)
                    .body(Map.of("displayName", "Bad", "webUrl", url))
                    .when().post(SITES)
                    .then().statusCode(400)
                    .contentType(ContentType.JSON)
                    .body("error.target", equalTo("webUrl"));
        }
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("displayName", "No URL"))
                .when().post(SITES).then().statusCode(400).body("error.target", equalTo("webUrl"));
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("webUrl", "https://contoso.sharepoint.com/sites/" + unique("noname")))
                .when().post(SITES).then().statusCode(400).body("error.target", equalTo("displayName"));
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body("{\"displayName\": 5, ")
                .when().post(SITES).then().statusCode(400).contentType(ContentType.JSON);
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .when().post(SITES).then().statusCode(400).contentType(ContentType.JSON);
    }

    @Test
    void sitesAreFoundByWebUrlOrDisplayNameAndPaged() {
        String name = unique("Filtered site ");
        String url = "https://contoso.sharepoint.com/sites/" + unique("Filtered");
        String id = createSite(name, url);
        createSite(name, "https://contoso.sharepoint.com/sites/" + unique("Filtered"));
        createSite(name, "https://contoso.sharepoint.com/sites/" + unique("Filtered"));
        given().auth().oauth2(admin()).queryParam("$filter", "webUrl eq '" + url + "'")
                .when().get(SITES)
                .then().statusCode(200)
                .body("'@odata.context'", equalTo(baseUrl() + "/v1.0/$metadata#sites"))
                .body("value", hasSize(1)).body("value[0].id", equalTo(id));
        String next = given().auth().oauth2(admin()).queryParam("$filter", "displayName eq '" + name + "'")
                .queryParam("$top", 2)
                .when().get(SITES)
                .then().statusCode(200).body("value", hasSize(2))
                .extract().path("'@odata.nextLink'");
        assertTrue(next.startsWith(baseUrl() + "/v1.0/sites?"), next);
        given().urlEncodingEnabled(false).auth().oauth2(admin()).when().get(next)
                .then().statusCode(200).body("value", hasSize(1)).body("'@odata.nextLink'", nullValue());
    }

    @Test
    void aMemberIsAddedListedAndRemovedByReference() {
        String site = createSite("Sales", "https://contoso.sharepoint.com/sites/" + unique("Sales"));
        String user = createUser("Site Member");
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body(ref(user))
                .when().post(SITES + "/" + site + "/roles/4/members/$ref")
                .then().statusCode(204);
        given().auth().oauth2(admin()).when().get(SITES + "/" + site + "/roles/4/members")
                .then().statusCode(200)
                .body("'@odata.context'", equalTo(baseUrl() + "/v1.0/$metadata#directoryObjects"))
                .body("value", hasSize(1))
                .body("value[0].'@odata.type'", equalTo("#microsoft.graph.user"))
                .body("value[0].id", equalTo(user))
                .body("value[0].displayName", equalTo("Site Member"));
        given().auth().oauth2(admin()).when().get(SITES + "/" + site + "/roles/5/members")
                .then().statusCode(200).body("value", hasSize(0));
        var added = TestEvents.awaitEvent(Topics.DIRECTORY_EVENTS, DirectoryEventTypes.SITE_ROLE_MEMBER_ADDED, user);
        assertTrue(added.value().contains("\"siteId\":\"" + site + "\""), added.value());
        assertTrue(added.value().contains("\"roleId\":\"4\""), added.value());

        given().auth().oauth2(admin()).when().delete(SITES + "/" + site + "/roles/4/members/" + user + "/$ref")
                .then().statusCode(204);
        given().auth().oauth2(admin()).when().get(SITES + "/" + site + "/roles/4/members")
                .then().statusCode(200).body("value", hasSize(0));
        given().auth().oauth2(admin()).when().delete(SITES + "/" + site + "/roles/4/members/" + user + "/$ref")
                .then().statusCode(404).contentType(ContentType.JSON).body("error.code", equalTo("itemNotFound"));
        TestEvents.awaitEvent(Topics.DIRECTORY_EVENTS, DirectoryEventTypes.SITE_ROLE_MEMBER_REMOVED, user);
    }

    @Test
    void referencesTakeTheSameFormsAsGroupMembers() {
        String site = createSite("Forms", "https://contoso.sharepoint.com/sites/" + unique("Forms"));
        String user = createUser("Forms Member");
        given().urlEncodingEnabled(false).auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("@odata.id", "http://localhost:8080/v1.0/users/" + user))
                .when().post(SITES + "/" + site + "/roles/3/members/$ref")
                .then().statusCode(204);
        given().auth().oauth2(admin()).when().get(SITES + "/" + site + "/roles/3/members")
                .then().body("value.id", equalTo(List.of(user)));
    }

    @Test
    void aDuplicateOrUnknownMemberIsRefusedAndWritesNothing() {
        String site = createSite("Refusals", "https://contoso.sharepoint.com/sites/" + unique("Refusals"));
        String user = createUser("Twice Site Member");
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body(ref(user))
                .when().post(SITES + "/" + site + "/roles/5/members/$ref").then().statusCode(204);
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body(ref(user))
                .when().post(SITES + "/" + site + "/roles/5/members/$ref")
                .then().statusCode(400)
                .contentType(ContentType.JSON)
                .body("error.message", containsString("already exist"));
        String nobody = UUID.randomUUID().toString();
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body(ref(nobody))
                .when().post(SITES + "/" + site + "/roles/5/members/$ref")
                .then().statusCode(404).body("error.code", equalTo("itemNotFound"));
        String group = dev.tessera.provisioning.Directory.createGroup("Not a site member");
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body(ref(group))
                .when().post(SITES + "/" + site + "/roles/5/members/$ref")
                .then().statusCode(400).body("error.target", equalTo("@odata.id"))
                .body("error.message", containsString("users only"));
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body(ref(user))
                .when().post(SITES + "/" + site + "/roles/9/members/$ref")
                .then().statusCode(404).body("error.code", equalTo("itemNotFound"));
        given().auth().oauth2(Tokens.user(user)).contentType(ContentType.JSON).body(ref(user))
                .when().post(SITES + "/" + site + "/roles/3/members/$ref")
                .then().statusCode(403).body("error.code", equalTo("accessDenied"));
        assertEquals(1, Db.count("select count(*) from site_role_member where site_id = ?::uuid", site));
        assertEquals(1, Db.count("select count(*) from outbox_event where event_key = ? and event_type = ?", user,
                DirectoryEventTypes.SITE_ROLE_MEMBER_ADDED));
    }

    @Test
    void malformedReferencesAndIdsAreBadRequests() {
        String site = createSite("Malformed", "https://contoso.sharepoint.com/sites/" + unique("Malformed"));
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("@odata.id", "https://graph.microsoft.com/v1.0/directoryObjects/not-a-guid"))
                .when().post(SITES + "/" + site + "/roles/4/members/$ref")
                .then().statusCode(400).body("error.target", equalTo("@odata.id"));
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body(Map.of("something", "else"))
                .when().post(SITES + "/" + site + "/roles/4/members/$ref")
                .then().statusCode(400).body("error.target", equalTo("@odata.id"));
        given().auth().oauth2(admin()).when().delete(SITES + "/" + site + "/roles/4/members/not-a-guid/$ref")
                .then().statusCode(400).contentType(ContentType.JSON);
        given().auth().oauth2(admin()).when().get(SITES + "/not-a-guid")
                .then().statusCode(400).contentType(ContentType.JSON);
        given().auth().oauth2(admin()).when().get(SITES + "/not-a-guid/roles")
                .then().statusCode(400).contentType(ContentType.JSON);
    }

    @Test
    void unknownSitesAndRolesAreNotFound() {
        String unknown = UUID.randomUUID().toString();
        given().auth().oauth2(admin()).when().get(SITES + "/" + unknown)
                .then().statusCode(404).contentType(ContentType.JSON).body("error.code", equalTo("itemNotFound"));
        given().auth().oauth2(admin()).when().get(SITES + "/" + unknown + "/roles").then().statusCode(404);
        given().auth().oauth2(admin()).when().delete(SITES + "/" + unknown).then().statusCode(404);
        String site = createSite("Roles", "https://contoso.sharepoint.com/sites/" + unique("Roles"));
        given().auth().oauth2(admin()).when().get(SITES + "/" + site + "/roles/6")
                .then().statusCode(404).body("error.code", equalTo("itemNotFound"));
        given().auth().oauth2(admin()).when().get(SITES + "/" + site + "/roles/6/members").then().statusCode(404);
    }

    @Test
    void deletingASiteDeletesItsRolesAndMemberships() {
        String site = createSite("Closing", "https://contoso.sharepoint.com/sites/" + unique("Closing"));
        String user = createUser("Closing Member");
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body(ref(user))
                .when().post(SITES + "/" + site + "/roles/3/members/$ref").then().statusCode(204);
        given().auth().oauth2(Tokens.user(user)).when().delete(SITES + "/" + site).then().statusCode(403);
        given().auth().oauth2(admin()).when().delete(SITES + "/" + site).then().statusCode(204);
        given().auth().oauth2(admin()).when().get(SITES + "/" + site).then().statusCode(404);
        assertEquals(0, Db.count("select count(*) from site_role where site_id = ?::uuid", site));
        assertEquals(0, Db.count("select count(*) from site_role_member where site_id = ?::uuid", site));
        given().auth().oauth2(admin()).when().get("/v1.0/users/" + user).then().statusCode(200);
    }

    @Test
    void deletingAUserEndsTheirSiteRoles() {
        String site = createSite("Leavers", "https://contoso.sharepoint.com/sites/" + unique("Leavers"));
        String user = createUser("Leaving Site Member");
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body(ref(user))
                .when().post(SITES + "/" + site + "/roles/4/members/$ref").then().statusCode(204);
        given().auth().oauth2(admin()).when().delete("/v1.0/users/" + user).then().statusCode(204);
        given().auth().oauth2(admin()).when().get(SITES + "/" + site + "/roles/4/members")
                .then().statusCode(200).body("value", hasSize(0));
    }

    @Test
    void aMemberWithoutADirectoryRoleMayReadButNotCreate() {
        String plain = Directory.member();
        given().auth().oauth2(plain).when().get(SITES).then().statusCode(200);
        String url = "https://contoso.sharepoint.com/sites/" + unique("Nope");
        given().auth().oauth2(plain).contentType(ContentType.JSON)
                .body(Map.of("displayName", "Nope", "webUrl", url))
                .when().post(SITES)
                .then().statusCode(403).contentType(ContentType.JSON).body("error.code", equalTo("accessDenied"));
        assertEquals(0, Db.count("select count(*) from site where web_url = ?", url));
    }

    static String baseUrl() {
        return "http://localhost:" + RestAssured.port;
    }
}
