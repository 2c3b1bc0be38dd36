package dev.tessera.request.outage;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.platform.messaging.events.EventTypes;
import dev.tessera.platform.messaging.events.Topics;
import dev.tessera.request.automatic.DirectoryEventConsumer;
import dev.tessera.request.fake.FakeCatalogApi;
import dev.tessera.testsupport.TestEvents;
import dev.tessera.testsupport.TesseraInfraResource;
import dev.tessera.testsupport.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * provisioning-service down (its URL a closed port), the directory events read: a request for a user
 * request-service's own directory view knows needs no peer and succeeds (by id, by mail, a userAdd);
 * the view's memberships and deletions answer as the directory would; only a user the view has not
 * heard of yet is a 503 with Retry-After (issue 15, item 1).
 */
@QuarkusTest
@TestProfile(PeerDownTest.DirectoryDown.class)
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class DirectoryViewOutageTest {

    static final String REQUESTS = "/v1.0/identityGovernance/entitlementManagement/assignmentRequests";
    static final ObjectMapper MAPPER = new ObjectMapper();

    final String adminToken = Tokens.admin(UUID.randomUUID().toString(), "Identity Governance Administrator");
    final String alice = UUID.randomUUID().toString();
    final String bob = UUID.randomUUID().toString();
    final String carol = UUID.randomUUID().toString();
    final String dave = UUID.randomUUID().toString();
    final String erin = UUID.randomUUID().toString();
    final String auditors = UUID.randomUUID().toString();
    final String carolMail = "carol-" + UUID.randomUUID() + "@contoso.example";
    final String packageId = UUID.randomUUID().toString();
    final String policyId = UUID.randomUUID().toString();

    @Test
    void usersTheViewKnowsNeedNoPeerAndOnlyUnknownOnesAre503() {
        register();
        String last = null;
        for (String user : List.of(alice, bob, dave, erin)) {
            last = created(user, user + "@contoso.example");
        }
        created(carol, carolMail);
        TestEvents.publish(Topics.DIRECTORY_EVENTS, EventTypes.GROUP_MEMBER_ADDED, dave, """
                {"objectId":"%s","groupId":"%s","attributes":{"relationship":"members","source":"direct"}}
                """.formatted(dave, auditors));
        String deleted = UUID.randomUUID().toString();
        TestEvents.publish(Topics.DIRECTORY_EVENTS, EventTypes.USER_DELETED, erin, """
                {"objectId":"%s","attributes":{"userPrincipalName":"%s@contoso.example"}}
                """.formatted(erin, erin), deleted);
        // one partition per user key: wait for the last event of each user
        TestEvents.awaitProcessed(DirectoryEventConsumer.CONSUMER, deleted);
        TestEvents.awaitProcessed(DirectoryEventConsumer.CONSUMER, last);

        request(adminToken, "adminAdd", "\"targetId\":\"" + alice + "\"").statusCode(201)
                .body("state", equalTo("submitted"));
        request(Tokens.user(bob), "userAdd", "\"targetId\":\"" + bob + "\"").statusCode(201);
        request(adminToken, "adminAdd", "\"target\":{\"email\":\"" + carolMail.toUpperCase() + "\"}").statusCode(201);
        given().auth().oauth2(adminToken).queryParam("$filter", "accessPackage/id eq '" + packageId + "'")
                .queryParam("$expand", "target").when().get(
                        "/v1.0/identityGovernance/entitlementManagement/assignments").then().statusCode(200)
                .body("value.target.objectId", hasItem(carol));
        // the view's memberships: dave is in a group incompatible with the package
        request(adminToken, "adminAdd", "\"targetId\":\"" + dave + "\"").statusCode(400)
                .body("error.code", equalTo("IncompatibleGroupMembership"));
        // a user the view knows as deleted is not found, as today for a user the directory lacks
        request(adminToken, "adminAdd", "\"targetId\":\"" + erin + "\"").statusCode(400)
                .body("error.message", containsString("was not found in the directory"));

        // not in the view yet: only provisioning-service can tell, and it is down
        request(adminToken, "adminAdd", "\"targetId\":\"" + UUID.randomUUID() + "\"").statusCode(503)
                .contentType(ContentType.JSON).header("Retry-After", "5")
                .body("error.code", equalTo("serviceNotAvailable"));
    }

    private String created(String user, String mail) {
        String eventId = UUID.randomUUID().toString();
        TestEvents.publish(Topics.DIRECTORY_EVENTS, EventTypes.USER_CREATED, user, """
                {"objectId":"%s","attributes":{"displayName":"User %s","userPrincipalName":"%s","mail":"%s",
                "userType":"Member","accountEnabled":true}}
                """.formatted(user, user, user + "@contoso.example", mail), eventId);
        TestEvents.awaitProcessed(DirectoryEventConsumer.CONSUMER, eventId);
        return eventId;
    }

    private void register() {
        ObjectNode context = MAPPER.createObjectNode();
        context.putObject("accessPackage").put("id", packageId).put("displayName", "Outage view").put("isHidden", false)
                .put("catalogId", UUID.randomUUID().toString());
        ObjectNode policy = context.putArray("policies").addObject();
        policy.put("id", policyId).put("displayName", "Specific users").put("allowedTargetScope", "specificDirectoryUsers");
        ArrayNode targets = policy.putArray("specificAllowedTargets");
        for (String user : List.of(alice, bob, carol, dave, erin)) {
            targets.addObject().put("@odata.type", "#microsoft.graph.singleUser").put("userId", user);
        }
        policy.putObject("expiration").put("type", "noExpiration");
        policy.putObject("requestorSettings").put("enableTargetsToSelfAddAccess", true);
        policy.putObject("requestApprovalSettings").put("isApprovalRequiredForAdd", false);
        FakeCatalogApi.groupMemberRole(context, UUID.randomUUID().toString());
        ObjectNode incompatible = context.putObject("incompatible");
        incompatible.putArray("accessPackages");
        incompatible.putArray("groups").addObject().put("id", auditors).put("displayName", "Auditors");
        FakeCatalogApi.register(packageId, context);
    }

    private ValidatableResponse request(String token, String type, String target) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body("""
                {"requestType":"%s","assignment":{%s,"assignmentPolicyId":"%s","accessPackageId":"%s"}}
                """.formatted(type, target, policyId, packageId)).when().post(REQUESTS).then();
    }
}
