package dev.tessera.provisioning.application;

import static dev.tessera.provisioning.Directory.admin;
import static dev.tessera.provisioning.Directory.appRole;
import static dev.tessera.provisioning.Directory.createGroup;
import static dev.tessera.provisioning.Directory.createServicePrincipal;
import static dev.tessera.provisioning.Directory.createUser;
import static dev.tessera.provisioning.Directory.ref;
import static dev.tessera.provisioning.Directory.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
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
class ServicePrincipalApiTest {

    static final String SPS = "/v1.0/servicePrincipals";

    @Test
    void creatingAServicePrincipalAnswers201WithDefaultsAndGeneratedIds() {
        String appId = UUID.randomUUID().toString();
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body("""
                        {"displayName": "Contoso HR", "appId": "%s", "description": "HR portal",
                         "appRoles": [{"displayName": "Reader", "value": "HR.Read"},
                                      {"displayName": "Robot", "allowedMemberTypes": ["application"],
                                       "isEnabled": false}]}
                        """.formatted(appId.toUpperCase()))
                .when().post(SPS)
                .then().statusCode(201)
                .contentType(ContentType.JSON)
                .body("'@odata.context'", equalTo(baseUrl() + "/v1.0/$metadata#servicePrincipals/$entity"))
                .body("id", matchesPattern("[0-9a-f-]{36}"))
                .body("appId", equalTo(appId))
                .body("displayName", equalTo("Contoso HR"))
                .body("description", equalTo("HR portal"))
                .body("accountEnabled", equalTo(true))
                .body("servicePrincipalType", equalTo("Application"))
                .body("appRoles", hasSize(2))
                .body("appRoles[0].id", matchesPattern("[0-9a-f-]{36}"))
                .body("appRoles[0].displayName", equalTo("Reader"))
                .body("appRoles[0].value", equalTo("HR.Read"))
                .body("appRoles[0].isEnabled", equalTo(true))
                .body("appRoles[0].allowedMemberTypes", equalTo(List.of("User")))
                .body("appRoles[1].allowedMemberTypes", equalTo(List.of("Application")))
                .body("appRoles[1].isEnabled", equalTo(false))
                .body("appRoles[1].value", nullValue());
    }

