package dev.tessera.provisioning.user;

import static dev.tessera.provisioning.Directory.admin;
import static dev.tessera.provisioning.Directory.createUser;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.platform.messaging.events.EventTypes;
import dev.tessera.platform.messaging.events.Topics;
import dev.tessera.testsupport.TestEvents;
import dev.tessera.testsupport.TesseraInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Graph's employeeHireDate and employeeLeaveDateTime: written, read, selected and published like the others. */
@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class EmployeeDatesTest {

    @Test
    void hireAndLeaveDatesAreCreatedPatchedReadSelectedAndPublished() {
        String id = createUser("Hired", Map.of("employeeHireDate", "2026-03-01T09:00:00Z"));
        given().auth().oauth2(admin()).when().get("/v1.0/users/" + id).then().statusCode(200)
                .body("employeeHireDate", equalTo("2026-03-01T09:00:00Z"))
                .body("employeeLeaveDateTime", nullValue());
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body("{\"employeeLeaveDateTime\": \"2026-12-31T17:00:00Z\"}")
                .when().patch("/v1.0/users/" + id).then().statusCode(204);
        given().auth().oauth2(admin()).when().get("/v1.0/users/" + id + "?$select=id,employeeLeaveDateTime,employeeHireDate")
                .then().statusCode(200)
                .body("employeeLeaveDateTime", equalTo("2026-12-31T17:00:00Z"))
                .body("employeeHireDate", equalTo("2026-03-01T09:00:00Z"));
        String event = TestEvents.awaitEvent(Topics.DIRECTORY_EVENTS, EventTypes.USER_UPDATED, id).value();
        assertTrue(event.contains("\"employeeLeaveDateTime\":\"2026-12-31T17:00:00Z\""), event);
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body("{\"employeeHireDate\": \"yesterday\"}")
                .when().patch("/v1.0/users/" + id).then().statusCode(400);
    }
}
