package dev.tessera.provisioning;

import static dev.tessera.provisioning.Directory.unique;
import static io.restassured.RestAssured.given;

import dev.tessera.testsupport.TesseraInfraResource;
import dev.tessera.testsupport.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Applications, sites and administrative units each have the administrators Entra gives them; a
 * User or Groups Administrator (or an Identity Governance Administrator) administers none of them.
 */
@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class AdministratorKindsTest {

    private static final String ADMIN = UUID.randomUUID().toString();

    @Test
    void servicePrincipalsAreWrittenByApplicationAdministratorsOnly() {
        for (String role : new String[] {"User Administrator", "Groups Administrator",
                "Identity Governance Administrator", "SharePoint Administrator"}) {
            create("/v1.0/servicePrincipals", Map.of("displayName", unique("App ")), role).statusCode(403);
        }
        for (String role : new String[] {"Application Administrator", "Cloud Application Administrator",
                "Global Administrator"}) {
            create("/v1.0/servicePrincipals", Map.of("displayName", unique("App ")), role).statusCode(201);
        }
    }

    @Test
    void sitesAreWrittenBySharePointAdministratorsOnly() {
        for (String role : new String[] {"User Administrator", "Groups Administrator", "Application Administrator"}) {
            create("/v1.0/sites", site(), role).statusCode(403);
        }
        for (String role : new String[] {"SharePoint Administrator", "Global Administrator"}) {
            create("/v1.0/sites", site(), role).statusCode(201);
        }
    }

    @Test
    void administrativeUnitsAreWrittenByPrivilegedRoleAdministratorsOnly() {
        for (String role : new String[] {"User Administrator", "Groups Administrator",
                "Identity Governance Administrator"}) {
            create("/v1.0/directory/administrativeUnits", Map.of("displayName", unique("Unit ")), role)
                    .statusCode(403);
        }
        for (String role : new String[] {"Privileged Role Administrator", "Global Administrator"}) {
            create("/v1.0/directory/administrativeUnits", Map.of("displayName", unique("Unit ")), role)
                    .statusCode(201);
        }
    }

    private static Map<String, Object> site() {
        String slug = unique("site");
        return Map.of("displayName", slug, "webUrl", "https://contoso.sharepoint.com/sites/" + slug);
    }

    private static ValidatableResponse create(String path, Map<String, Object> body, String role) {
        return given().auth().oauth2(Tokens.admin(ADMIN, role)).contentType(ContentType.JSON).body(body)
                .when().post(path).then();
    }
}
