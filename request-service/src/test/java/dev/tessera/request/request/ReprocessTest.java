package dev.tessera.request.request;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.platform.messaging.events.EventTypes;
import dev.tessera.platform.messaging.events.Topics;
import dev.tessera.request.fake.FakeCatalogApi;
import dev.tessera.request.fake.FakeDirectoryApi;
import dev.tessera.testsupport.MutableClock;
import dev.tessera.testsupport.TestEvents;
import dev.tessera.testsupport.TesseraInfraResource;
import dev.tessera.testsupport.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** reprocess of failed deliveries, and assignments/filterByCurrentUser. */
@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class ReprocessTest {

    static final String EM = "/v1.0/identityGovernance/entitlementManagement";
    static final ObjectMapper MAPPER = new ObjectMapper();

    @Inject
    MutableClock clock;

    final String adminId = UUID.randomUUID().toString();
    final String admin = Tokens.admin(adminId, "Identity Governance Administrator");

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    String[] register() {
        String packageId = UUID.randomUUID().toString();
        String policyId = UUID.randomUUID().toString();
        String group = UUID.randomUUID().toString();
        ObjectNode context = MAPPER.createObjectNode();
        context.putObject("accessPackage").put("id", packageId).put("displayName", "Reprocessed").put("isHidden", false)
                .put("catalogId", UUID.randomUUID().toString());
        ObjectNode policy = context.putArray("policies").addObject();
        policy.put("id", policyId).put("displayName", "Direct").put("allowedTargetScope", "notSpecified");
        policy.putObject("expiration").put("type", "noExpiration");
        policy.putObject("requestApprovalSettings").put("isApprovalRequiredForAdd", false);
        FakeCatalogApi.groupMemberRole(context, group);
        FakeCatalogApi.register(packageId, context);
        return new String[] {packageId, policyId};
    }

    String adminAdd(String target, String[] accessPackage) {
        return given().auth().oauth2(admin).contentType(ContentType.JSON).body("""
                {"requestType":"adminAdd","assignment":{"targetId":"%s","assignmentPolicyId":"%s","accessPackageId":"%s"}}
                """.formatted(target, accessPackage[1], accessPackage[0])).when().post(EM + "/assignmentRequests")
                .then().statusCode(201).extract().path("id");
    }

    String assignmentOf(String requestId) {
        return given().auth().oauth2(admin).queryParam("$expand", "assignment").when().get(EM + "/assignmentRequests/" + requestId)
                .then().statusCode(200).extract().path("assignment.id");
    }

    void report(String assignmentId, String requestId, String outcome) {
        TestEvents.publish(Topics.DELIVERY_EVENTS, EventTypes.DELIVERY_REPORTED, assignmentId, """
                {"assignmentId":"%s","requestId":"%s","operation":"grant","outcome":"%s","completedDateTime":"2026-11-30T10:00:00Z",
                 "roles":[{"roleId":"%s","roleDisplayName":"Member","status":"%s","error":%s}]}
                """.formatted(assignmentId, requestId, outcome, UUID.randomUUID(), outcome.equals("delivered") ? "delivered" : "failed",
                outcome.equals("delivered") ? "null" : "\"Group missing\""), UUID.randomUUID().toString());
    }

    void awaitState(String requestId, String state) {
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().auth().oauth2(admin)
                .when().get(EM + "/assignmentRequests/" + requestId).then().statusCode(200).body("state", equalTo(state)));
    }

    @Test
    void aFailedDeliveryIsDeliveredAgainOnReprocessAndOnlyThen() {
        String alice = UUID.randomUUID().toString();
        FakeDirectoryApi.user(alice, "Member");
        String requestId = adminAdd(alice, register());
        String assignmentId = assignmentOf(requestId);
        TestEvents.awaitEvent(Topics.ASSIGNMENT_EVENTS, EventTypes.ASSIGNMENT_GRANTED, assignmentId);

        String reprocess = EM + "/assignmentRequests/" + requestId + "/reprocess";
        given().auth().oauth2(admin).when().post(reprocess).then().statusCode(400)
                .body("error.message", containsString("submitted"));
        report(assignmentId, requestId, "deliveryFailed");
        awaitState(requestId, "deliveryFailed");

        given().auth().oauth2(Tokens.user(UUID.randomUUID().toString())).when().post(reprocess).then().statusCode(404);
        given().auth().oauth2(Tokens.user(alice)).when().post(reprocess).then().statusCode(202);
        given().auth().oauth2(admin).when().get(EM + "/assignmentRequests/" + requestId).then()
                .body("state", equalTo("delivering")).body("completedDateTime", equalTo(null));
        given().auth().oauth2(admin).when().get(EM + "/assignments/" + assignmentId).then().body("state", equalTo("delivering"));
        assertEquals(2, TestEvents.awaitEvents(Topics.ASSIGNMENT_EVENTS, EventTypes.ASSIGNMENT_GRANTED, assignmentId, 2).size(),
                "the grant went out again");

        report(assignmentId, requestId, "delivered");
        awaitState(requestId, "delivered");
        given().auth().oauth2(admin).when().get(EM + "/assignments/" + assignmentId).then().body("state", equalTo("delivered"));
        given().auth().oauth2(admin).when().post(EM + "/assignments/" + assignmentId + "/reprocess").then().statusCode(400);
    }

    @Test
    void reprocessDeliversThePackagesCurrentRolesNotThoseAtGrant() throws Exception {
        String bob = UUID.randomUUID().toString();
        FakeDirectoryApi.user(bob, "Member");
        String[] accessPackage = register();
        String requestId = adminAdd(bob, accessPackage);
        String assignmentId = assignmentOf(requestId);
        TestEvents.awaitEvent(Topics.ASSIGNMENT_EVENTS, EventTypes.ASSIGNMENT_GRANTED, assignmentId);
        report(assignmentId, requestId, "deliveryFailed");
        awaitState(requestId, "deliveryFailed");
        // the role that failed was taken out of the package; another one was added
        String group = UUID.randomUUID().toString();
        ObjectNode context = (ObjectNode) MAPPER.readTree(given().auth().oauth2(Tokens.service()).get("/internal/v1/accessPackages/" + accessPackage[0]
                + "/requestContext").then().statusCode(200).extract().asString());
        context.putArray("resourceRoles").addObject().put("roleId", UUID.randomUUID().toString())
                .put("roleDisplayName", "Reader").put("roleOriginId", "Reader_" + group).put("originSystem", "AadGroup")
                .put("resourceId", UUID.randomUUID().toString()).put("resourceOriginId", group).put("scopeOriginId", group);
        FakeCatalogApi.register(accessPackage[0], context);

        given().auth().oauth2(admin).when().post(EM + "/assignmentRequests/" + requestId + "/reprocess").then().statusCode(202);
        com.fasterxml.jackson.databind.JsonNode again = MAPPER.readTree(TestEvents.awaitEvents(Topics.ASSIGNMENT_EVENTS,
                EventTypes.ASSIGNMENT_GRANTED, assignmentId, 2).get(1).value());
        assertEquals(1, again.path("resourceRoles").size());
        assertEquals("Reader_" + group, again.path("resourceRoles").get(0).path("roleOriginId").asText());
    }

    @Test
    void aRequestShowsItsDeliveryTracePerResourceRole() {
        String dana = UUID.randomUUID().toString();
        FakeDirectoryApi.user(dana, "Member");
        String requestId = adminAdd(dana, register());
        String assignmentId = assignmentOf(requestId);
        String role = UUID.randomUUID().toString();
        TestEvents.publish(Topics.DELIVERY_EVENTS, EventTypes.DELIVERY_REPORTED, assignmentId, """
                {"assignmentId":"%s","requestId":"%s","operation":"grant","outcome":"partiallyDelivered",
                 "completedDateTime":"2026-11-30T10:00:01Z",
                 "roles":[{"roleId":"%s","roleDisplayName":"Member","status":"delivered","error":null,
                           "startedDateTime":"2026-11-30T10:00:00.100Z","completedDateTime":"2026-11-30T10:00:00.180Z"},
                          {"roleId":"%s","roleDisplayName":"Reader","status":"failed","error":"App role is disabled",
                           "startedDateTime":"2026-11-30T10:00:00.100Z","completedDateTime":"2026-11-30T10:00:00.150Z"}]}
                """.formatted(assignmentId, requestId, role, UUID.randomUUID()), UUID.randomUUID().toString());
        awaitState(requestId, "partiallyDelivered");
        given().auth().oauth2(admin).when().get(EM + "/assignmentRequests/" + requestId).then().statusCode(200)
                .body("'@tessera.deliveryTrace'.requestedDateTime", org.hamcrest.Matchers.notNullValue())
                .body("'@tessera.deliveryTrace'.grantedDateTime", org.hamcrest.Matchers.notNullValue())
                .body("'@tessera.deliveryTrace'.completedDateTime", org.hamcrest.Matchers.notNullValue())
                .body("'@tessera.deliveryTrace'.resourceRoles", hasSize(2))
                .body("'@tessera.deliveryTrace'.resourceRoles.find { it.roleId == '" + role + "' }.startedDateTime",
                        equalTo("2026-11-30T10:00:00.100Z"))
                .body("'@tessera.deliveryTrace'.resourceRoles.find { it.status == 'failed' }.error",
                        equalTo("App role is disabled"));
        given().auth().oauth2(admin).when().get(EM + "/assignmentRequests").then().statusCode(200)
                .body("value[0].'@tessera.deliveryTrace'", equalTo(null));
    }

    @Test
    void reprocessIsOnlyForFourteenDaysAfterCompletion() {
        String bob = UUID.randomUUID().toString();
        FakeDirectoryApi.user(bob, "Member");
        String requestId = adminAdd(bob, register());
        String assignmentId = assignmentOf(requestId);
        report(assignmentId, requestId, "partiallyDelivered");
        awaitState(requestId, "partiallyDelivered");

        clock.advance(Duration.ofDays(15));
        given().auth().oauth2(admin).when().post(EM + "/assignments/" + assignmentId + "/reprocess").then().statusCode(400)
                .body("error.message", containsString("14 days"));
        clock.reset();
        given().auth().oauth2(admin).when().post(EM + "/assignments/" + assignmentId + "/reprocess").then().statusCode(202);
    }

    @Test
    void filterByCurrentUserShowsTheCallersAssignmentsAndThoseTheyCreated() {
        String carol = UUID.randomUUID().toString();
        FakeDirectoryApi.user(carol, "Member");
        String requestId = adminAdd(carol, register());
        String assignmentId = assignmentOf(requestId);

        given().auth().oauth2(Tokens.user(carol)).when().get(EM + "/assignments/filterByCurrentUser(on='target')").then()
                .statusCode(200).body("value", hasSize(1)).body("value[0].id", equalTo(assignmentId));
        given().auth().oauth2(admin).when().get(EM + "/assignments/filterByCurrentUser(on='createdBy')").then()
                .statusCode(200).body("value", hasSize(1)).body("value[0].id", equalTo(assignmentId));
        given().auth().oauth2(admin).when().get(EM + "/assignments/filterByCurrentUser(on='target')").then()
                .statusCode(200).body("value", hasSize(0));
        given().auth().oauth2(admin).when().get(EM + "/assignments/filterByCurrentUser(on='sideways')").then().statusCode(400);
    }
}
