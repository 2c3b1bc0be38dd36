package dev.tessera.catalog.connectedorganization;

import static dev.tessera.catalog.Fixtures.EM;
import static dev.tessera.catalog.Fixtures.admin;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tessera.catalog.Fixtures;
import dev.tessera.testsupport.TesseraInfraResource;
import dev.tessera.testsupport.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class SponsorApiTest {

    static final String ORGS = EM + "/connectedOrganizations";

    String organization;

    @BeforeEach
    void anOrganization() {
        organization = Fixtures.newConnectedOrganization("Sponsored " + UUID.randomUUID(), "configured");
    }

    static String ref(String path) {
        return "{\"@odata.id\":\"https://graph.microsoft.com/v1.0/" + path + "\"}";
    }

    void add(String navigation, String userId) {
        admin().body(ref("users/" + userId)).when().post(ORGS + "/" + organization + "/" + navigation + "/$ref")
                .then().statusCode(204).body(equalTo(""));
    }

    List<String> sponsors(String navigation) {
        return admin().when().get(ORGS + "/" + organization + "/" + navigation).then().statusCode(200)
                .extract().path("value.id");
    }

    @Test
    void internalAndExternalSponsorsAreAddedListedAndRemovedSeparately() {
        String alice = UUID.randomUUID().toString();
        String bob = UUID.randomUUID().toString();
        add("internalSponsors", alice);
        admin().body(ref("directoryObjects/" + bob)).when().post(ORGS + "/" + organization + "/externalSponsors/$ref")
                .then().statusCode(204);

        admin().when().get(ORGS + "/" + organization + "/internalSponsors").then().statusCode(200)
                .header("Content-Type", startsWith("application/json"))
                .body("'@odata.context'", endsWith("/v1.0/$metadata#directoryObjects"))
                .body("value", hasSize(1))
                .body("value[0].'@odata.type'", equalTo("#microsoft.graph.user"))
                .body("value[0].id", equalTo(alice));
        assertEquals(List.of(bob), sponsors("externalSponsors"));

        admin().when().delete(ORGS + "/" + organization + "/internalSponsors/" + alice + "/$ref")
                .then().statusCode(204).body(equalTo(""));
        assertEquals(List.of(), sponsors("internalSponsors"));
        assertEquals(List.of(bob), sponsors("externalSponsors"));
    }

    @Test
    void refMayArriveLiterallyOrPercentEncodedAndNameAnyHost() {
        String user = UUID.randomUUID().toString();
        // Literally "$ref", as curl and the Graph SDKs send it; RestAssured otherwise sends "%24ref".
        given().urlEncodingEnabled(false).auth().oauth2(Tokens.admin(UUID.randomUUID().toString(), Fixtures.IGA))
                .contentType(ContentType.JSON).body("{\"@odata.id\":\"http://localhost:8080/v1.0/users/" + user + "\"}")
                .when().post(ORGS + "/" + organization + "/internalSponsors/$ref")
                .then().statusCode(204);
        given().urlEncodingEnabled(false).auth().oauth2(Tokens.admin(UUID.randomUUID().toString(), Fixtures.IGA))
                .contentType(ContentType.JSON).body("{\"@odata.id\":\"/directoryObjects/" + UUID.randomUUID() + "\"}")
                .when().post(ORGS + "/" + organization + "/internalSponsors/%24ref")
                .then().statusCode(204);
        assertEquals(2, sponsors("internalSponsors").size());
        given().urlEncodingEnabled(false).auth().oauth2(Tokens.admin(UUID.randomUUID().toString(), Fixtures.IGA))
                .when().delete(ORGS + "/" + organization + "/internalSponsors/" + user + "/%24ref")
                .then().statusCode(204);
        given().urlEncodingEnabled(false).auth().oauth2(Tokens.admin(UUID.randomUUID().toString(), Fixtures.IGA))
                .when().delete(ORGS + "/" + organization + "/internalSponsors/" + user + "/$ref")
                .then().statusCode(404);
        assertEquals(1, sponsors("internalSponsors").size());
    }

    @Test
    void addingTheSameSponsorTwiceIsABadRequest() {
        String user = UUID.randomUUID().toString();
        add("externalSponsors", user);
        admin().body(ref("users/" + user)).when().post(ORGS + "/" + organization + "/externalSponsors/$ref")
                .then().statusCode(400).body("error.code", equalTo("Request_BadRequest"))
                .body("error.message", containsString("externalSponsors"));
        assertEquals(List.of(user), sponsors("externalSponsors"));
        // Being an external sponsor does not make the user an internal one.
        add("internalSponsors", user);
    }

    @Test
    void removingAUserWhoIsNotASponsorIs404() {
        String user = UUID.randomUUID().toString();
        add("internalSponsors", user);
        admin().when().delete(ORGS + "/" + organization + "/externalSponsors/" + user + "/$ref")
                .then().statusCode(404).body("error.code", equalTo("itemNotFound"))
                .body("error.message", containsString(user));
        admin().when().delete(ORGS + "/" + organization + "/internalSponsors/" + UUID.randomUUID() + "/$ref")
                .then().statusCode(404);
        assertEquals(List.of(user), sponsors("internalSponsors"));
    }

    @Test
    void badReferencesAreRefusedNamingTheOdataId() {
        String path = ORGS + "/" + organization + "/internalSponsors/$ref";
        admin().body("{}").when().post(path).then().statusCode(400).body("error.target", equalTo("@odata.id"));
        admin().body(ref("groups/" + UUID.randomUUID())).when().post(path).then().statusCode(400)
                .body("error.target", equalTo("@odata.id"));
        admin().body(ref("users/not-a-guid")).when().post(path).then().statusCode(400)
                .body("error.target", equalTo("@odata.id"));
        admin().body("{\"@odata.id\":42}").when().post(path).then().statusCode(400);
        assertEquals(List.of(), sponsors("internalSponsors"));
    }

    @Test
    void sponsorsOfUnknownOrMalformedOrganizationsAre404Or400() {
        String unknown = UUID.randomUUID().toString();
        String user = UUID.randomUUID().toString();
        admin().when().get(ORGS + "/" + unknown + "/internalSponsors").then().statusCode(404)
                .body("error.code", equalTo("itemNotFound"));
        admin().body(ref("users/" + user)).when().post(ORGS + "/" + unknown + "/internalSponsors/$ref")
                .then().statusCode(404).body("error.code", equalTo("itemNotFound"));
        admin().when().delete(ORGS + "/" + unknown + "/internalSponsors/" + user + "/$ref").then().statusCode(404);
        admin().when().get(ORGS + "/nope/externalSponsors").then().statusCode(400);
        admin().body(ref("users/" + user)).when().post(ORGS + "/nope/externalSponsors/$ref").then().statusCode(400);
        admin().when().delete(ORGS + "/" + organization + "/externalSponsors/nope/$ref").then().statusCode(400)
                .body("error.code", equalTo("invalidRequest"));
        admin().when().get(ORGS + "/" + organization + "/otherSponsors").then().statusCode(404);
    }

    @Test
    void sponsorListsArePaged() {
        List<String> added = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String user = UUID.randomUUID().toString();
            add("externalSponsors", user);
            added.add(user);
        }
        var first = admin().queryParam("$top", 2).when().get(ORGS + "/" + organization + "/externalSponsors")
                .then().statusCode(200).body("value", hasSize(2))
                .body("'@odata.nextLink'", startsWith("http://localhost:")).extract();
        List<String> seen = new ArrayList<>(first.path("value.id"));
        String next = first.path("'@odata.nextLink'");
        var last = given().urlEncodingEnabled(false).auth().oauth2(Tokens.admin(UUID.randomUUID().toString(), Fixtures.IGA))
                .when().get(next).then().statusCode(200).body("value", hasSize(1)).extract();
        seen.addAll(last.path("value.id"));
        assertEquals(null, (Object) last.path("'@odata.nextLink'"));
        assertEquals(added.stream().sorted().toList(), seen);
        admin().queryParam("$filter", "id eq '" + added.get(1) + "'")
                .when().get(ORGS + "/" + organization + "/externalSponsors")
                .then().statusCode(200).body("value.id", equalTo(List.of(added.get(1))));
    }
}
