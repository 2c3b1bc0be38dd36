package dev.tessera.catalog.accesspackage;

import dev.tessera.catalog.FakeRequestServiceApi;
import static dev.tessera.catalog.Fixtures.EM;
import static dev.tessera.catalog.Fixtures.GENERAL;
import static dev.tessera.catalog.Fixtures.admin;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.tessera.catalog.Fixtures;
import dev.tessera.testsupport.TesseraInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class AccessPackageTest {

    @Test
    void aPackageWithoutACatalogGoesToTheGeneralCatalog() {
        String id = admin().body("{\"displayName\":\"No catalog " + UUID.randomUUID() + "\"}")
                .when().post(EM + "/accessPackages")
                .then().statusCode(201)
                .body("'@odata.context'", containsString("$metadata#identityGovernance/entitlementManagement/"
                        + "accessPackages/$entity"))
                .body("isHidden", equalTo(false)).body("description", nullValue())
                .body("createdDateTime", notNullValue()).body("catalog", nullValue())
                .extract().path("id");
        admin().queryParam("$expand", "catalog").when().get(EM + "/accessPackages/" + id)
                .then().statusCode(200).body("catalog.id", equalTo(GENERAL));
    }

    @Test
    void patchChangesNameDescriptionAndVisibilityButNeverTheCatalog() {
        String catalog = Fixtures.newCatalog("Patch packages " + UUID.randomUUID());
        String id = Fixtures.newPackage(catalog, "Before");
        admin().body("{\"displayName\":\"After\",\"isHidden\":true,\"catalog\":{\"id\":\"" + catalog + "\"}}")
                .when().patch(EM + "/accessPackages/" + id).then().statusCode(204);
        admin().when().get(EM + "/accessPackages/" + id).then().statusCode(200)
                .body("displayName", equalTo("After")).body("isHidden", equalTo(true)).body("description", equalTo("d"));
        admin().body("{\"catalog\":{\"id\":\"" + GENERAL + "\"}}").when().patch(EM + "/accessPackages/" + id)
                .then().statusCode(400).body("error.target", equalTo("catalog.id"));
        admin().body("{\"isHidden\":\"maybe\"}").when().patch(EM + "/accessPackages/" + id)
                .then().statusCode(400).body("error.target", equalTo("isHidden"));
    }

    @Test
    void packagesAreFilteredByNameCatalogAndVisibility() {
        String catalog = Fixtures.newCatalog("Filter packages " + UUID.randomUUID());
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String shown = Fixtures.newPackage(catalog, "Sales reps " + tag);
        String hidden = admin().body("{\"displayName\":\"Sales leads " + tag + "\",\"isHidden\":true,\"catalog\":{\"id\":\""
                + catalog + "\"}}").when().post(EM + "/accessPackages").then().statusCode(201).extract().path("id");

        admin().queryParam("$filter", "catalog/id eq '" + catalog + "'").when().get(EM + "/accessPackages")
                .then().statusCode(200).body("value", hasSize(2));
        admin().queryParam("$filter", "contains(tolower(displayName),'" + tag + "') and isHidden eq true")
                .when().get(EM + "/accessPackages").then().statusCode(200).body("value.id", equalTo(List.of(hidden)));
        admin().queryParam("$filter", "displayName eq 'Sales reps " + tag + "'").when().get(EM + "/accessPackages")
                .then().statusCode(200).body("value.id", equalTo(List.of(shown)));
        admin().queryParam("$filter", "id eq '" + shown + "'").queryParam("$expand", "catalog")
                .when().get(EM + "/accessPackages")
                .then().statusCode(200).body("value[0].catalog.id", equalTo(catalog));
    }

    @Test
    void aPackageNeedsANameAndAnExistingCatalog() {
        admin().body("{\"description\":\"nameless\"}").when().post(EM + "/accessPackages")
                .then().statusCode(400).body("error.target", equalTo("displayName"));
        admin().body("{\"displayName\":\"x\",\"catalog\":{\"id\":\"" + UUID.randomUUID() + "\"}}")
                .when().post(EM + "/accessPackages")
                .then().statusCode(400).body("error.target", equalTo("catalog.id"));
        admin().body("{\"displayName\":\"x\",\"catalog\":{\"id\":\"12345\"}}").when().post(EM + "/accessPackages")
                .then().statusCode(400).body("error.target", equalTo("catalog.id"));
        admin().when().get(EM + "/accessPackages/" + UUID.randomUUID()).then().statusCode(404)
                .body("error.code", equalTo("itemNotFound"));
    }

    /** Authorized before the body is read: a caller who may create no package learns nothing from validation. */
    @Test
    void aCallerWhoMayNotCreateAPackageIsRefusedWhateverTheBody() {
        String member = dev.tessera.testsupport.Tokens.user(dev.tessera.catalog.FakeOriginApis.newUser("Member"));
        for (String bad : List.of("{\"displayName\":\"x\",\"catalog\":{\"id\":\"12345\"}}",
                "{\"displayName\":\"x\",\"catalog\":{\"id\":\"\"}}", "{\"description\":\"nameless\"}",
                "{\"displayName\":\"x\",\"catalog\":{\"id\":\"" + UUID.randomUUID() + "\"}}")) {
            Fixtures.as(member).body(bad).when().post(EM + "/accessPackages").then().statusCode(403)
                    .body("error.code", equalTo("accessDenied"));
            admin().body(bad).when().post(EM + "/accessPackages").then().statusCode(400);
        }
    }

    @Test
    void roleScopesCanBeGivenByOriginIdsAndListedWithTheirRoleAndScope() {
        String catalog = Fixtures.newCatalog("Origins " + UUID.randomUUID());
        Fixtures.Onboarded group = Fixtures.onboardNewGroup(catalog);
        String accessPackage = Fixtures.newPackage(catalog, "By origin");
        admin().body("""
                {"role":{"originId":"Member_%s","originSystem":"AadGroup","resource":{"id":"%s"}},
                 "scope":{"originId":"%s","originSystem":"AadGroup"}}""".formatted(group.groupId(), group.resourceId(),
                        group.groupId()))
                .when().post(EM + "/accessPackages/" + accessPackage + "/resourceRoleScopes")
                .then().statusCode(201).body("id", equalTo(group.memberRoleId() + "_" + group.rootScopeId()));
        admin().body("""
                {"role":{"originId":"Owner_%s","originSystem":"aadgroup"},"scope":{"isRootScope":true}}"""
                        .formatted(group.groupId()))
                .when().post(EM + "/accessPackages/" + accessPackage + "/resourceRoleScopes")
                .then().statusCode(201).body("id", equalTo(group.ownerRoleId() + "_" + group.rootScopeId()));

        String list = EM + "/accessPackages/" + accessPackage + "/resourceRoleScopes";
        admin().when().get(list).then().statusCode(200).body("value", hasSize(2))
                .body("value[0].role", nullValue());
        admin().queryParam("$expand", "role($expand=resource),scope").when().get(list).then().statusCode(200)
                .body("value.role.displayName", equalTo(List.of("Member", "Owner")))
                .body("value[0].role.resource.id", equalTo(group.resourceId()))
                .body("value[1].scope.isRootScope", equalTo(true));
        admin().queryParam("$expand", "role,scopes").when().get(list).then().statusCode(400)
                .body("error.message", containsString("scopes"));
        admin().queryParam("$expand", "resourceRoleScopes($expand=role($expand=owner))")
                .when().get(EM + "/accessPackages/" + accessPackage).then().statusCode(400)
                .body("error.message", containsString("owner"));
    }

    @Test
    void aRoleScopeIsAddedOnceAndRemovedWith204() {
        String catalog = Fixtures.newCatalog("Once " + UUID.randomUUID());
        Fixtures.Onboarded group = Fixtures.onboardNewGroup(catalog);
        String accessPackage = Fixtures.newPackage(catalog, "Once");
        String id = Fixtures.addRoleScope(accessPackage, group.memberRoleId(), group.rootScopeId());
        admin().body("{\"role\":{\"id\":\"" + group.memberRoleId() + "\"},\"scope\":{\"id\":\"" + group.rootScopeId() + "\"}}")
                .when().post(EM + "/accessPackages/" + accessPackage + "/resourceRoleScopes")
                .then().statusCode(409).body("error.message", containsString(id));
        admin().when().delete(EM + "/accessPackages/" + accessPackage + "/resourceRoleScopes/" + id)
                .then().statusCode(204);
        admin().when().delete(EM + "/accessPackages/" + accessPackage + "/resourceRoleScopes/" + id)
                .then().statusCode(404);
        admin().when().get(EM + "/accessPackages/" + accessPackage + "/resourceRoleScopes")
                .then().statusCode(200).body("value", hasSize(0));
    }

    @Test
    void onlyRolesAndScopesOfTheSameCatalogAndResourceMayBeAdded() {
        String catalog = Fixtures.newCatalog("Mine " + UUID.randomUUID());
        Fixtures.Onboarded mine = Fixtures.onboardNewGroup(catalog);
        Fixtures.Onboarded alsoMine = Fixtures.onboardNewGroup(catalog);
        Fixtures.Onboarded foreign = Fixtures.onboardNewGroup(Fixtures.newCatalog("Theirs " + UUID.randomUUID()));
        String accessPackage = Fixtures.newPackage(catalog, "Strict");
        String roleScopes = EM + "/accessPackages/" + accessPackage + "/resourceRoleScopes";

        admin().body("{\"role\":{\"id\":\"" + foreign.memberRoleId() + "\"},\"scope\":{\"id\":\"" + foreign.rootScopeId() + "\"}}")
                .when().post(roleScopes).then().statusCode(400).body("error.target", equalTo("role.id"));
        admin().body("{\"role\":{\"id\":\"" + mine.memberRoleId() + "\"},\"scope\":{\"id\":\"" + alsoMine.rootScopeId() + "\"}}")
                .when().post(roleScopes).then().statusCode(400).body("error.target", equalTo("scope.id"));
        admin().body("{\"role\":{\"originId\":\"Member_" + foreign.groupId() + "\",\"originSystem\":\"AadGroup\"},"
                        + "\"scope\":{\"isRootScope\":true}}")
                .when().post(roleScopes).then().statusCode(400).body("error.target", equalTo("role"));
        admin().body("{\"role\":{\"id\":\"" + UUID.randomUUID() + "\"},\"scope\":{\"id\":\"" + mine.rootScopeId() + "\"}}")
                .when().post(roleScopes).then().statusCode(400).body("error.target", equalTo("role.id"));
        admin().body("{\"role\":{\"id\":\"not-a-guid\"},\"scope\":{\"id\":\"" + mine.rootScopeId() + "\"}}")
                .when().post(roleScopes).then().statusCode(400).body("error.target", equalTo("role.id"));
        admin().body("{\"role\":{\"id\":\"" + mine.memberRoleId() + "\"}}")
                .when().post(roleScopes).then().statusCode(400).body("error.target", equalTo("scope"));
        admin().body("{\"scope\":{\"id\":\"" + mine.rootScopeId() + "\"}}")
                .when().post(roleScopes).then().statusCode(400).body("error.target", equalTo("role"));
        admin().body("{\"role\":{\"id\":\"" + mine.memberRoleId() + "\"},\"scope\":{\"id\":\"" + mine.rootScopeId() + "\"}}")
                .when().post(EM + "/accessPackages/" + UUID.randomUUID() + "/resourceRoleScopes").then().statusCode(404);
        admin().when().get(roleScopes).then().statusCode(200).body("value", hasSize(0));
    }

    @Test
    void aPackageThatAssignmentsUseIsNotDeletedAndAnUnreachableRequestServiceDeletesNothing() {
        String catalog = Fixtures.newCatalog("Guarded " + UUID.randomUUID());
        String used = Fixtures.newPackage(catalog, "Still assigned");
        FakeRequestServiceApi.uses(used, 2, 0);
        admin().when().delete(EM + "/accessPackages/" + used).then().statusCode(409)
                .body("error.code", equalTo("AccessPackageInUse"));
        admin().when().get(EM + "/accessPackages/" + used).then().statusCode(200);
        FakeRequestServiceApi.uses(used, 0, 0);
        FakeRequestServiceApi.broken(used, true);
        admin().when().delete(EM + "/accessPackages/" + used).then().statusCode(503)
                .body("error.code", equalTo("serviceNotAvailable"));
        admin().when().get(EM + "/accessPackages/" + used).then().statusCode(200);
        FakeRequestServiceApi.broken(used, false);
        admin().when().delete(EM + "/accessPackages/" + used).then().statusCode(204);
    }

    @Test
    void aPackageWithPoliciesIsNotDeletedAndDeletingItAnnouncesItsRolesRemoved() {
        String catalog = Fixtures.newCatalog("Delete package " + UUID.randomUUID());
        Fixtures.Onboarded group = Fixtures.onboardNewGroup(catalog);
        String accessPackage = Fixtures.newPackage(catalog, "Short lived");
        Fixtures.addRoleScope(accessPackage, group.memberRoleId(), group.rootScopeId());
        String policy = admin().body(Fixtures.tutorialPolicyBody(accessPackage, UUID.randomUUID().toString()))
                .when().post(EM + "/assignmentPolicies").then().statusCode(201).extract().path("id");

        admin().when().delete(EM + "/accessPackages/" + accessPackage).then().statusCode(409)
                .body("error.message", containsString("policy"));
        admin().when().delete(EM + "/assignmentPolicies/" + policy).then().statusCode(204);
        admin().when().delete(EM + "/accessPackages/" + accessPackage).then().statusCode(204);
        admin().when().get(EM + "/accessPackages/" + accessPackage).then().statusCode(404);
        dev.tessera.testsupport.TestEvents.awaitEvent(dev.tessera.platform.messaging.events.Topics.CATALOG_EVENTS,
                "tessera.catalog.resourceRoleScopeRemoved.v1", accessPackage);
        // The group is free to leave the catalog again.
        Fixtures.groupAdmin().body("{\"requestType\":\"adminRemove\",\"resource\":{\"id\":\"" + group.resourceId()
                        + "\"},\"catalog\":{\"id\":\"" + catalog + "\"}}")
                .when().post(EM + "/resourceRequests").then().statusCode(201);
    }
}
