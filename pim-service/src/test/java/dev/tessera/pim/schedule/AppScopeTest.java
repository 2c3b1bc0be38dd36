package dev.tessera.pim.schedule;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.common.DirectoryRoles;
import dev.tessera.common.ServiceIdentity;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.pim.FakeDirectory;
import dev.tessera.platform.messaging.events.EventTypes;
import dev.tessera.platform.messaging.events.Topics;
import dev.tessera.testsupport.TestEvents;
import dev.tessera.testsupport.TesseraInfraResource;
import dev.tessera.testsupport.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * App scopes: {@code directoryScopeId} {@code /{objectId}} of an application (a service principal of
 * the directory) for a role that administers applications, and {@code appScopeId} {@code /}; exactly one
 * of the two, as Graph's schedule requests and unifiedRoleAssignment have it.
 */
@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class AppScopeTest {

    static final String ELIGIBILITY_REQUESTS = "/v1.0/roleManagement/directory/roleEligibilityScheduleRequests";
    static final String ASSIGNMENT_REQUESTS = "/v1.0/roleManagement/directory/roleAssignmentScheduleRequests";

    final String pra = Tokens.admin(UUID.randomUUID().toString(), "Privileged Role Administrator");

    /**
     * A custom role that administers application registrations: allowed over one application. (Entra's
     * Application and Cloud Application Administrator are too, once Tessera's role data holds them.)
     */
    String appRole;

    @BeforeEach
    void customRole() {
        appRole = given().auth().oauth2(pra).contentType(ContentType.JSON).body("""
            {"displayName":"App Support %s","description":"Updates one app's basics","isEnabled":true,
             "rolePermissions":[{"allowedResourceActions":["microsoft.directory/applications/basic/update"]}]}
            """.formatted(UUID.randomUUID())).when().post("/v1.0/roleManagement/directory/roleDefinitions")
                .then().statusCode(201).extract().path("id");
    }

    ValidatableResponse assign(String path, String role, String principal, String directoryScopeId, String appScopeId) {
        Map<String, Object> body = new HashMap<>(Map.of("action", "adminAssign", "justification", "One app",
                "roleDefinitionId", role, "principalId", principal,
                "scheduleInfo", Map.of("expiration", Map.of("type", "noExpiration"))));
        if (directoryScopeId != null) {
            body.put("directoryScopeId", directoryScopeId);
        }
        if (appScopeId != null) {
            body.put("appScopeId", appScopeId);
        }
        return given().auth().oauth2(pra).contentType(ContentType.JSON).body(body).when().post(path).then();
    }

    @Test
    void anApplicationAdministratorOverOneAppIsScopedToItNotTenantWide() {
        String app = FakeDirectory.newServicePrincipal();
        String principal = FakeDirectory.newUser();

        assign(ELIGIBILITY_REQUESTS, appRole, principal, "/" + app, null)
                .statusCode(201).body("directoryScopeId", equalTo("/" + app)).body("appScopeId", nullValue());
        assertEquals("Bearer " + ConfigProvider.getConfig().getValue(ServiceIdentity.TOKEN_PROPERTY, String.class),
                FakeDirectory.authorizationSeenFor(app), "asked with pim-service's service token, not the caller's");
        assign(ASSIGNMENT_REQUESTS, appRole, principal, "/" + app, null)
                .statusCode(201).body("directoryScopeId", equalTo("/" + app));

        for (String list : new String[] {"roleEligibilitySchedules", "roleEligibilityScheduleInstances"}) {
            given().auth().oauth2(pra).queryParam("$filter", "principalId eq '" + principal
                            + "' and directoryScopeId eq '/" + app + "'")
                    .when().get("/v1.0/roleManagement/directory/" + list)
                    .then().statusCode(200).body("value", hasSize(1))
                    .body("value[0].directoryScopeId", equalTo("/" + app));
            given().auth().oauth2(pra).queryParam("$filter", "principalId eq '" + principal
                            + "' and directoryScopeId eq '/'")
                    .when().get("/v1.0/roleManagement/directory/" + list)
                    .then().statusCode(200).body("value", hasSize(0));
        }
        given().auth().oauth2(pra).queryParam("$filter", "principalId eq '" + principal + "'")
                .when().get("/v1.0/roleManagement/directory/roleAssignmentScheduleInstances")
                .then().statusCode(200).body("value.directoryScopeId", hasItem("/" + app))
                .body("value.directoryScopeId", not(hasItem("/")));
    }

    @Test
    void theApplicationMustExistInTheDirectoryAndTheRoleMustAdministerApplications() {
        String app = FakeDirectory.newServicePrincipal();
        String nowhere = UUID.randomUUID().toString();
        assign(ELIGIBILITY_REQUESTS, appRole, FakeDirectory.newUser(), "/" + nowhere,
                null).statusCode(400).body("error.target", equalTo("directoryScopeId"))
                .body("error.message", containsString(nowhere));
        // a user of the directory is not an application
        String user = FakeDirectory.newUser();
        assign(ELIGIBILITY_REQUESTS, appRole, FakeDirectory.newUser(), "/" + user,
                null).statusCode(400).body("error.target", equalTo("directoryScopeId"));
        assign(ELIGIBILITY_REQUESTS, DirectoryRoles.GLOBAL_ADMINISTRATOR, FakeDirectory.newUser(), "/" + app, null)
                .statusCode(400).body("error.target", equalTo("directoryScopeId"))
                .body("error.message", containsString("Global Administrator"));
        assign(ELIGIBILITY_REQUESTS, DirectoryRoles.USER_ADMINISTRATOR, FakeDirectory.newUser(), "/" + app, null)
                .statusCode(400).body("error.target", equalTo("directoryScopeId"));
        assign(ELIGIBILITY_REQUESTS, appRole, FakeDirectory.newUser(),
                "/" + FakeDirectory.UNREACHABLE_SERVICE_PRINCIPAL, null)
                .statusCode(503).body("error.code", equalTo("serviceNotAvailable"));
        given().auth().oauth2(pra).queryParam("$filter", "directoryScopeId eq '/" + nowhere + "'")
                .when().get("/v1.0/roleManagement/directory/roleEligibilitySchedules").then().body("value", hasSize(0));
    }

    @Test
    void malformedApplicationScopesAreRefused() {
        String app = FakeDirectory.newServicePrincipal();
        for (String scope : new String[] {"/" + app + "/", "/" + app + "/..", "//" + app, "/" + app + " x",
                "/applications/" + app, "/" + app.substring(1), "/*"}) {
            assign(ELIGIBILITY_REQUESTS, appRole, FakeDirectory.newUser(), scope, null)
                    .statusCode(400).body("error.target", equalTo("directoryScopeId"));
        }
    }

    @Test
    void exactlyOneOfDirectoryScopeIdAndAppScopeIdAndOnlyTheTenantWideAppScope() {
        String principal = FakeDirectory.newUser();
        assign(ELIGIBILITY_REQUESTS, appRole, principal, null, "/")
                .statusCode(201).body("appScopeId", equalTo("/")).body("directoryScopeId", nullValue());
        given().auth().oauth2(pra).queryParam("$filter", "principalId eq '" + principal + "' and appScopeId eq '/'")
                .when().get("/v1.0/roleManagement/directory/roleEligibilitySchedules")
                .then().statusCode(200).body("value", hasSize(1)).body("value[0].appScopeId", equalTo("/"));

        assign(ELIGIBILITY_REQUESTS, appRole, FakeDirectory.newUser(), "/", "/")
                .statusCode(400).body("error.target", equalTo("appScopeId"));
        for (String appScope : new String[] {"/AccessPackageCatalog/" + UUID.randomUUID(), "/x", "//", "*"}) {
            assign(ELIGIBILITY_REQUESTS, appRole, FakeDirectory.newUser(), null, appScope)
                    .statusCode(400).body("error.target", equalTo("appScopeId"));
        }
        assign(ELIGIBILITY_REQUESTS, appRole, FakeDirectory.newUser(), null, null)
                .statusCode(400).body("error.target", equalTo("directoryScopeId"));
    }

    @Test
    void theScheduleEventsCarryTheScope() throws Exception {
        String app = FakeDirectory.newServicePrincipal();
        String overApp = FakeDirectory.newUser();
        String appWide = FakeDirectory.newUser();
        assign(ELIGIBILITY_REQUESTS, appRole, overApp, "/" + app, null).statusCode(201);
        assign(ELIGIBILITY_REQUESTS, appRole, appWide, null, "/").statusCode(201);

        JsonNode one = event(overApp);
        assertEquals("/" + app, one.path("directoryScopeId").asText());
        assertTrue(one.path("appScopeId").isNull() || one.path("appScopeId").isMissingNode());
        JsonNode other = event(appWide);
        assertEquals("/", other.path("appScopeId").asText());
        assertTrue(other.path("directoryScopeId").isNull());
    }

    private static JsonNode event(String principal) throws Exception {
        return new ObjectMapper().readTree(TestEvents.awaitEvents(Topics.PIM_EVENTS, EventTypes.PIM_SCHEDULE_CHANGED,
                principal, 1).get(0).value());
    }
}
