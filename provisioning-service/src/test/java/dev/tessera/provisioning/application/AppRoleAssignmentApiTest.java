package dev.tessera.provisioning.application;

import static dev.tessera.provisioning.Directory.admin;
import static dev.tessera.provisioning.Directory.appRole;
import static dev.tessera.provisioning.Directory.createGroup;
import static dev.tessera.provisioning.Directory.createServicePrincipal;
import static dev.tessera.provisioning.Directory.createUser;
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
class AppRoleAssignmentApiTest {

    static final String SPS = "/v1.0/servicePrincipals";
    static final String DEFAULT_ACCESS = "00000000-0000-0000-0000-000000000000";

    @Test
    void assigningAnAppRoleToAUserAnswers201AndShowsOnBothSides() {
        Map<String, Object> role = appRole("Approver");
        String spName = unique("Expenses ");
        String sp = createServicePrincipal(spName, List.of(role));
        String user = createUser("Alex Wilber");

        String id = given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("principalId", user, "resourceId", sp, "appRoleId", role.get("id")))
                .when().post(assignedTo(sp))
                .then().statusCode(201)
                .contentType(ContentType.JSON)
                .body("'@odata.context'", equalTo(baseUrl() + "/v1.0/$metadata#servicePrincipals('" + sp
                        + "')/appRoleAssignedTo/$entity"))
                .body("id", matchesPattern("[0-9a-f-]{36}"))
                .body("appRoleId", equalTo(role.get("id")))
                .body("createdDateTime", notNullValue())
                .body("principalDisplayName", equalTo("Alex Wilber"))
                .body("principalId", equalTo(user))
                .body("principalType", equalTo("User"))
                .body("resourceDisplayName", equalTo(spName))
                .body("resourceId", equalTo(sp))
                .extract().path("id");

        given().auth().oauth2(Tokens.user(user)).when().get(assignedTo(sp))
                .then().statusCode(200)
                .body("'@odata.context'", equalTo(baseUrl() + "/v1.0/$metadata#servicePrincipals('" + sp
                        + "')/appRoleAssignedTo"))
                .body("value", hasSize(1))
                .body("value[0].id", equalTo(id))
                .body("value[0].principalDisplayName", equalTo("Alex Wilber"));
        given().auth().oauth2(admin()).when().get("/v1.0/users/" + user + "/appRoleAssignments")
                .then().statusCode(200)
                .body("'@odata.context'", equalTo(baseUrl() + "/v1.0/$metadata#users('" + user
                        + "')/appRoleAssignments"))
                .body("value", hasSize(1))
                .body("value[0].id", equalTo(id))
                .body("value[0].resourceDisplayName", equalTo(spName));

