package dev.tessera.catalog.catalog;

import static dev.tessera.catalog.Fixtures.EM;
import static dev.tessera.catalog.Fixtures.GENERAL;
import static dev.tessera.catalog.Fixtures.admin;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tessera.catalog.Fixtures;
import dev.tessera.testsupport.TesseraInfraResource;
import dev.tessera.testsupport.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class CatalogApiTest {

    @Test
    void aNewCatalogIsUserManagedPublishedAndExternallyVisibleByDefault() {
        String name = "Sales " + UUID.randomUUID();
        String id = admin().body("{\"displayName\":\"" + name + "\",\"description\":\"Sales resources\"}")
                .when().post(EM + "/catalogs")
                .then().statusCode(201)
                .header("Content-Type", startsWith("application/json"))
                .body("'@odata.context'", containsString("/v1.0/$metadata#identityGovernance/entitlementManagement/"
                        + "catalogs/$entity"))
                .body("displayName", equalTo(name))
                .body("description", equalTo("Sales resources"))
                .body("catalogType", equalTo("userManaged"))
                .body("state", equalTo("published"))
                .body("isExternallyVisible", equalTo(true))
                .body("createdDateTime", notNullValue())
                .body("modifiedDateTime", notNullValue())
                .extract().path("id");
        admin().when().get(EM + "/catalogs/" + id).then().statusCode(200)
                .body("id", equalTo(id)).body("displayName", equalTo(name)).body("accessPackages", nullValue());
    }

    @Test
    void enumValuesAreAcceptedInAnyCaseAndWrittenInCamelCase() {
        admin().body("{\"displayName\":\"Hidden " + UUID.randomUUID() + "\",\"state\":\"Unpublished\","
                        + "\"isExternallyVisible\":false}")
                .when().post(EM + "/catalogs")
                .then().statusCode(201).body("state", equalTo("unpublished")).body("isExternallyVisible", equalTo(false));
    }

    @Test
    void patchChangesOnlyWhatIsSentAndAnswers204() {
        String id = Fixtures.newCatalog("Patch me " + UUID.randomUUID());
        admin().body("{\"state\":\"unpublished\",\"description\":\"changed\"}").when().patch(EM + "/catalogs/" + id)
                .then().statusCode(204).body(equalTo(""));
        admin().when().get(EM + "/catalogs/" + id).then().statusCode(200)
                .body("state", equalTo("unpublished")).body("description", equalTo("changed"))
                .body("displayName", startsWith("Patch me")).body("isExternallyVisible", equalTo(true));
    }

    @Test
    void catalogsAreFilteredByNameStateTypeVisibilityAndId() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String visible = Fixtures.newCatalog("Marketing " + tag + " visible");
        String hidden = admin().body("{\"displayName\":\"Marketing " + tag + " hidden\",\"isExternallyVisible\":false,"
                + "\"state\":\"unpublished\"}").when().post(EM + "/catalogs").then().statusCode(201).extract().path("id");

        admin().queryParam("$filter", "contains(tolower(displayName),'marketing " + tag + "')")
                .when().get(EM + "/catalogs").then().statusCode(200).body("value", hasSize(2));
        admin().queryParam("$filter", "contains(tolower(displayName),'" + tag + "') and isExternallyVisible eq false")
                .when().get(EM + "/catalogs").then().statusCode(200).body("value.id", equalTo(List.of(hidden)));
        admin().queryParam("$filter", "contains(displayName,'" + tag + "') and state eq 'Published'")
                .when().get(EM + "/catalogs").then().statusCode(200).body("value.id", equalTo(List.of(visible)));
        admin().queryParam("$filter", "id eq '" + hidden + "'")
                .when().get(EM + "/catalogs").then().statusCode(200).body("value.id", equalTo(List.of(hidden)));
        admin().queryParam("$filter", "catalogType eq 'serviceDefault'")
                .when().get(EM + "/catalogs").then().statusCode(200)
                .body("value.id", equalTo(List.of(GENERAL))).body("value[0].displayName", equalTo("General"));
        admin().queryParam("$filter", "state eq 'sideways'").when().get(EM + "/catalogs")
                .then().statusCode(400).body("error.message", containsString("sideways"));
    }

    @Test
    void expandingAccessPackagesListsThePackagesOfEachCatalog() {
        String catalog = Fixtures.newCatalog("With packages " + UUID.randomUUID());
        String first = Fixtures.newPackage(catalog, "A first");
        String second = Fixtures.newPackage(catalog, "B second");
        admin().queryParam("$expand", "accessPackages").when().get(EM + "/catalogs/" + catalog)
                .then().statusCode(200).body("accessPackages.id", equalTo(List.of(first, second)));
        admin().queryParam("$filter", "id eq '" + catalog + "'").queryParam("$expand", "accessPackages")
                .when().get(EM + "/catalogs")
                .then().statusCode(200).body("value[0].accessPackages", hasSize(2));
    }

    @Test
    void aCatalogIsDeletedOnlyWhenItHoldsNoPackagesAndNoResources() {
        String catalog = Fixtures.newCatalog("Delete me " + UUID.randomUUID());
        String accessPackage = Fixtures.newPackage(catalog, "Blocks deletion");
        admin().when().delete(EM + "/catalogs/" + catalog).then().statusCode(409)
                .body("error.message", containsString("access package"));
        admin().when().delete(EM + "/accessPackages/" + accessPackage).then().statusCode(204);

        Fixtures.Onboarded group = Fixtures.onboardNewGroup(catalog);
        admin().when().delete(EM + "/catalogs/" + catalog).then().statusCode(409)
                .body("error.message", containsString("resource"));
        Fixtures.groupAdmin().body("{\"requestType\":\"adminRemove\",\"resource\":{\"id\":\"" + group.resourceId()
                        + "\"},\"catalog\":{\"id\":\"" + catalog + "\"}}")
                .when().post(EM + "/resourceRequests").then().statusCode(201);

        admin().when().delete(EM + "/catalogs/" + catalog).then().statusCode(204);
        admin().when().get(EM + "/catalogs/" + catalog).then().statusCode(404)
                .body("error.code", equalTo("itemNotFound"));
        admin().when().delete(EM + "/catalogs/" + catalog).then().statusCode(404);
    }

    @Test
    void theGeneralCatalogCannotBeDeleted() {
        admin().when().delete(EM + "/catalogs/" + GENERAL).then().statusCode(400)
                .body("error.message", containsString("General"));
        admin().when().get(EM + "/catalogs/" + GENERAL).then().statusCode(200)
                .body("catalogType", equalTo("serviceDefault"));
    }

    @Test
    void invalidCatalogRequestsAreRefusedWithTheFieldNamed() {
        admin().body("{\"displayName\":").when().post(EM + "/catalogs")
                .then().statusCode(400).body("error.code", equalTo("BadRequest"))
                .body("error.innerError.request-id", notNullValue());
        admin().body("{\"description\":\"no name\"}").when().post(EM + "/catalogs")
                .then().statusCode(400).body("error.target", equalTo("displayName"));
        admin().body("{\"displayName\":\"x\",\"state\":\"halfway\"}").when().post(EM + "/catalogs")
                .then().statusCode(400).body("error.target", equalTo("state"))
                .body("error.message", containsString("published"));
        admin().body("{\"displayName\":\"x\",\"isExternallyVisible\":\"perhaps\"}").when().post(EM + "/catalogs")
                .then().statusCode(400).body("error.target", equalTo("isExternallyVisible"));
        admin().body("{\"displayName\":\"  \"}").when().patch(EM + "/catalogs/" + GENERAL)
                .then().statusCode(400).body("error.target", equalTo("displayName"));
        admin().when().get(EM + "/catalogs/not-a-guid").then().statusCode(400).body("error.code", equalTo("invalidRequest"));
        admin().when().get(EM + "/catalogs/" + UUID.randomUUID()).then().statusCode(404);
        admin().queryParam("$top", 1000).when().get(EM + "/catalogs").then().statusCode(400);
        admin().queryParam("$filter", "displayName eq 'x").when().get(EM + "/catalogs").then().statusCode(400)
                .body("error.message", startsWith("Invalid $filter"));
        admin().queryParam("$expand", "accessPackagez").when().get(EM + "/catalogs").then().statusCode(400)
                .body("error.message", containsString("accessPackagez"));
        admin().queryParam("$filter", "colour eq 'red'").when().get(EM + "/catalogs").then().statusCode(400)
                .body("error.message", containsString("colour"));
    }

    @Test
    void catalogListsArePagedWithAnAbsoluteNextLinkThatKeepsTheFilter() {
        String tag = "Paged " + UUID.randomUUID();
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(Fixtures.newCatalog(tag + " " + i));
        }
        List<String> seen = new ArrayList<>();
        var first = admin().queryParam("$filter", "startswith(displayName,'" + tag + "')").queryParam("$top", 2)
                .queryParam("$count", true)
                .when().get(EM + "/catalogs")
                .then().statusCode(200).body("value", hasSize(2)).body("'@odata.count'", equalTo(5))
                .body("'@odata.nextLink'", startsWith("http://localhost:"))
                .body("'@odata.nextLink'", containsString("%24skiptoken="))
                .body("'@odata.nextLink'", not(containsString(" ")))
                .extract();
        seen.addAll(first.path("value.id"));
        String next = first.path("'@odata.nextLink'");
        while (next != null) {
            var page = given().urlEncodingEnabled(false).auth()
                    .oauth2(Tokens.admin(UUID.randomUUID().toString(), Fixtures.IGA))
                    .when().get(next).then().statusCode(200).extract();
            seen.addAll(page.path("value.id"));
            String following = page.path("'@odata.nextLink'");
            assertEquals(false, next.equals(following), "a nextLink never repeats");
            next = following;
        }
        assertEquals(5, seen.size());
        assertEquals(new HashSet<>(created), new HashSet<>(seen));
    }

    @Test
    void selectKeepsOnlyTheAskedPropertiesAndTheId() {
        admin().queryParam("$select", "displayName").when().get(EM + "/catalogs/" + GENERAL)
                .then().statusCode(200).body("displayName", equalTo("General")).body("id", equalTo(GENERAL))
                .body("state", nullValue()).body("catalogType", nullValue());
    }
}
