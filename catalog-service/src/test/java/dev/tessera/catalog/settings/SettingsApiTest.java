package dev.tessera.catalog.settings;

import static dev.tessera.catalog.Fixtures.EM;
import static dev.tessera.catalog.Fixtures.admin;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.startsWith;

import dev.tessera.catalog.Fixtures;
import dev.tessera.testsupport.TesseraInfraResource;
import dev.tessera.testsupport.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The settings are one row for the whole service: each test leaves Graph's defaults behind. */
@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class SettingsApiTest {

    static final String SETTINGS = EM + "/settings";
    static final String ID = "4a8f1b9c-0000-4000-8000-000000000002";

    @AfterEach
    void restoreDefaults() {
        admin().body("{\"externalUserLifecycleAction\":\"none\",\"durationUntilExternalUserDeletedAfterBlocked\":\"P30D\"}")
                .when().patch(SETTINGS).then().statusCode(204);
    }

    @Test
    void theSettingsStartWithGraphsDefaults() {
        admin().when().get(SETTINGS).then().statusCode(200)
                .header("Content-Type", startsWith("application/json"))
                .body("'@odata.context'", endsWith("/v1.0/$metadata#identityGovernance/entitlementManagement/settings/$entity"))
                .body("id", equalTo(ID))
                .body("externalUserLifecycleAction", equalTo("none"))
                .body("durationUntilExternalUserDeletedAfterBlocked", equalTo("P30D"));
    }

    @Test
    void patchAcceptsTheDocsPascalCaseAndAnswers204() {
        admin().body("{\"externalUserLifecycleAction\":\"BlockSignInAndDelete\","
                        + "\"durationUntilExternalUserDeletedAfterBlocked\":\"p90d\"}")
                .when().patch(SETTINGS).then().statusCode(204).body(equalTo(""));
        admin().when().get(SETTINGS).then().statusCode(200).body("id", equalTo(ID))
                .body("externalUserLifecycleAction", equalTo("blockSignInAndDelete"))
                .body("durationUntilExternalUserDeletedAfterBlocked", equalTo("P90D"));
        admin().body("{\"externalUserLifecycleAction\":\"blocksignin\"}").when().patch(SETTINGS).then().statusCode(204);
        admin().when().get(SETTINGS).then().body("externalUserLifecycleAction", equalTo("blockSignIn"))
                .body("durationUntilExternalUserDeletedAfterBlocked", equalTo("P90D"));
        admin().body("{\"durationUntilExternalUserDeletedAfterBlocked\":\"P3650D\"}").when().patch(SETTINGS)
                .then().statusCode(204);
        admin().body("{\"durationUntilExternalUserDeletedAfterBlocked\":\"PT24H\"}").when().patch(SETTINGS)
                .then().statusCode(204);
        admin().when().get(SETTINGS).then().body("durationUntilExternalUserDeletedAfterBlocked", equalTo("PT24H"));
    }

    @Test
    void badValuesAreRefusedNamingTheFieldAndChangeNothing() {
        admin().body("{\"externalUserLifecycleAction\":\"blockSignIn\",\"durationUntilExternalUserDeletedAfterBlocked\":\"P7D\"}")
                .when().patch(SETTINGS).then().statusCode(204);
        refused("{\"externalUserLifecycleAction\":\"shredEverything\"}", "externalUserLifecycleAction");
        refused("{\"externalUserLifecycleAction\":\"unknownFutureValue\"}", "externalUserLifecycleAction");
        for (String duration : new String[] {"thirty days", "P0D", "PT23H", "-P5D", "P3651D", "P11Y", ""}) {
            refused("{\"externalUserLifecycleAction\":\"none\",\"durationUntilExternalUserDeletedAfterBlocked\":\""
                    + duration + "\"}", "durationUntilExternalUserDeletedAfterBlocked");
        }
        admin().body("{\"externalUserLifecycleAction\":").when().patch(SETTINGS).then().statusCode(400);
        admin().when().get(SETTINGS).then().statusCode(200)
                .body("externalUserLifecycleAction", equalTo("blockSignIn"))
                .body("durationUntilExternalUserDeletedAfterBlocked", equalTo("P7D"));
    }

    static void refused(String body, String field) {
        admin().body(body).when().patch(SETTINGS).then().statusCode(400).body("error.target", equalTo(field));
    }

    @Test
    void readersReadAndOnlyAdministratorsWrite() {
        String reader = Tokens.admin(UUID.randomUUID().toString(), "Global Reader");
        Fixtures.as(reader).when().get(SETTINGS).then().statusCode(200).body("id", equalTo(ID));
        Fixtures.as(reader).body("{\"externalUserLifecycleAction\":\"blockSignIn\"}").when().patch(SETTINGS)
                .then().statusCode(403).body("error.code", equalTo("accessDenied"));
        Fixtures.as(Tokens.user(UUID.randomUUID().toString())).when().get(SETTINGS).then().statusCode(403);
        given().when().get(SETTINGS).then().statusCode(401);
        admin().when().get(SETTINGS).then().body("externalUserLifecycleAction", equalTo("none"));
    }
}
