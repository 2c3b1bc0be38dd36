package dev.tessera.pim.schedule;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tessera.common.DirectoryRoles;
import dev.tessera.common.ServiceIdentity;
import dev.tessera.pim.FakeDirectory;
import dev.tessera.pim.FakeDirectoryApi;
import dev.tessera.testsupport.TesseraInfraResource;
import dev.tessera.testsupport.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** Restricted scopes: /administrativeUnits/{id} must name a unit of the directory, for a role that allows it. */
@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class RestrictedScopeTest {

    static final String ELIGIBILITY_REQUESTS = "/v1.0/roleManagement/directory/roleEligibilityScheduleRequests";

    final String pra = Tokens.admin(UUID.randomUUID().toString(), "Privileged Role Administrator");

    ValidatableResponse assign(String role, String principal, String scope) {
        return given().auth().oauth2(pra).contentType(ContentType.JSON).body("""
                {"action":"adminAssign","justification":"Seattle helpdesk","roleDefinitionId":"%s","directoryScopeId":"%s",
                 "principalId":"%s","scheduleInfo":{"expiration":{"type":"noExpiration"}}}
                """.formatted(role, scope, principal)).when().post(ELIGIBILITY_REQUESTS).then();
    }

    @Test
    void anAdministrativeUnitScopeMustExistAndSuitTheRole() {
        String seattle = FakeDirectoryApi.newAdministrativeUnit("Seattle");
        String principal = FakeDirectory.newUser();

        assign(DirectoryRoles.HELPDESK_ADMINISTRATOR, principal, "/administrativeUnits/" + seattle).statusCode(201)
                .body("directoryScopeId", equalTo("/administrativeUnits/" + seattle));
        assertEquals("Bearer " + ConfigProvider.getConfig().getValue(ServiceIdentity.TOKEN_PROPERTY, String.class),
                FakeDirectoryApi.authorizationSeenFor(seattle), "asked with pim-service's service token, not the caller's");
        given().auth().oauth2(pra).queryParam("$filter", "principalId eq '" + principal + "' and directoryScopeId eq '/administrativeUnits/"
                + seattle + "'").when().get("/v1.0/roleManagement/directory/roleEligibilityScheduleInstances")
                .then().statusCode(200).body("value", hasSize(1));

        String nowhere = UUID.randomUUID().toString();
        assign(DirectoryRoles.HELPDESK_ADMINISTRATOR, FakeDirectory.newUser(), "/administrativeUnits/" + nowhere)
                .statusCode(400).body("error.message", containsString(nowhere));
        assign(DirectoryRoles.GLOBAL_ADMINISTRATOR, FakeDirectory.newUser(), "/administrativeUnits/" + seattle)
                .statusCode(400).body("error.message", containsString("Global Administrator"));
        assign(DirectoryRoles.HELPDESK_ADMINISTRATOR, FakeDirectory.newUser(), "/administrativeUnits/" + FakeDirectoryApi.BROKEN)
                .statusCode(503).body("error.code", equalTo("serviceNotAvailable"));
        given().auth().oauth2(pra).queryParam("$filter", "directoryScopeId eq '/administrativeUnits/" + nowhere + "'")
                .when().get("/v1.0/roleManagement/directory/roleEligibilitySchedules").then().body("value", hasSize(0));
    }
}
