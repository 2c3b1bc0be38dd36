package dev.tessera.provisioning.application;

import static dev.tessera.provisioning.Directory.appRole;
import static dev.tessera.provisioning.Directory.createServicePrincipal;
import static dev.tessera.provisioning.Directory.createUser;
import static dev.tessera.provisioning.Directory.unique;
import static io.restassured.RestAssured.given;

import dev.tessera.common.DirectoryRoles;
import dev.tessera.common.roles.HeldDirectoryRole;
import dev.tessera.platform.messaging.events.EffectiveRolesChanged;
import dev.tessera.platform.messaging.roles.EffectiveRolesView;
import dev.tessera.provisioning.Directory;
import dev.tessera.testsupport.TesseraInfraResource;
import dev.tessera.testsupport.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * An Application or Cloud Application Administrator whose role Tessera holds over one application
 * ({@code directoryScopeId} {@code /{objectId}} of the service principal) manages that one and no other,
 * and creates none; the role is seeded into the service's {@link EffectiveRolesView}.
 */
@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class AppScopedAdministratorsTest {

    static final String SPS = "/v1.0/servicePrincipals";

    @Inject
    EffectiveRolesView roles;

    @Test
    void anAdministratorOverOneApplicationManagesThatOneOnly() {
        for (String role : new String[] {DirectoryRoles.APPLICATION_ADMINISTRATOR,
                DirectoryRoles.CLOUD_APPLICATION_ADMINISTRATOR}) {
            Map<String, Object> appRole = appRole("Reader");
            String mine = createServicePrincipal(unique("Mine "), List.of(appRole));
            String other = createServicePrincipal(unique("Other "), List.of(appRole("Reader")));
            String user = createUser("App User");
            String token = holding(role, "/" + mine);

            patch(token, mine).statusCode(204);
            patch(token, other).statusCode(403);
            given().auth().oauth2(token).contentType(ContentType.JSON).body(Directory.ref(user))
                    .when().post(SPS + "/" + mine + "/owners/$ref").then().statusCode(204);
            given().auth().oauth2(token).contentType(ContentType.JSON).body(Directory.ref(user))
                    .when().post(SPS + "/" + other + "/owners/$ref").then().statusCode(403);
            given().auth().oauth2(token).contentType(ContentType.JSON)
                    .body(Map.of("principalId", user, "resourceId", mine, "appRoleId", appRole.get("id")))
                    .when().post(SPS + "/" + mine + "/appRoleAssignedTo").then().statusCode(201);
            given().auth().oauth2(token).contentType(ContentType.JSON)
                    .body(Map.of("principalId", user, "resourceId", other, "appRoleId", UUID.randomUUID().toString()))
                    .when().post(SPS + "/" + other + "/appRoleAssignedTo").then().statusCode(403);
            given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("displayName", unique("New ")))
                    .when().post(SPS).then().statusCode(403);
            given().auth().oauth2(token).when().delete(SPS + "/" + other).then().statusCode(403);
            given().auth().oauth2(token).when().delete(SPS + "/" + mine).then().statusCode(204);
        }
    }

    @Test
    void onlyExactlyThatApplicationsScopeCounts() {
        String mine = createServicePrincipal(unique("Mine "), List.of());
        for (String scope : new String[] {"/" + mine + "/", "/" + mine + "/..", "//" + mine, " /" + mine,
                "/administrativeUnits/" + mine, "/applications/" + mine, "/" + mine.substring(1), "/*"}) {
            patch(holding(DirectoryRoles.APPLICATION_ADMINISTRATOR, scope), mine).statusCode(403);
        }
        // the right scope for another role (one that does not administer applications) grants nothing
        patch(holding(DirectoryRoles.USER_ADMINISTRATOR, "/" + mine), mine).statusCode(403);
        // nor does an app scope
        UUID admin = UUID.randomUUID();
        roles.apply(new EffectiveRolesChanged(admin, 1, Instant.parse("2026-01-01T00:00:00Z"),
                List.of(new HeldDirectoryRole(DirectoryRoles.APPLICATION_ADMINISTRATOR,
                        DirectoryRoles.APPLICATION_ADMINISTRATOR, "Application Administrator", null, "/", null, null,
                        "Direct", "Assigned", UUID.randomUUID(), null)), List.of()));
        patch(Tokens.user(admin.toString()), mine).statusCode(403);
    }

    private String holding(String templateId, String scope) {
        UUID admin = UUID.randomUUID();
        roles.apply(new EffectiveRolesChanged(admin, 1, Instant.parse("2026-01-01T00:00:00Z"),
                List.of(new HeldDirectoryRole(templateId, templateId, "role", scope, null, null, null, "Direct",
                        "Assigned", UUID.randomUUID(), null)), List.of()));
        return Tokens.user(admin.toString());
    }

    private static ValidatableResponse patch(String token, String sp) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("description", "Scoped"))
                .when().patch(SPS + "/" + sp).then();
    }
}
