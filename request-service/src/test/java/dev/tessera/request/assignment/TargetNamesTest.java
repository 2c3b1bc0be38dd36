package dev.tessera.request.assignment;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.platform.messaging.events.EventTypes;
import dev.tessera.platform.messaging.events.Topics;
import dev.tessera.request.automatic.DirectoryEventConsumer;
import dev.tessera.request.fake.FakeCatalogApi;
import dev.tessera.request.fake.FakeDirectoryApi;
import dev.tessera.testsupport.TesseraInfraResource;
import dev.tessera.testsupport.TestEvents;
import dev.tessera.testsupport.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * Who the target is: {@code $expand=target} (and the CSV export) show the directory user's display
 * name, UPN and mail from request-service's directory view, as the access-package document's
 * PowerShell export ({@code {$_.Target.DisplayName},{$_.Target.PrincipalName}}) reads them.
 */
@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class TargetNamesTest {

    static final String EM = "/v1.0/identityGovernance/entitlementManagement";
    static final ObjectMapper MAPPER = new ObjectMapper();
    /** The direct-assignment policy of each package {@link #directPackage} registered. */
    static final Map<String, String> POLICIES = new ConcurrentHashMap<>();

    @Test
    void thePowerShellExportGetsNamesAndUpnsAndARenameShows() {
        String adminId = UUID.randomUUID().toString();
        String admin = Tokens.admin(adminId, "Identity Governance Administrator");
        String packageId = directPackage("Marketing Campaign");
        String user = UUID.randomUUID().toString();
        String upn = "ana." + user.substring(0, 8) + "@contoso.com";
        FakeDirectoryApi.user(user, "Member");
        userEvent(EventTypes.USER_CREATED, user, "Ana Silva", upn, "ana.silva@contoso.com");
        userEvent(EventTypes.USER_CREATED, adminId, "Ivo Admin", "ivo." + adminId.substring(0, 8) + "@contoso.com",
                "ivo@contoso.com");

        String policyId = POLICIES.get(packageId);
        String requestId = given().auth().oauth2(admin).contentType(ContentType.JSON).body("""
                {"requestType":"adminAdd","assignment":{"targetId":"%s","assignmentPolicyId":"%s","accessPackageId":"%s"}}
                """.formatted(user, policyId, packageId)).when().post(EM + "/assignmentRequests").then().statusCode(201)
                .extract().path("id");
        String assignmentId = given().auth().oauth2(admin).queryParam("$expand", "assignment")
                .when().get(EM + "/assignmentRequests/" + requestId).then().statusCode(200)
                .extract().path("assignment.id");
        TestEvents.publish(Topics.DELIVERY_EVENTS, EventTypes.DELIVERY_REPORTED, assignmentId, """
                {"assignmentId":"%s","requestId":"%s","operation":"grant","outcome":"delivered",
                 "completedDateTime":"2026-11-22T10:00:00Z","roles":[]}""".formatted(assignmentId, requestId));

        // Get-MgEntitlementManagementAssignment -Filter "accessPackage/id eq '…' and state eq 'Delivered'" -ExpandProperty target
        String filter = "accessPackage/id eq '" + packageId + "' and state eq 'Delivered'";
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(admin)
                .queryParam("$filter", filter).queryParam("$expand", "target")
                .when().get(EM + "/assignments").then().statusCode(200).body("value", hasSize(1)));
        JsonPath page = given().auth().oauth2(admin).queryParam("$filter", filter).queryParam("$expand", "target")
                .when().get(EM + "/assignments").then().statusCode(200).extract().jsonPath();
        assertEquals(user, page.getString("value[0].target.objectId"));
        assertEquals("Ana Silva", page.getString("value[0].target.displayName"));
        assertEquals(upn, page.getString("value[0].target.principalName"));
        assertEquals("ana.silva@contoso.com", page.getString("value[0].target.email"));
        assertEquals("user", page.getString("value[0].target.subjectType"));

        // renamed in the directory: the next read shows the new name
        userEvent(EventTypes.USER_UPDATED, user, "Ana Costa", null, null);
        given().auth().oauth2(admin).queryParam("$filter", filter).queryParam("$expand", "target")
                .when().get(EM + "/assignments").then().statusCode(200)
                .body("value[0].target.displayName", equalTo("Ana Costa"))
                .body("value[0].target.principalName", equalTo(upn));
        given().auth().oauth2(admin).queryParam("$expand", "target").when().get(EM + "/assignments/" + assignmentId)
                .then().statusCode(200).body("target.displayName", equalTo("Ana Costa"));

        // the CSV export: the same columns, filled
        String csv = given().auth().oauth2(admin).queryParam("$filter", "accessPackage/id eq '" + packageId + "'")
                .when().get(EM + "/assignments/export").then().statusCode(200).extract().asString();
        String[] lines = csv.split("\r\n");
        assertTrue(lines[0].endsWith(",targetDisplayName,targetPrincipalName,targetEmail"), lines[0]);
        assertEquals(2, lines.length);
        assertTrue(lines[1].endsWith(",Ana Costa," + upn + ",ana.silva@contoso.com"), lines[1]);

        // the request's requestor, expanded, is named too
        given().auth().oauth2(admin).queryParam("$filter", "accessPackage/id eq '" + packageId + "'")
                .queryParam("$expand", "requestor").when().get(EM + "/assignmentRequests").then().statusCode(200)
                .body("value", hasSize(1))
                .body("value[0].requestor.objectId", equalTo(adminId))
                .body("value[0].requestor.displayName", equalTo("Ivo Admin"))
                .body("value[0].requestor.email", equalTo("ivo@contoso.com"));
    }

    @Test
    void aUserTheDirectoryViewHasNotSeenKeepsOnlyTheirObjectId() {
        String admin = Tokens.admin(UUID.randomUUID().toString(), "Identity Governance Administrator");
        String packageId = directPackage("Unnamed");
        String user = UUID.randomUUID().toString();
        FakeDirectoryApi.user(user, "Member");
        given().auth().oauth2(admin).contentType(ContentType.JSON).body("""
                {"requestType":"adminAdd","assignment":{"targetId":"%s","assignmentPolicyId":"%s","accessPackageId":"%s"}}
                """.formatted(user, POLICIES.get(packageId), packageId)).when().post(EM + "/assignmentRequests")
                .then().statusCode(201);
        given().auth().oauth2(admin).queryParam("$filter", "accessPackage/id eq '" + packageId + "'")
                .queryParam("$expand", "target").when().get(EM + "/assignments").then().statusCode(200)
                .body("value", hasSize(1))
                .body("value[0].target.objectId", equalTo(user))
                .body("value[0].target.displayName", equalTo(null));
    }

    private static String directPackage(String name) {
        String packageId = UUID.randomUUID().toString();
        String policyId = UUID.randomUUID().toString();
        ObjectNode context = MAPPER.createObjectNode();
        context.putObject("accessPackage").put("id", packageId).put("displayName", name).put("isHidden", false)
                .put("catalogId", UUID.randomUUID().toString());
        ObjectNode policy = context.putArray("policies").addObject();
        policy.put("id", policyId).put("displayName", "Direct").put("allowedTargetScope", "notSpecified");
        policy.putObject("expiration").put("type", "noExpiration");
        context.putArray("resourceRoles");
        FakeCatalogApi.register(packageId, context);
        POLICIES.put(packageId, policyId);
        return packageId;
    }


    private static void userEvent(String type, String user, String displayName, String upn, String mail) {
        ObjectNode payload = MAPPER.createObjectNode().put("objectId", user);
        ObjectNode attributes = payload.putObject("attributes").put("displayName", displayName);
        if (upn != null) {
            attributes.put("userPrincipalName", upn).put("mail", mail).put("accountEnabled", true)
                    .put("userType", "Member");
        }
        String eventId = UUID.randomUUID().toString();
        TestEvents.publish(Topics.DIRECTORY_EVENTS, type, user, payload.toString(), eventId);
        TestEvents.awaitProcessed(DirectoryEventConsumer.CONSUMER, eventId);
    }
}
