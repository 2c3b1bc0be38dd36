package dev.tessera.catalog;

import static dev.tessera.catalog.Fixtures.EM;
import static dev.tessera.catalog.Fixtures.IGA;
import static dev.tessera.catalog.Fixtures.RM;
import static dev.tessera.catalog.Fixtures.admin;
import static dev.tessera.catalog.Fixtures.as;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tessera.testsupport.Burst;
import dev.tessera.testsupport.TesseraInfraResource;
import dev.tessera.testsupport.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The same DELETE sent by several clients at once, for every DELETE of the catalog: exactly one
 * wins (204), the others find nothing left (404); none fails with a 5xx, none hangs (each burst is
 * bounded).
 */
@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class ConcurrentDeletesTest {

    private static final int CLIENTS = 4;
    private static final List<Integer> ONE_WINS = List.of(204, 404, 404, 404);

    private final String token = Tokens.admin(UUID.randomUUID().toString(), IGA);

    private static String ref(String path, String id) {
        return "{\"@odata.id\":\"https://graph.microsoft.com/v1.0/" + path + "/" + id + "\"}";
    }

    @Test
    void concurrentDeletesOfARoleAssignmentLetOneWin() {
        String catalog = Fixtures.newCatalog("Raced roles " + UUID.randomUUID());
        String assignment = admin().body("{\"principalId\":\"" + FakeOriginApis.newUser("Member")
                        + "\",\"roleDefinitionId\":\"" + Fixtures.CATALOG_OWNER
                        + "\",\"appScopeId\":\"/AccessPackageCatalog/" + catalog + "\"}")
                .when().post(RM + "/roleAssignments").then().statusCode(201).extract().path("id");
        assertEquals(ONE_WINS, Burst.delete(token, RM + "/roleAssignments/" + assignment, CLIENTS));
        admin().when().get(RM + "/roleAssignments/" + assignment).then().statusCode(404);
    }

    @Test
    void concurrentDeletesOfACatalogLetOneWin() {
        String catalog = Fixtures.newCatalog("Raced catalog " + UUID.randomUUID());
        assertEquals(ONE_WINS, Burst.delete(token, EM + "/catalogs/" + catalog, CLIENTS));
        admin().when().get(EM + "/catalogs/" + catalog).then().statusCode(404);
    }

    @Test
    void concurrentDeletesOfAPackageItsRoleScopeAndItsPolicyLetOneWin() {
        String catalog = Fixtures.newCatalog("Raced package " + UUID.randomUUID());
        Fixtures.Onboarded group = Fixtures.onboardNewGroup(catalog);
        String accessPackage = Fixtures.newPackage(catalog, "Raced");
        String first = Fixtures.addRoleScope(accessPackage, group.memberRoleId(), group.rootScopeId());
        Fixtures.addRoleScope(accessPackage, group.ownerRoleId(), group.rootScopeId());
        String policy = admin().body(Fixtures.tutorialPolicyBody(accessPackage, UUID.randomUUID().toString()))
                .when().post(EM + "/assignmentPolicies").then().statusCode(201).extract().path("id");

        assertEquals(ONE_WINS, Burst.delete(token,
                EM + "/accessPackages/" + accessPackage + "/resourceRoleScopes/" + first, CLIENTS));
        assertEquals(ONE_WINS, Burst.delete(token, EM + "/assignmentPolicies/" + policy, CLIENTS));
        // the package still has a role scope: its delete removes it too, once
        assertEquals(ONE_WINS, Burst.delete(token, EM + "/accessPackages/" + accessPackage, CLIENTS));
        admin().when().get(EM + "/accessPackages/" + accessPackage).then().statusCode(404);
    }

    @Test
    void concurrentRemovalsOfAnIncompatibilityLetOneWin() {
        String catalog = Fixtures.newCatalog("Raced SoD " + UUID.randomUUID());
        String payments = Fixtures.newPackage(catalog, "Approve payments");
        String vendors = Fixtures.newPackage(catalog, "Create vendors");
        String auditors = FakeDirectoryApi.newGroup("Auditors");
        String base = EM + "/accessPackages/" + vendors;
        admin().body(ref("identityGovernance/entitlementManagement/accessPackages", payments))
                .when().post(base + "/incompatibleAccessPackages/$ref").then().statusCode(204);
        admin().body(ref("groups", auditors)).when().post(base + "/incompatibleGroups/$ref").then().statusCode(204);

        assertEquals(ONE_WINS, Burst.delete(token, base + "/incompatibleAccessPackages/" + payments + "/$ref",
                CLIENTS));
        assertEquals(ONE_WINS, Burst.delete(token, base + "/incompatibleGroups/" + auditors + "/$ref", CLIENTS));
    }

    @Test
    void concurrentDeletesOfAConnectedOrganizationAndItsSponsorLetOneWin() {
        String organization = Fixtures.newConnectedOrganization("Raced " + UUID.randomUUID(), "configured");
        String sponsor = UUID.randomUUID().toString();
        String base = EM + "/connectedOrganizations/" + organization;
        admin().body(ref("users", sponsor)).when().post(base + "/internalSponsors/$ref").then().statusCode(204);

        assertEquals(ONE_WINS, Burst.delete(token, base + "/internalSponsors/" + sponsor + "/$ref", CLIENTS));
        admin().when().get(base + "/internalSponsors").then().statusCode(200).body("value", hasSize(0));
        assertEquals(ONE_WINS, Burst.delete(token, base, CLIENTS));
        admin().when().get(base).then().statusCode(404);
    }

    /** adminRemove is a POST, but removes: one removal, the others find the resource gone (400 naming it). */
    @Test
    void concurrentRemovalsOfACatalogResourceLetOneWin() {
        String catalog = Fixtures.newCatalog("Raced resource " + UUID.randomUUID());
        Fixtures.Onboarded group = Fixtures.onboardNewGroup(catalog);
        String remove = "{\"requestType\":\"adminRemove\",\"resource\":{\"id\":\"" + group.resourceId()
                + "\"},\"catalog\":{\"id\":\"" + catalog + "\"}}";
        String groupAdmin = Tokens.admin(UUID.randomUUID().toString(), IGA, "Groups Administrator");
        Supplier<Integer> call = () -> as(groupAdmin).body(remove).when().post(EM + "/resourceRequests")
                .then().extract().statusCode();
        assertEquals(List.of(201, 400, 400, 400), Burst.statuses(Collections.nCopies(CLIENTS, call)));
        admin().queryParam("$filter", "id eq '" + group.resourceId() + "'").when()
                .get(EM + "/catalogs/" + catalog + "/resources").then().statusCode(200).body("value", hasSize(0));
    }
}
