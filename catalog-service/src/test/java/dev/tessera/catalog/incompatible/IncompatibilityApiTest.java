package dev.tessera.catalog.incompatible;

import static dev.tessera.catalog.Fixtures.EM;
import static dev.tessera.catalog.Fixtures.admin;
import static dev.tessera.catalog.Fixtures.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.catalog.FakeDirectoryApi;
import dev.tessera.catalog.Fixtures;
import dev.tessera.testsupport.TesseraInfraResource;
import dev.tessera.testsupport.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** incompatibleAccessPackages, accessPackagesIncompatibleWith and incompatibleGroups, as Graph shows them. */
@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class IncompatibilityApiTest {

    static final ObjectMapper MAPPER = new ObjectMapper();

    static String ref(String path, String id) {
        return "{\"@odata.id\":\"https://graph.microsoft.com/v1.0/" + path + "/" + id + "\"}";
    }

    @Test
    void packagesAreMadeIncompatibleBothWaysAndTheRequestContextCarriesIt() throws Exception {
        String catalog = Fixtures.newCatalog("SoD " + UUID.randomUUID());
        String payments = Fixtures.newPackage(catalog, "Approve payments");
        String vendors = Fixtures.newPackage(catalog, "Create vendors");
        String base = EM + "/accessPackages/" + vendors;

        admin().body(ref("identityGovernance/entitlementManagement/accessPackages", payments))
                .when().post(base + "/incompatibleAccessPackages/$ref").then().statusCode(204);
        admin().when().get(base + "/incompatibleAccessPackages").then().statusCode(200)
                .body("value.id", equalTo(List.of(payments))).body("value[0].displayName", equalTo("Approve payments"));
        admin().when().get(EM + "/accessPackages/" + payments + "/accessPackagesIncompatibleWith").then().statusCode(200)
                .body("value.id", equalTo(List.of(vendors)));

        // both directions reach request-service: asking for payments conflicts with vendors too
        JsonNode context = MAPPER.readTree(as(Tokens.service())
                .when().get("/internal/v1/accessPackages/" + payments + "/requestContext").then().statusCode(200)
                .extract().asString());
        assertEquals(vendors, context.path("incompatible").path("accessPackages").get(0).path("id").asText());

        admin().body(ref("identityGovernance/entitlementManagement/accessPackages", payments))
                .when().post(base + "/incompatibleAccessPackages/$ref").then().statusCode(400)
                .body("error.message", containsString("already"));
        admin().body(ref("identityGovernance/entitlementManagement/accessPackages", vendors))
                .when().post(base + "/incompatibleAccessPackages/$ref").then().statusCode(400)
                .body("error.message", containsString("itself"));
        admin().body(ref("identityGovernance/entitlementManagement/accessPackages", UUID.randomUUID().toString()))
                .when().post(base + "/incompatibleAccessPackages/$ref").then().statusCode(400)
                .body("error.target", equalTo("@odata.id"));
        admin().body("{\"@odata.id\":\"https://graph.microsoft.com/v1.0/users/" + payments + "\"}")
                .when().post(base + "/incompatibleAccessPackages/$ref").then().statusCode(400);
        as(Tokens.admin(UUID.randomUUID().toString(), "Global Reader"))
                .body(ref("identityGovernance/entitlementManagement/accessPackages", payments))
                .when().post(EM + "/accessPackages/" + payments + "/incompatibleAccessPackages/$ref").then().statusCode(403);

        admin().when().delete(base + "/incompatibleAccessPackages/" + payments + "/$ref").then().statusCode(204);
        admin().when().delete(base + "/incompatibleAccessPackages/" + payments + "/$ref").then().statusCode(404);
        admin().when().get(base + "/incompatibleAccessPackages").then().statusCode(200).body("value", hasSize(0));
        admin().when().get(EM + "/accessPackages/" + UUID.randomUUID() + "/incompatibleAccessPackages").then().statusCode(404);
    }

    @Test
    void groupsMustExistAndAreListedWithTheirNames() {
        String catalog = Fixtures.newCatalog("SoD groups " + UUID.randomUUID());
        String vendors = Fixtures.newPackage(catalog, "Create vendors");
        String auditors = FakeDirectoryApi.newGroup("Auditors");
        String base = EM + "/accessPackages/" + vendors + "/incompatibleGroups";

        admin().body(ref("groups", auditors)).when().post(base + "/$ref").then().statusCode(204);
        admin().when().get(base).then().statusCode(200)
                .body("value", hasSize(1)).body("value[0].id", equalTo(auditors))
                .body("value[0].displayName", equalTo("Auditors"))
                .body("value[0].'@odata.type'", equalTo("#microsoft.graph.group"));
        admin().body(ref("groups", auditors)).when().post(base + "/$ref").then().statusCode(400);
        String missing = UUID.randomUUID().toString();
        admin().body(ref("groups", missing)).when().post(base + "/$ref").then().statusCode(400)
                .body("error.message", containsString(missing));
        admin().body(ref("groups", FakeDirectoryApi.BROKEN)).when().post(base + "/$ref").then().statusCode(503);
        admin().body("{}").when().post(base + "/$ref").then().statusCode(400);

        admin().when().delete(base + "/" + auditors + "/$ref").then().statusCode(204);
        admin().when().get(base).then().statusCode(200).body("value", hasSize(0));
        admin().when().delete(base + "/not-a-guid/$ref").then().statusCode(400);
    }
}