    @Test
    void withoutAnAppIdOneIsGeneratedAndAServicePrincipalIsReadBack() {
        String id = given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("displayName", "No app id", "accountEnabled", false))
                .when().post(SPS)
                .then().statusCode(201)
                .body("appId", matchesPattern("[0-9a-f-]{36}"))
                .body("appRoles", hasSize(0))
                .extract().path("id");
        given().auth().oauth2(Directory.member()).when().get(SPS + "/" + id)
                .then().statusCode(200)
                .body("'@odata.context'", equalTo(baseUrl() + "/v1.0/$metadata#servicePrincipals/$entity"))
                .body("id", equalTo(id))
                .body("displayName", equalTo("No app id"))
                .body("accountEnabled", equalTo(false));
    }

    @Test
    void aDuplicateAppIdIsAConflictAndWritesNothing() {
        String appId = UUID.randomUUID().toString();
        String name = unique("First app ");
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("displayName", name, "appId", appId))
                .when().post(SPS).then().statusCode(201);
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("displayName", "Second app", "appId", appId.toUpperCase(),
                        "appRoles", List.of(appRole("Reader"))))
                .when().post(SPS)
                .then().statusCode(409)
                .contentType(ContentType.JSON)
                .body("error.message", containsString("appId"));
        assertEquals(1, Db.count("select count(*) from service_principal where app_id = ?", appId));
    }

    @Test
    void concurrentCreatesOfOneAppIdYieldOneServicePrincipal() throws Exception {
        String appId = UUID.randomUUID().toString();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<io.restassured.response.Response>> calls = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                calls.add(pool.submit(() -> given().auth().oauth2(admin()).contentType(ContentType.JSON)
                        .body(Map.of("displayName", "Racing app", "appId", appId)).post(SPS)));
            }
            int created = 0;
            for (var call : calls) {
                var response = call.get();
                if (response.statusCode() == 201) {
                    created++;
                } else {
                    assertEquals(409, response.statusCode(), response.asString());
                }
            }
            assertEquals(1, created);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, Db.count("select count(*) from service_principal where app_id = ?", appId));
    }

    @Test
    void duplicateAppRoleIdsOrValuesAreBadRequests() {
        String name = unique("Dup roles ");
        String roleId = UUID.randomUUID().toString();
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("displayName", name, "appRoles", List.of(
                        Map.of("id", roleId, "displayName", "A"), Map.of("id", roleId, "displayName", "B"))))
                .when().post(SPS)
                .then().statusCode(400)
                .body("error.target", equalTo("appRoles"))
                .body("error.message", containsString(roleId));
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("displayName", name, "appRoles", List.of(
                        Map.of("displayName", "A", "value", "Same.Value"),
                        Map.of("displayName", "B", "value", "Same.Value"))))
                .when().post(SPS)
                .then().statusCode(400)
                .body("error.message", containsString("Same.Value"));
        assertEquals(0, Db.count("select count(*) from service_principal where display_name = ?", name));
    }

    @Test
    void invalidServicePrincipalsAreBadRequestsNamingTheProperty() {
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("description", "no name"))
                .when().post(SPS).then().statusCode(400).body("error.target", equalTo("displayName"));
        // issue 15, item 3: a null boolean was unboxed into a NullPointerException, a 500
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body("{\"displayName\": \"Null flag\", \"accountEnabled\": null}")
                .when().post(SPS).then().statusCode(400).body("error.target", equalTo("accountEnabled"));
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("displayName", "Bad app id", "appId", "not-a-guid"))
                .when().post(SPS).then().statusCode(400).body("error.target", equalTo("appId"));
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("displayName", "Bad role", "appRoles", List.of(Map.of("value", "x"))))
                .when().post(SPS).then().statusCode(400).body("error.target", equalTo("appRoles[0].displayName"));
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("displayName", "Bad role", "appRoles", List.of(Map.of("displayName", "R",
                        "allowedMemberTypes", List.of("Robot")))))
                .when().post(SPS).then().statusCode(400)
                .body("error.target", equalTo("appRoles[0].allowedMemberTypes"));
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("displayName", "Bad role", "appRoles", List.of(Map.of("displayName", "R",
                        "id", "nope"))))
                .when().post(SPS).then().statusCode(400).body("error.target", equalTo("appRoles[0].id"));
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("displayName", "Bad role", "appRoles", List.of(Map.of("displayName", "R",
                        "id", "00000000-0000-0000-0000-000000000000"))))
                .when().post(SPS).then().statusCode(400);
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("displayName", "Bad roles", "appRoles", "not a list"))
                .when().post(SPS).then().statusCode(400).contentType(ContentType.JSON);
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body("{\"displayName\": ")
                .when().post(SPS).then().statusCode(400).contentType(ContentType.JSON);
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .when().post(SPS).then().statusCode(400).contentType(ContentType.JSON);
    }

    @Test
    void listsFilterOnDisplayNameAndAppIdAndPageWithAnAbsoluteNextLink() {
        String prefix = unique("Paged app ");
        String appId = UUID.randomUUID().toString();
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("displayName", prefix + "A", "appId", appId)).when().post(SPS).then().statusCode(201);
        createServicePrincipal(prefix + "B", List.of());
        createServicePrincipal(prefix + "C", List.of(appRole("Reader")));

        var first = given().auth().oauth2(admin())
                .queryParam("$filter", "startswith(displayName,'" + prefix + "')")
                .queryParam("$top", 2)
                .queryParam("$count", true)
                .when().get(SPS)
                .then().statusCode(200)
                .body("'@odata.context'", equalTo(baseUrl() + "/v1.0/$metadata#servicePrincipals"))
                .body("'@odata.count'", equalTo(3))
                .body("value", hasSize(2))
                .extract();
        String next = first.path("'@odata.nextLink'");
        assertTrue(next.startsWith(baseUrl() + "/v1.0/servicePrincipals?"), next);
        given().urlEncodingEnabled(false).auth().oauth2(admin()).when().get(next)
                .then().statusCode(200).body("value", hasSize(1)).body("'@odata.nextLink'", nullValue());

        given().auth().oauth2(admin()).queryParam("$filter", "appId eq '" + appId + "'")
                .when().get(SPS)
                .then().statusCode(200).body("value", hasSize(1)).body("value[0].displayName", equalTo(prefix + "A"));
        given().auth().oauth2(admin()).queryParam("$filter", "startswith(appId,'" + appId.substring(0, 13) + "')")
                .queryParam("$select", "appId")
                .when().get(SPS)
                .then().statusCode(200).body("value", hasSize(1)).body("value[0].appId", equalTo(appId))
                .body("value[0]", not(org.hamcrest.Matchers.hasKey("displayName")));
        given().auth().oauth2(admin()).queryParam("$filter", "appRoles eq 'x'")
                .when().get(SPS).then().statusCode(400).body("error.message", containsString("appRoles"));
    }

    @Test
    void patchChangesTheSentPropertiesAndReplacesTheAppRoles() {
        Map<String, Object> keep = appRole("Kept");
        Map<String, Object> drop = appRole("Dropped");
        String id = createServicePrincipal(unique("Patched "), List.of(keep, drop));
        Map<String, Object> changed = new java.util.HashMap<>(keep);
        changed.put("displayName", "Kept and renamed");
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("description", "now described", "accountEnabled", false,
                        "appRoles", List.of(Map.of("displayName", "Brand new", "value", "New.Role"), changed)))
                .when().patch(SPS + "/" + id)
                .then().statusCode(204);
        given().auth().oauth2(admin()).when().get(SPS + "/" + id)
                .then().statusCode(200)
                .body("description", equalTo("now described"))
                .body("accountEnabled", equalTo(false))
                .body("appRoles.displayName", equalTo(List.of("Brand new", "Kept and renamed")))
                .body("appRoles[1].id", equalTo(keep.get("id")))
                .body("appRoles[0].id", notNullValue());
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("displayName", "Only the name"))
                .when().patch(SPS + "/" + id).then().statusCode(204);
        given().auth().oauth2(admin()).when().get(SPS + "/" + id)
                .then().body("displayName", equalTo("Only the name")).body("appRoles", hasSize(2));
    }

    @Test
    void patchRefusesClearingTheNameChangingTheAppIdAndDuplicateRoles() {
        String id = createServicePrincipal(unique("Guarded "), List.of(appRole("Reader")));
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body("{\"displayName\": null}")
                .when().patch(SPS + "/" + id).then().statusCode(400).body("error.target", equalTo("displayName"));
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("appId", UUID.randomUUID().toString()))
                .when().patch(SPS + "/" + id).then().statusCode(400).body("error.target", equalTo("appId"));
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("appRoles", List.of(Map.of("displayName", "A", "value", "v"),
                        Map.of("displayName", "B", "value", "v"))))
                .when().patch(SPS + "/" + id).then().statusCode(400);
        given().auth().oauth2(admin()).when().get(SPS + "/" + id)
                .then().body("appRoles.displayName", equalTo(List.of("Reader")));
    }

    @Test
    void anAssignedAppRoleCannotBeRemovedOnlyDisabled() {
        Map<String, Object> held = appRole("Held role");
        Map<String, Object> free = appRole("Free role");
        String sp = createServicePrincipal(unique("In use "), List.of(held, free));
        String user = createUser("Role Holder");
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("principalId", user, "resourceId", sp, "appRoleId", held.get("id")))
                .when().post(SPS + "/" + sp + "/appRoleAssignedTo").then().statusCode(201);

        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("displayName", "Renamed meanwhile", "appRoles", List.of(free)))
                .when().patch(SPS + "/" + sp)
                .then().statusCode(400)
                .contentType(ContentType.JSON)
                .body("error.target", equalTo("appRoles"))
                .body("error.message", containsString("Held role"))
                .body("error.message", containsString((String) held.get("id")));
        given().auth().oauth2(admin()).when().get(SPS + "/" + sp)
                .then().body("displayName", not(equalTo("Renamed meanwhile")))
                .body("appRoles", hasSize(2));

        Map<String, Object> disabled = new java.util.HashMap<>(held);
        disabled.put("isEnabled", false);
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("appRoles", List.of(disabled)))
                .when().patch(SPS + "/" + sp)
                .then().statusCode(204);
        given().auth().oauth2(admin()).when().get(SPS + "/" + sp)
                .then().body("appRoles", hasSize(1)).body("appRoles[0].isEnabled", equalTo(false));
        given().auth().oauth2(admin()).when().get(SPS + "/" + sp + "/appRoleAssignedTo")
                .then().body("value", hasSize(1));
    }

    @Test
    void deletingAServicePrincipalDeletesItsAssignments() {
        Map<String, Object> role = appRole("Doomed");
        String sp = createServicePrincipal(unique("Deleted app "), List.of(role));
        String user = createUser("Doomed Holder");
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("principalId", user, "resourceId", sp, "appRoleId", role.get("id")))
                .when().post(SPS + "/" + sp + "/appRoleAssignedTo").then().statusCode(201);
        given().auth().oauth2(admin()).when().delete(SPS + "/" + sp).then().statusCode(204);
        given().auth().oauth2(admin()).when().get(SPS + "/" + sp)
                .then().statusCode(404).body("error.code", equalTo("itemNotFound"));
        given().auth().oauth2(admin()).when().get("/v1.0/users/" + user + "/appRoleAssignments")
                .then().statusCode(200).body("value", hasSize(0));
        assertEquals(0, Db.count("select count(*) from app_role_assignment where resource_id = ?::uuid", sp));
        assertEquals(0, Db.count("select count(*) from app_role where service_principal_id = ?::uuid", sp));
        given().auth().oauth2(admin()).when().delete(SPS + "/" + sp).then().statusCode(404);
    }

    @Test
    void ownersAreUsersAddedAndRemovedByRefAndFoundByTheirId() {
        String sp = createServicePrincipal(unique("Owned app "), List.of());
        String owner = createUser("App Owner");
        String other = createUser("Not An Owner");
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body(ref(owner))
                .when().post(SPS + "/" + sp + "/owners/$ref").then().statusCode(204);
        given().auth().oauth2(admin()).when().get(SPS + "/" + sp + "/owners").then().statusCode(200)
                .body("'@odata.context'", equalTo(baseUrl() + "/v1.0/$metadata#directoryObjects"))
                .body("value.id", equalTo(List.of(owner)))
                .body("value[0].'@odata.type'", equalTo("#microsoft.graph.user"));
        // catalog-service asks whether one user owns it
        given().auth().oauth2(admin()).queryParam("$filter", "id eq '" + owner + "'").queryParam("$select", "id")
                .when().get(SPS + "/" + sp + "/owners").then().statusCode(200).body("value.id", equalTo(List.of(owner)));
        given().auth().oauth2(admin()).queryParam("$filter", "id eq '" + other + "'")
                .when().get(SPS + "/" + sp + "/owners").then().statusCode(200).body("value", hasSize(0));
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body(ref(owner))
                .when().post(SPS + "/" + sp + "/owners/$ref")
                .then().statusCode(400).body("error.message", containsString("'owners'"));
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body(ref(createGroup("Not an owner")))
                .when().post(SPS + "/" + sp + "/owners/$ref")
                .then().statusCode(400).body("error.target", equalTo("@odata.id"));
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body(ref(UUID.randomUUID().toString()))
                .when().post(SPS + "/" + sp + "/owners/$ref").then().statusCode(404);
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body(ref(owner))
                .when().post(SPS + "/" + UUID.randomUUID() + "/owners/$ref").then().statusCode(404);
        String plain = Tokens.user(other);
        given().auth().oauth2(plain).contentType(ContentType.JSON).body(ref(other))
                .when().post(SPS + "/" + sp + "/owners/$ref").then().statusCode(403);
        given().auth().oauth2(plain).when().delete(SPS + "/" + sp + "/owners/" + owner + "/$ref").then().statusCode(403);

        given().auth().oauth2(admin()).when().delete(SPS + "/" + sp + "/owners/" + owner + "/$ref").then().statusCode(204);
        given().auth().oauth2(admin()).when().get(SPS + "/" + sp + "/owners").then().statusCode(200)
                .body("value", hasSize(0));
        given().auth().oauth2(admin()).when().delete(SPS + "/" + sp + "/owners/" + owner + "/$ref").then().statusCode(404);

        // deleting the service principal takes its owners with it
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body(ref(owner))
                .when().post(SPS + "/" + sp + "/owners/$ref").then().statusCode(204);
        given().auth().oauth2(admin()).when().delete(SPS + "/" + sp).then().statusCode(204);
        assertEquals(0, Db.count("select count(*) from service_principal_owner where service_principal_id = ?::uuid", sp));
        given().auth().oauth2(admin()).when().get(SPS + "/" + sp + "/owners").then().statusCode(404);
    }

    @Test
    void aMemberWithoutADirectoryRoleMayReadButNotWrite() {
        String plain = Directory.member();
        String sp = createServicePrincipal(unique("Read only "), List.of());
        given().auth().oauth2(plain).when().get(SPS).then().statusCode(200);
        given().auth().oauth2(plain).when().get(SPS + "/" + sp).then().statusCode(200);
        given().auth().oauth2(plain).contentType(ContentType.JSON).body(Map.of("displayName", "Nope"))
                .when().post(SPS)
                .then().statusCode(403).contentType(ContentType.JSON).body("error.code", equalTo("accessDenied"));
        given().auth().oauth2(plain).contentType(ContentType.JSON).body(Map.of("displayName", "Nope"))
                .when().patch(SPS + "/" + sp).then().statusCode(403);
        given().auth().oauth2(plain).when().delete(SPS + "/" + sp).then().statusCode(403);
        given().when().get(SPS).then().statusCode(401).body("error.code", equalTo("InvalidAuthenticationToken"));
        given().auth().oauth2(admin()).when().get(SPS + "/" + sp).then().statusCode(200);
    }

    @Test
    void unknownIdsAreNotFoundAndMalformedIdsBadRequests() {
        String unknown = UUID.randomUUID().toString();
        given().auth().oauth2(admin()).when().get(SPS + "/" + unknown)
                .then().statusCode(404).contentType(ContentType.JSON).body("error.code", equalTo("itemNotFound"));
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body(Map.of("displayName", "x"))
                .when().patch(SPS + "/" + unknown).then().statusCode(404);
        given().auth().oauth2(admin()).when().delete(SPS + "/" + unknown).then().statusCode(404);
        given().auth().oauth2(admin()).when().get(SPS + "/not-a-guid")
                .then().statusCode(400).contentType(ContentType.JSON);
        given().auth().oauth2(admin()).when().delete(SPS + "/not-a-guid").then().statusCode(400);
    }

    static String baseUrl() {
        return "http://localhost:" + RestAssured.port;
    }
}
