package dev.tessera.pim.schedule;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.tessera.common.roles.BuiltInDirectoryRoles;
import dev.tessera.pim.FakeDirectory;
import dev.tessera.testsupport.MutableClock;
import dev.tessera.testsupport.TesseraInfraResource;
import dev.tessera.testsupport.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every built-in role of the data file can be given and taken away through Graph: an eligibility
 * and a permanent active assignment by adminAssign, both ended by adminRemove once the five-minute
 * window after their start has passed (the test clock is moved past it).
 */
@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class BuiltInRolesAssignableTest {

    static final String D = "/v1.0/roleManagement/directory/";
    static final String DIRECTORY_READERS = "88d8e3e3-8f55-4a1e-953a-9b9898b8876b";

    @Inject
    MutableClock clock;

    final String pra = Tokens.admin(UUID.randomUUID().toString(), "Privileged Role Administrator");

    static Stream<BuiltInDirectoryRoles.Role> roles() {
        return BuiltInDirectoryRoles.all().stream();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    ValidatableResponse post(String set, String body) {
        return given().auth().oauth2(pra).contentType(ContentType.JSON).body(body)
                .when().post(D + set + "ScheduleRequests").then();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("roles")
    void everyBuiltInRoleCanBeAssignedAndRemoved(BuiltInDirectoryRoles.Role role) {
        for (String set : List.of("roleEligibility", "roleAssignment")) {
            String principal = FakeDirectory.newUser();
            Instant start = Instant.parse(post(set, """
                    {"action":"adminAssign","justification":"rota","roleDefinitionId":"%s","directoryScopeId":"/",
                     "principalId":"%s","scheduleInfo":{"expiration":{"type":"noExpiration"}}}
                    """.formatted(role.templateId(), principal))
                    .statusCode(201).body("status", equalTo("Provisioned"))
                    .body("roleDefinitionId", equalTo(role.templateId()))
                    .extract().path("scheduleInfo.startDateTime"));
            given().auth().oauth2(pra).queryParam("$filter", "principalId eq '" + principal + "'")
                    .when().get(D + set + "Schedules")
                    .then().statusCode(200).body("value", hasSize(1))
                    .body("value[0].roleDefinitionId", equalTo(role.templateId()));
            clock.set(start.plus(Duration.ofMinutes(5)));
            post(set, """
                    {"action":"adminRemove","roleDefinitionId":"%s","directoryScopeId":"/","principalId":"%s"}
                    """.formatted(role.templateId(), principal))
                    .statusCode(201).body("status", equalTo("Revoked"));
            given().auth().oauth2(pra).queryParam("$filter", "principalId eq '" + principal + "'")
                    .when().get(D + set + "Schedules")
                    .then().statusCode(200).body("value", hasSize(0));
            clock.reset();
        }
    }

    /** The PIM documentation's own example: removing a Directory Readers eligibility, body as written there. */
    @Test
    void theDocumentedDirectoryReadersRemovalIsAccepted() {
        String principal = FakeDirectory.addUser("d96ea738-3b95-4ae7-9e19-78a083066d5b");
        Instant start = Instant.parse(post("roleEligibility", """
                {"action":"adminAssign","justification":"rota","roleDefinitionId":"%s","directoryScopeId":"/",
                 "principalId":"%s","scheduleInfo":{"expiration":{"type":"noExpiration"}}}
                """.formatted(DIRECTORY_READERS, principal)).statusCode(201).extract().path("scheduleInfo.startDateTime"));
        clock.set(start.plus(Duration.ofMinutes(5)));
        post("roleEligibility", """
                { 
                    "action": "AdminRemove", 
                    "justification": "abcde", 
                    "directoryScopeId": "/", 
                    "principalId": "d96ea738-3b95-4ae7-9e19-78a083066d5b", 
                    "roleDefinitionId": "88d8e3e3-8f55-4a1e-953a-9b9898b8876b" 
                } 
                """).statusCode(201)
                .body("status", equalTo("Revoked"))
                .body("roleDefinitionId", equalTo(DIRECTORY_READERS))
                .body("principalId", equalTo(principal))
                .body("directoryScopeId", equalTo("/"));
    }
}
