package dev.tessera.catalog.role;

import static dev.tessera.catalog.Fixtures.EM;
import static dev.tessera.catalog.Fixtures.admin;
import static dev.tessera.catalog.Fixtures.as;
import static dev.tessera.catalog.Fixtures.newCatalog;
import static dev.tessera.catalog.Fixtures.newPackage;
import static dev.tessera.catalog.Fixtures.onboardNewGroup;
import static dev.tessera.catalog.Fixtures.onboardRequest;
import static dev.tessera.catalog.Fixtures.tutorialPolicyBody;
import static dev.tessera.catalog.role.RoleAssignmentApiTest.ASSIGNMENT_MANAGER;
import static dev.tessera.catalog.role.RoleAssignmentApiTest.CREATOR;
import static dev.tessera.catalog.role.RoleAssignmentApiTest.OWNER;
import static dev.tessera.catalog.role.RoleAssignmentApiTest.PACKAGE_MANAGER;
import static dev.tessera.catalog.role.RoleAssignmentApiTest.READER;
import static dev.tessera.catalog.role.RoleAssignmentApiTest.RM;
import static dev.tessera.catalog.role.RoleAssignmentApiTest.assign;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

import dev.tessera.catalog.FakeDirectoryApi;
import dev.tessera.catalog.FakeOriginApis;
import dev.tessera.catalog.Fixtures.Onboarded;
import dev.tessera.testsupport.TesseraInfraResource;
import dev.tessera.testsupport.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every kind of catalog-scoped call under each catalog role: what the role allows in its catalog
 * succeeds, everything else (and anything in another catalog) is a 403 with nothing written.
 */