        var added = TestEvents.awaitEvent(Topics.DIRECTORY_EVENTS, DirectoryEventTypes.APP_ROLE_ASSIGNMENT_ADDED,
                user);
        assertTrue(added.value().contains("\"appRoleAssignmentId\":\"" + id + "\""), added.value());
        assertTrue(added.value().contains("\"resourceId\":\"" + sp + "\""), added.value());
    }

    @Test
    void aGroupMayHoldAnAppRole() {
        Map<String, Object> role = appRole("Group role");
        String sp = createServicePrincipal(unique("Group app "), List.of(role));
        String group = createGroup("Role holders");
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("principalId", group, "resourceId", sp, "appRoleId", role.get("id")))
                .when().post(assignedTo(sp))
                .then().statusCode(201)
                .body("principalType", equalTo("Group"))
                .body("principalDisplayName", equalTo("Role holders"));
        given().auth().oauth2(admin()).when().get("/v1.0/groups/" + group + "/appRoleAssignments")
                .then().statusCode(200).body("value", hasSize(1)).body("value[0].resourceId", equalTo(sp));
    }

    @Test
    void theSameAssignmentTwiceIsAConflictAndNothingIsDoubled() {
        Map<String, Object> role = appRole("Once");
        String sp = createServicePrincipal(unique("Twice app "), List.of(role));
        String user = createUser("Twice Holder");
        Map<String, Object> body = Map.of("principalId", user, "resourceId", sp, "appRoleId", role.get("id"));
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body(body)
                .when().post(assignedTo(sp)).then().statusCode(201);
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body(body)
                .when().post(assignedTo(sp))
                .then().statusCode(409)
                .contentType(ContentType.JSON)
                .body("error.message", containsString("already exists"));
        assertEquals(1, assignments(sp));
        assertEquals(1, outboxEvents(user, DirectoryEventTypes.APP_ROLE_ASSIGNMENT_ADDED));
    }

    @Test
    void concurrentIdenticalAssignmentsYieldOneRow() throws Exception {
        Map<String, Object> role = appRole("Raced");
        String sp = createServicePrincipal(unique("Race app "), List.of(role));
        String user = createUser("Race Holder");
        Map<String, Object> body = Map.of("principalId", user, "resourceId", sp, "appRoleId", role.get("id"));
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<io.restassured.response.Response>> calls = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                calls.add(pool.submit(() -> given().auth().oauth2(admin()).contentType(ContentType.JSON).body(body)
                        .post(assignedTo(sp))));
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
        assertEquals(1, assignments(sp));
    }

    @Test
    void anUnknownPrincipalIsNotFoundAndWritesNothing() {
        Map<String, Object> role = appRole("Nobody's");
        String sp = createServicePrincipal(unique("Unknown principal "), List.of(role));
        String nobody = UUID.randomUUID().toString();
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("principalId", nobody, "resourceId", sp, "appRoleId", role.get("id")))
                .when().post(assignedTo(sp))
                .then().statusCode(404)
                .contentType(ContentType.JSON)
                .body("error.code", equalTo("itemNotFound"))
                .body("error.message", containsString(nobody));
        assertEquals(0, assignments(sp));
        assertEquals(0, outboxEvents(nobody, DirectoryEventTypes.APP_ROLE_ASSIGNMENT_ADDED));
    }

    @Test
    void unknownDisabledAndApplicationOnlyRolesAreRefusedAndWriteNothing() {
        Map<String, Object> disabled = appRole("Disabled");
        disabled.put("isEnabled", false);
        Map<String, Object> robots = appRole("Robots only");
        robots.put("allowedMemberTypes", List.of("Application"));
        String sp = createServicePrincipal(unique("Refusing app "), List.of(disabled, robots));
        String user = createUser("Refused Holder");

        for (Object roleId : List.of(UUID.randomUUID().toString(), disabled.get("id"), robots.get("id"))) {
            given().auth().oauth2(admin()).contentType(ContentType.JSON)
                    .body(Map.of("principalId", user, "resourceId", sp, "appRoleId", roleId))
                    .when().post(assignedTo(sp))
                    .then().statusCode(400)
                    .contentType(ContentType.JSON)
                    .body("error.target", equalTo("appRoleId"))
                    .body("error.message", containsString((String) roleId));
        }
        // A role of another application is just as unknown here.
        Map<String, Object> elsewhere = appRole("Elsewhere");
        createServicePrincipal(unique("Other app "), List.of(elsewhere));
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("principalId", user, "resourceId", sp, "appRoleId", elsewhere.get("id")))
                .when().post(assignedTo(sp))
                .then().statusCode(400).body("error.target", equalTo("appRoleId"));
        assertEquals(0, assignments(sp));
        assertEquals(0, outboxEvents(user, DirectoryEventTypes.APP_ROLE_ASSIGNMENT_ADDED));
    }

    @Test
    void defaultAccessIsOnlyForAppsWithoutRolesForUsers() {
        String user = createUser("Default Holder");
        Map<String, Object> robots = appRole("Robots only");
        robots.put("allowedMemberTypes", List.of("Application"));
        String plain = createServicePrincipal(unique("Plain app "), List.of(robots));
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("principalId", user, "resourceId", plain, "appRoleId", DEFAULT_ACCESS))
                .when().post(assignedTo(plain))
                .then().statusCode(201).body("appRoleId", equalTo(DEFAULT_ACCESS));

        Map<String, Object> forUsers = appRole("For users");
        String rich = createServicePrincipal(unique("Rich app "), List.of(forUsers));
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("principalId", user, "resourceId", rich, "appRoleId", DEFAULT_ACCESS))
                .when().post(assignedTo(rich))
                .then().statusCode(400)
                .body("error.target", equalTo("appRoleId"))
                .body("error.message", containsString("For users"));
        assertEquals(0, assignments(rich));
    }

    @Test
    void aResourceIdOtherThanThePathIsABadRequest() {
        Map<String, Object> role = appRole("Mismatch");
        String sp = createServicePrincipal(unique("Path app "), List.of(role));
        String other = createServicePrincipal(unique("Body app "), List.of(role("x")));
        String user = createUser("Mismatched Holder");
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("principalId", user, "resourceId", other, "appRoleId", role.get("id")))
                .when().post(assignedTo(sp))
                .then().statusCode(400)
                .contentType(ContentType.JSON)
                .body("error.target", equalTo("resourceId"));
        assertEquals(0, assignments(sp));
        assertEquals(0, assignments(other));
    }

    @Test
    void malformedBodiesAndIdsAreBadRequests() {
        Map<String, Object> role = appRole("Malformed");
        String sp = createServicePrincipal(unique("Malformed app "), List.of(role));
        String user = createUser("Malformed Holder");
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("principalId", "nope", "resourceId", sp, "appRoleId", role.get("id")))
                .when().post(assignedTo(sp)).then().statusCode(400).body("error.target", equalTo("principalId"));
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("principalId", user, "appRoleId", role.get("id")))
                .when().post(assignedTo(sp)).then().statusCode(400).body("error.target", equalTo("resourceId"));
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("principalId", user, "resourceId", sp))
                .when().post(assignedTo(sp)).then().statusCode(400).body("error.target", equalTo("appRoleId"));
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body("[1, 2]")
                .when().post(assignedTo(sp)).then().statusCode(400).contentType(ContentType.JSON);
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body("{\"principalId\": ")
                .when().post(assignedTo(sp)).then().statusCode(400).contentType(ContentType.JSON);
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("principalId", user, "resourceId", sp, "appRoleId", role.get("id")))
                .when().post(assignedTo("not-a-guid")).then().statusCode(400).contentType(ContentType.JSON);
        given().auth().oauth2(admin()).when().delete(assignedTo(sp) + "/not-a-guid")
                .then().statusCode(400).contentType(ContentType.JSON);
        assertEquals(0, assignments(sp));
    }

    @Test
    void unknownServicePrincipalsAndAssignmentsAreNotFound() {
        String unknown = UUID.randomUUID().toString();
        String user = createUser("Lost Holder");
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("principalId", user, "resourceId", unknown, "appRoleId", DEFAULT_ACCESS))
                .when().post(assignedTo(unknown))
                .then().statusCode(404).body("error.code", equalTo("itemNotFound"));
        given().auth().oauth2(admin()).when().get(assignedTo(unknown)).then().statusCode(404);
        given().auth().oauth2(admin()).when().get("/v1.0/users/" + UUID.randomUUID() + "/appRoleAssignments")
                .then().statusCode(404).body("error.code", equalTo("itemNotFound"));
        String sp = createServicePrincipal(unique("Empty app "), List.of());
        given().auth().oauth2(admin()).when().delete(assignedTo(sp) + "/" + UUID.randomUUID())
                .then().statusCode(404).contentType(ContentType.JSON).body("error.code", equalTo("itemNotFound"));
    }

    @Test
    void removingAnAssignmentAnswers204AndItIsGone() {
        Map<String, Object> role = appRole("Removable");
        String sp = createServicePrincipal(unique("Removal app "), List.of(role));
        String other = createServicePrincipal(unique("Other removal app "), List.of(role("y")));
        String user = createUser("Removed Holder");
        String id = given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("principalId", user, "resourceId", sp, "appRoleId", role.get("id")))
                .when().post(assignedTo(sp)).then().statusCode(201).extract().path("id");
        // An assignment is only found under its own resource.
        given().auth().oauth2(admin()).when().delete(assignedTo(other) + "/" + id).then().statusCode(404);
        given().auth().oauth2(Tokens.user(user)).when().delete(assignedTo(sp) + "/" + id).then().statusCode(403);
        given().auth().oauth2(admin()).when().delete(assignedTo(sp) + "/" + id).then().statusCode(204);
        given().auth().oauth2(admin()).when().get(assignedTo(sp)).then().statusCode(200).body("value", hasSize(0));
        given().auth().oauth2(admin()).when().delete(assignedTo(sp) + "/" + id).then().statusCode(404);
        var removed = TestEvents.awaitEvent(Topics.DIRECTORY_EVENTS,
                DirectoryEventTypes.APP_ROLE_ASSIGNMENT_REMOVED, user);
        assertTrue(removed.value().contains(id), removed.value());
    }

    @Test
    void aCallerWithoutADirectoryRoleCannotAssign() {
        Map<String, Object> role = appRole("Guarded");
        String sp = createServicePrincipal(unique("Guarded app "), List.of(role));
        String user = createUser("Self Assigner");
        given().auth().oauth2(Tokens.user(user)).contentType(ContentType.JSON)
                .body(Map.of("principalId", user, "resourceId", sp, "appRoleId", role.get("id")))
                .when().post(assignedTo(sp))
                .then().statusCode(403).body("error.code", equalTo("accessDenied"));
        assertEquals(0, assignments(sp));
    }

    @Test
    void deletingAUserOrGroupRemovesItsAssignments() {
        Map<String, Object> role = appRole("Leaver role");
        String sp = createServicePrincipal(unique("Leaver app "), List.of(role));
        String user = createUser("Leaving User");
        String group = createGroup("Leaving group");
        for (String principal : List.of(user, group)) {
            given().auth().oauth2(admin()).contentType(ContentType.JSON)
                    .body(Map.of("principalId", principal, "resourceId", sp, "appRoleId", role.get("id")))
                    .when().post(assignedTo(sp)).then().statusCode(201);
        }
        assertEquals(2, assignments(sp));
        given().auth().oauth2(admin()).when().delete("/v1.0/users/" + user).then().statusCode(204);
        given().auth().oauth2(admin()).when().get(assignedTo(sp))
                .then().body("value.principalId", equalTo(List.of(group)));
        given().auth().oauth2(admin()).when().delete("/v1.0/groups/" + group).then().statusCode(204);
        given().auth().oauth2(admin()).when().get(assignedTo(sp)).then().body("value", hasSize(0));
        assertEquals(0, assignments(sp));
    }

    @Test
    void assignmentsPageWithAnAbsoluteNextLinkAndFilterOnPrincipalId() {
        Map<String, Object> role = appRole("Popular");
        String sp = createServicePrincipal(unique("Popular app "), List.of(role));
        List<String> users = List.of(createUser("Fan One"), createUser("Fan Two"), createUser("Fan Three"));
        for (String user : users) {
            given().auth().oauth2(admin()).contentType(ContentType.JSON)
                    .body(Map.of("principalId", user, "resourceId", sp, "appRoleId", role.get("id")))
                    .when().post(assignedTo(sp)).then().statusCode(201);
        }
        String next = given().auth().oauth2(admin()).queryParam("$top", 2)
                .when().get(assignedTo(sp))
                .then().statusCode(200).body("value", hasSize(2))
                .extract().path("'@odata.nextLink'");
        assertTrue(next.startsWith(baseUrl() + "/v1.0/servicePrincipals/" + sp + "/appRoleAssignedTo?"), next);
        given().urlEncodingEnabled(false).auth().oauth2(admin()).when().get(next)
                .then().statusCode(200).body("value", hasSize(1)).body("'@odata.nextLink'", nullValue());
        given().auth().oauth2(admin()).queryParam("$filter", "principalId eq '" + users.get(1) + "'")
                .when().get(assignedTo(sp))
                .then().statusCode(200).body("value", hasSize(1)).body("value[0].principalDisplayName",
                        equalTo("Fan Two"));
    }

    private static Map<String, Object> role(String name) {
        return appRole(name);
    }

    private static String assignedTo(String sp) {
        return SPS + "/" + sp + "/appRoleAssignedTo";
    }

    private static long assignments(String sp) {
        return Db.count("select count(*) from app_role_assignment where resource_id = ?::uuid", sp);
    }

    private static long outboxEvents(String key, String type) {
        return Db.count("select count(*) from outbox_event where event_key = ? and event_type = ?", key, type);
    }

    static String baseUrl() {
        return "http://localhost:" + RestAssured.port;
    }
}
