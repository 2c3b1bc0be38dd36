package dev.tessera.catalog.throttle;

import static dev.tessera.catalog.Fixtures.EM;
import static dev.tessera.catalog.Fixtures.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.common.DirectoryRoles;
import dev.tessera.testsupport.MutableClock;
import dev.tessera.testsupport.TesseraInfraResource;
import dev.tessera.testsupport.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Per-caller throttling (issue 15), with limits low enough to reach: three requests per caller, one more
 * every 100 s; two writes, one more every 100 s. The clock is moved, never waited for.
 */
@QuarkusTest
@TestProfile(ThrottledCallersTest.LowLimits.class)
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class ThrottledCallersTest {

    public static class LowLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tessera.throttle.requests-per-second", "0.01", "tessera.throttle.burst", "3",
                    "tessera.throttle.write-requests-per-second", "0.01", "tessera.throttle.write-burst", "2");
        }
    }

    @Inject
    MutableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    static String admin() {
        return Tokens.admin(UUID.randomUUID().toString(), DirectoryRoles.IDENTITY_GOVERNANCE_ADMINISTRATOR);
    }

    static void assertThrottled(ValidatableResponse response) {
        response.statusCode(429)
                .contentType(ContentType.JSON)
                .header("Retry-After", notNullValue())
                .body("error.code", equalTo("activityLimitReached"))
                .body("error.message", containsString("Retry after"))
                .body("error.innerError.request-id", notNullValue());
        int retryAfter = Integer.parseInt(response.extract().header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 100, "Retry-After " + retryAfter);
    }

    @Test
    void aCallerOverItsLimitGets429WithRetryAfterWhileOthersAreStillServed() {
        String a = admin();
        String b = admin();
        for (int i = 0; i < 3; i++) {
            as(a).when().get(EM + "/catalogs").then().statusCode(200);
        }
        assertThrottled(as(a).when().get(EM + "/catalogs").then());
        // A cannot starve anyone: another user, an application and the services are still served
        as(b).when().get(EM + "/catalogs").then().statusCode(200);
        String app = Tokens.appBuilder("throttle-test-app-" + UUID.randomUUID())
                .appRoles(java.util.List.of("EntitlementManagement.Read.All")).sign();
        as(app).when().get(EM + "/catalogs").then().statusCode(200);
        for (int i = 0; i < 10; i++) { // the service token between services is exempt
            as(Tokens.service()).when().get(EM + "/catalogs").then().statusCode(200);
        }
        assertThrottled(as(a).when().get(EM + "/catalogs").then());
        // once Retry-After has passed, A is served again
        clock.advance(Duration.ofSeconds(100));
        as(a).when().get(EM + "/catalogs").then().statusCode(200);
        assertThrottled(as(a).when().get(EM + "/catalogs").then());
    }

    @Test
    void writesHaveALowerLimitThanReads() {
        String a = admin();
        for (int i = 0; i < 2; i++) {
            as(a).contentType(ContentType.JSON).body("{\"displayName\":\"throttled " + i + "\"}")
                    .when().post(EM + "/catalogs").then().statusCode(201);
        }
        assertThrottled(as(a).contentType(ContentType.JSON).body("{\"displayName\":\"one too many\"}")
                .when().post(EM + "/catalogs").then().body("error.message", containsString("write requests")));
        as(a).when().get(EM + "/catalogs").then().statusCode(200); // the third request of the burst: a read
    }

    @Test
    void requestsWithoutAValidTokenAreThrottledByClientAddress() {
        for (int i = 0; i < 3; i++) {
            given().when().get(EM + "/catalogs").then().statusCode(401);
        }
        assertThrottled(given().when().get(EM + "/catalogs").then());
        assertThrottled(given().auth().oauth2("not.a.token").when().get(EM + "/catalogs").then());
        // a valid token is its own caller, whatever its address
        as(admin()).when().get(EM + "/catalogs").then().statusCode(200);
    }
}