@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class CatalogRoleEnforcementTest {

    /** Catalog A, where the role is held, with a resource, a package (with a role scope) and a policy. */
    String a;
    Onboarded resourceA;
    String packageA;
    String policyA;
    /** Catalog B, where the caller holds nothing, built the same way. */
    String b;
    String packageB;
    String policyB;

    @BeforeEach
    void twoCatalogs() {
        a = newCatalog("A " + UUID.randomUUID());
        resourceA = onboardNewGroup(a);
        packageA = newPackage(a, "Package A");
        policyA = policy(admin(), packageA);
        b = newCatalog("B " + UUID.randomUUID());
        onboardNewGroup(b);
        packageB = newPackage(b, "Package B");
        policyB = policy(admin(), packageB);
    }

    static String policy(RequestSpecification as, String packageId) {
        return as.body(tutorialPolicyBody(packageId, UUID.randomUUID().toString())).when().post(EM + "/assignmentPolicies")
                .then().statusCode(201).extract().path("id");
    }

    /** Who each {@link #holder} token is. */
    final Map<String, String> users = new HashMap<>();

    /** A user of the directory holding the role in catalog A; returns their token. */
    String holder(String role) {
        String user = FakeOriginApis.newUser("Member");
        assign(user, role, a);
        String token = Tokens.user(user);
        users.put(token, user);
        return token;
    }

    void readsOfCatalog(String token, String catalog, String accessPackage, String policy, int status) {
        as(token).when().get(EM + "/catalogs/" + catalog).then().statusCode(status);
        as(token).when().get(EM + "/catalogs/" + catalog + "/resources").then().statusCode(status);
        as(token).when().get(EM + "/catalogs/" + catalog + "/resourceRoles").then().statusCode(status);
        as(token).when().get(EM + "/accessPackages/" + accessPackage + "?$expand=resourceRoleScopes($expand=role,scope)")
                .then().statusCode(status);
        as(token).when().get(EM + "/accessPackages/" + accessPackage + "/resourceRoleScopes").then().statusCode(status);
        as(token).when().get(EM + "/accessPackages/" + accessPackage + "/incompatibleAccessPackages").then().statusCode(status);
        as(token).when().get(EM + "/accessPackages/" + accessPackage + "/incompatibleGroups").then().statusCode(status);
        as(token).when().get(EM + "/accessPackages/" + accessPackage + "/accessPackagesIncompatibleWith").then().statusCode(status);
        as(token).when().get(EM + "/assignmentPolicies/" + policy).then().statusCode(status);
    }

    void packageWritesOfCatalog(String token, String catalog, String accessPackage, String policy, int status) {
        as(token).body("{\"displayName\":\"New\",\"catalog\":{\"id\":\"" + catalog + "\"}}").when()
                .post(EM + "/accessPackages").then().statusCode(status == 204 ? 201 : status);
        as(token).body("{\"description\":\"changed\"}").when().patch(EM + "/accessPackages/" + accessPackage)
                .then().statusCode(status);
        as(token).body("{\"@odata.id\":\"https://graph.microsoft.com/v1.0/identityGovernance/entitlementManagement/"
                        + "accessPackages/" + newPackage(catalog, "Other") + "\"}")
                .when().post(EM + "/accessPackages/" + accessPackage + "/incompatibleAccessPackages/$ref")
                .then().statusCode(status);
        as(token).body(tutorialPolicyBody(accessPackage, UUID.randomUUID().toString())).when()
                .put(EM + "/assignmentPolicies/" + policy).then().statusCode(status == 204 ? 200 : status);
    }

    void catalogWritesOf(String token, String catalog, int status) {
        as(token).body("{\"description\":\"changed by a role\"}").when().patch(EM + "/catalogs/" + catalog)
                .then().statusCode(status);
        // a group the caller owns: adding it takes rights over the group besides the catalog role
        as(token).body(onboardRequest(FakeDirectoryApi.newGroup("G " + UUID.randomUUID(), users.get(token)), catalog))
                .when().post(EM + "/resourceRequests").then().statusCode(status == 204 ? 201 : status);
    }

    @Test
    void aCatalogOwnerDoesEverythingInTheirCatalogAndNothingInAnother() {
        String owner = holder(OWNER);
        readsOfCatalog(owner, a, packageA, policyA, 200);
        packageWritesOfCatalog(owner, a, packageA, policyA, 204);
        catalogWritesOf(owner, a, 204);
        String scope = as(owner).body("{\"role\":{\"id\":\"" + resourceA.memberRoleId() + "\"},\"scope\":{\"id\":\""
                + resourceA.rootScopeId() + "\"}}").when().post(EM + "/accessPackages/" + packageA + "/resourceRoleScopes")
                .then().statusCode(201).extract().path("id");
        as(owner).when().delete(EM + "/accessPackages/" + packageA + "/resourceRoleScopes/" + scope).then().statusCode(204);
        String own = policy(as(owner), packageA);
        as(owner).when().delete(EM + "/assignmentPolicies/" + own).then().statusCode(204);

        readsOfCatalog(owner, b, packageB, policyB, 403);
        packageWritesOfCatalog(owner, b, packageB, policyB, 403);
        catalogWritesOf(owner, b, 403);
        // a package of another catalog cannot even be named as incompatible
        as(owner).body("{\"@odata.id\":\"https://graph.microsoft.com/v1.0/identityGovernance/entitlementManagement/"
                        + "accessPackages/" + packageB + "\"}")
                .when().post(EM + "/accessPackages/" + packageA + "/incompatibleAccessPackages/$ref")
                .then().statusCode(403);
        admin().when().get(EM + "/accessPackages/" + packageB + "/accessPackagesIncompatibleWith")
                .then().body("value", hasSize(0));
        as(owner).when().delete(EM + "/catalogs/" + b).then().statusCode(403).body("error.code", equalTo("accessDenied"));
        as(owner).when().delete(EM + "/accessPackages/" + packageB).then().statusCode(403);
        as(owner).when().delete(EM + "/assignmentPolicies/" + policyB).then().statusCode(403);
        // nothing changed in B
        admin().when().get(EM + "/catalogs/" + b).then().body("description", equalTo("for tests"));
        admin().queryParam("$filter", "catalog/id eq '" + b + "'").when().get(EM + "/accessPackages")
                .then().body("value", hasSize(2));
    }

    @Test
    void anOwnerMayDeleteTheirEmptyCatalog() {
        String empty = newCatalog("Empty " + UUID.randomUUID());
        String user = FakeOriginApis.newUser("Member");
        assign(user, OWNER, empty);
        as(Tokens.user(user)).when().delete(EM + "/catalogs/" + empty).then().statusCode(204);
        // its role assignments went with it
        admin().queryParam("$filter", "appScopeId eq '/AccessPackageCatalog/" + empty + "'")
                .when().get(RM + "/roleAssignments").then().body("value", hasSize(0));
    }

    @Test
    void aCatalogReaderOnlyReadsTheirCatalog() {
        String reader = holder(READER);
        readsOfCatalog(reader, a, packageA, policyA, 200);
        packageWritesOfCatalog(reader, a, packageA, policyA, 403);
        catalogWritesOf(reader, a, 403);
        as(reader).when().delete(EM + "/accessPackages/" + packageA).then().statusCode(403);
        as(reader).when().delete(EM + "/assignmentPolicies/" + policyA).then().statusCode(403);
        readsOfCatalog(reader, b, packageB, policyB, 403);
        admin().when().get(EM + "/catalogs/" + a).then().body("description", equalTo("for tests"));
    }

    @Test
    void anAccessPackageManagerManagesPackagesAndPoliciesButNotTheCatalogOrItsResources() {
        String manager = holder(PACKAGE_MANAGER);
        readsOfCatalog(manager, a, packageA, policyA, 200);
        packageWritesOfCatalog(manager, a, packageA, policyA, 204);
        as(manager).body("{\"role\":{\"id\":\"" + resourceA.memberRoleId() + "\"},\"scope\":{\"id\":\""
                + resourceA.rootScopeId() + "\"}}").when().post(EM + "/accessPackages/" + packageA + "/resourceRoleScopes")
                .then().statusCode(201);
        catalogWritesOf(manager, a, 403);
        as(manager).when().delete(EM + "/catalogs/" + a).then().statusCode(403);
        readsOfCatalog(manager, b, packageB, policyB, 403);
        packageWritesOfCatalog(manager, b, packageB, policyB, 403);
    }

    @Test
    void anAssignmentManagerReadsTheCatalogsPackagesAndPoliciesOnly() {
        String manager = holder(ASSIGNMENT_MANAGER);
        readsOfCatalog(manager, a, packageA, policyA, 200);
        packageWritesOfCatalog(manager, a, packageA, policyA, 403);
        catalogWritesOf(manager, a, 403);
        readsOfCatalog(manager, b, packageB, policyB, 403);
    }

    @Test
    void listsShowOnlyTheCatalogsARoleIsHeldIn() {
        String reader = holder(READER);
        as(reader).when().get(EM + "/catalogs").then().statusCode(200).body("value.id", equalTo(List.of(a)));
        as(reader).queryParam("$count", "true").when().get(EM + "/catalogs").then().body("'@odata.count'", is(1));
        as(reader).when().get(EM + "/accessPackages").then().statusCode(200)
                .body("value.id", equalTo(List.of(packageA)));
        as(reader).when().get(EM + "/assignmentPolicies").then().statusCode(200)
                .body("value.id", equalTo(List.of(policyA)));
        as(reader).when().get(EM + "/resourceRequests").then().statusCode(200).body("value", hasSize(1));
        as(reader).queryParam("$filter", "catalog/id eq '" + b + "'").when().get(EM + "/resourceRequests")
                .then().statusCode(200).body("value", hasSize(0));
        // without any role, the lists are empty
        String nobody = Tokens.user(FakeOriginApis.newUser("Member"));
        as(nobody).when().get(EM + "/catalogs").then().statusCode(200).body("value", hasSize(0));
        as(nobody).when().get(EM + "/accessPackages").then().statusCode(200).body("value", hasSize(0));
    }

    @Test
    void aRoleHeldByAGroupIsHeldByItsMembers() {
        String group = FakeDirectoryApi.newGroup("Readers of A " + UUID.randomUUID());
        assign(group, READER, a);
        String member = Tokens.user(FakeOriginApis.newUser("Member", group));
        as(member).when().get(EM + "/catalogs/" + a).then().statusCode(200);
        as(member).when().get(EM + "/catalogs").then().body("value.id", equalTo(List.of(a)));
        as(member).body("{\"description\":\"x\"}").when().patch(EM + "/catalogs/" + a).then().statusCode(403);
        String outsider = Tokens.user(FakeOriginApis.newUser("Member"));
        as(outsider).when().get(EM + "/catalogs/" + a).then().statusCode(403);
    }

    @Test
    void aCatalogCreatorBecomesOwnerOfTheCatalogTheyCreate() {
        String user = FakeOriginApis.newUser("Member");
        String token = Tokens.user(user);
        as(token).body("{\"displayName\":\"Not allowed\"}").when().post(EM + "/catalogs").then().statusCode(403)
                .body("error.code", equalTo("accessDenied"));
        admin().body("{\"principalId\":\"" + user + "\",\"roleDefinitionId\":\"" + CREATOR + "\",\"directoryScopeId\":\"/\"}")
                .when().post(RM + "/roleAssignments").then().statusCode(201);
        String created = as(token).body("{\"displayName\":\"Mine " + UUID.randomUUID() + "\"}").when()
                .post(EM + "/catalogs").then().statusCode(201).extract().path("id");
        admin().queryParam("$filter", "appScopeId eq '/AccessPackageCatalog/" + created + "'")
                .when().get(RM + "/roleAssignments").then().statusCode(200)
                .body("value.principalId", equalTo(List.of(user)))
                .body("value.roleDefinitionId", equalTo(List.of(OWNER)));
        as(token).body("{\"description\":\"owned\"}").when().patch(EM + "/catalogs/" + created).then().statusCode(204);
        as(token).body("{\"displayName\":\"P\",\"catalog\":{\"id\":\"" + created + "\"}}").when()
                .post(EM + "/accessPackages").then().statusCode(201);
        // creating catalogs gives nothing in others
        as(token).when().get(EM + "/catalogs/" + a).then().statusCode(403);
        as(token).when().get(EM + "/catalogs").then().body("value.id", equalTo(List.of(created)));
    }

    /** request-service's calls on behalf of a user: its service token, the user named in principalId. */
    static RequestSpecification forUser(String user) {
        return as(Tokens.service()).queryParam("principalId", user);
    }

    @Test
    void requestServiceLearnsTheUsersRolesAndManagedPackages() {
        String user = FakeOriginApis.newUser("Member");
        assign(user, ASSIGNMENT_MANAGER, a);
        forUser(user).when().get("/internal/v1/accessPackages/" + packageA + "/requestContext").then().statusCode(200)
                .body("accessPackage.catalogId", equalTo(a))
                .body("callerCatalogRoles", equalTo(List.of(ASSIGNMENT_MANAGER)))
                .body("callerManagesAssignments", equalTo(true));
        forUser(user).when().get("/internal/v1/accessPackages/" + packageB + "/requestContext").then().statusCode(200)
                .body("callerCatalogRoles", hasSize(0))
                .body("callerManagesAssignments", equalTo(false));
        String second = newPackage(a, "Second");
        forUser(user).when().get("/internal/v1/managedAccessPackages").then().statusCode(200)
                .body("accessPackageIds", containsInAnyOrder(packageA, second));
        String reader = FakeOriginApis.newUser("Member");
        assign(reader, READER, a);
        forUser(reader).when().get("/internal/v1/managedAccessPackages").then().body("accessPackageIds", hasSize(0));
        // without a user: the package alone
        as(Tokens.service()).when().get("/internal/v1/accessPackages/" + packageA + "/requestContext").then()
                .statusCode(200).body("callerCatalogRoles", hasSize(0)).body("callerManagesAssignments", equalTo(false));
        as(Tokens.service()).when().get("/internal/v1/managedAccessPackages").then().statusCode(400)
                .body("error.target", equalTo("principalId"));
    }

    /**
     * request-service decides one package from its requestContext and lists from managedAccessPackages:
     * both answers must come from the same table. Every catalog role reads its catalog's assignments and
     * requests; owners, package managers and assignment managers manage them; nothing in another catalog.
     * Tenant-wide roles (EM administrator, Global Reader) travel in the user's token, which request-service
     * judges itself: catalog-service answers by catalog roles alone.
     */
    @Test
    void requestContextAndManagedPackagesAgreeForEveryRole() {
        record Expected(String role, boolean manages) {
        }
        for (Expected expected : List.of(new Expected(OWNER, true), new Expected(PACKAGE_MANAGER, true),
                new Expected(ASSIGNMENT_MANAGER, true), new Expected(READER, false))) {
            String user = FakeOriginApis.newUser("Member");
            assign(user, expected.role(), a);
            forUser(user).when().get("/internal/v1/accessPackages/" + packageA + "/requestContext").then().statusCode(200)
                    .body("callerManagesAssignments", equalTo(expected.manages()))
                    .body("callerReadsAssignments", equalTo(true));
            forUser(user).when().get("/internal/v1/accessPackages/" + packageB + "/requestContext").then().statusCode(200)
                    .body("callerManagesAssignments", equalTo(false))
                    .body("callerReadsAssignments", equalTo(false));
            forUser(user).when().get("/internal/v1/managedAccessPackages").then().statusCode(200)
                    .body("accessPackageIds", expected.manages() ? equalTo(List.of(packageA)) : hasSize(0))
                    .body("readableAccessPackageIds", equalTo(List.of(packageA)));
        }
        String nobody = FakeOriginApis.newUser("Member");
        forUser(nobody).when().get("/internal/v1/accessPackages/" + packageA + "/requestContext").then().statusCode(200)
                .body("callerManagesAssignments", equalTo(false)).body("callerReadsAssignments", equalTo(false));
        forUser(nobody).when().get("/internal/v1/managedAccessPackages").then().statusCode(200)
                .body("accessPackageIds", hasSize(0)).body("readableAccessPackageIds", hasSize(0));
    }

    /** The user's own token opens no /internal path, whatever roles it carries: only a service's token does. */
    @Test
    void usersTokensAreRefusedOnInternalPaths() {
        String user = FakeOriginApis.newUser("Member");
        assign(user, OWNER, a);
        for (String token : List.of(Tokens.user(user), Tokens.admin(UUID.randomUUID().toString(), "Global Administrator"))) {
            for (String path : List.of("/internal/v1/accessPackages/" + packageA + "/requestContext",
                    "/internal/v1/managedAccessPackages?principalId=" + user, "/internal/v1/automaticPolicies",
                    "/internal/connected-organizations?domain=example.com")) {
                as(token).when().get(path).then().statusCode(403)
                        .body("error.code", equalTo("Authorization_RequestDenied"))
                        .body("error.message", equalTo("Insufficient privileges to complete the operation."));
            }
        }
        forUser(user).when().get("/internal/v1/accessPackages/" + packageA + "/requestContext").then().statusCode(200);
    }
}
