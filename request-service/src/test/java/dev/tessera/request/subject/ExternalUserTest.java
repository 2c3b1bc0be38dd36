package dev.tessera.request.subject;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.platform.messaging.events.EventTypes;
import dev.tessera.platform.messaging.events.Topics;
import dev.tessera.request.fake.FakeCatalogApi;
import dev.tessera.request.fake.FakeConnectedOrganizationApi;
import dev.tessera.request.fake.FakeDirectoryApi;
import dev.tessera.testsupport.TesseraInfraResource;
import dev.tessera.testsupport.TestEvents;
import dev.tessera.testsupport.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * adminAdd for {@code assignment.target.email}: someone not in the directory gets access when the
 * policy admits their domain's connected organization; the subject records who they are until
 * provisioning-service reports the guest's object id.
 */
@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class ExternalUserTest {

    static final String EM = "/v1.0/identityGovernance/entitlementManagement";
    static final ObjectMapper MAPPER = new ObjectMapper();

    final String admin = Tokens.admin(UUID.randomUUID().toString(), "Identity Governance Administrator");

    /** Fresh domains per test, so tests share no organization. */
    final String tag = UUID.randomUUID().toString().substring(0, 8);
    final String foo = "foo-" + tag + ".com";
    final String bar = "bar-" + tag + ".com";
    final String fooOrg = UUID.randomUUID().toString();
    final String barOrg = UUID.randomUUID().toString();

    ExternalUserTest() {
        FakeConnectedOrganizationApi.organization(fooOrg, "Foo Inc", "configured", foo);
        FakeConnectedOrganizationApi.organization(barOrg, "Bar Ltd", "configured", bar);
    }

    /** A package with one policy; {@code scope} sets allowedTargetScope and specificAllowedTargets. */
    static String[] register(String scope, Consumer<ObjectNode> policySettings) {
        String packageId = UUID.randomUUID().toString();
        String policyId = UUID.randomUUID().toString();
        ObjectNode context = MAPPER.createObjectNode();
        context.putObject("accessPackage").put("id", packageId).put("displayName", "Partner portal")
                .put("isHidden", false).put("catalogId", UUID.randomUUID().toString());
        ObjectNode policy = context.putArray("policies").addObject();
        policy.put("id", policyId).put("displayName", "Partners").put("allowedTargetScope", scope);
        policy.putArray("specificAllowedTargets");
        policy.putObject("expiration").put("type", "afterDuration").put("duration", "P30D");
        policy.putObject("requestorSettings").put("enableTargetsToSelfAddAccess", true);
        policy.putObject("requestApprovalSettings").put("isApprovalRequiredForAdd", false);
        policySettings.accept(policy);
        context.putArray("resourceRoles");
        FakeCatalogApi.register(packageId, context);
        return new String[] {packageId, policyId};
    }

    static Consumer<ObjectNode> organizations(String... ids) {
        return policy -> {
            var targets = policy.putArray("specificAllowedTargets");
            for (String id : ids) {
                targets.addObject().put("@odata.type", "#microsoft.graph.connectedOrganizationMembers")
                        .put("connectedOrganizationId", id);
            }
        };
    }

    ValidatableResponse addByEmail(String token, String type, String email, String[] accessPackage) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body("""
                {"requestType":"%s","assignment":{"target":{"email":"%s","displayName":"Jen Barber"},
                 "assignmentPolicyId":"%s","accessPackageId":"%s"}}
                """.formatted(type, email, accessPackage[1], accessPackage[0])).when().post(EM + "/assignmentRequests").then();
    }

    ValidatableResponse assignmentsOf(String[] accessPackage) {
        return given().auth().oauth2(admin).queryParam("$filter", "accessPackage/id eq '" + accessPackage[0] + "'")
                .queryParam("$expand", "target").when().get(EM + "/assignments").then().statusCode(200);
    }

    String assignmentOf(String requestId) {
        return given().auth().oauth2(admin).queryParam("$expand", "assignment").when()
                .get(EM + "/assignmentRequests/" + requestId).then().statusCode(200).extract().path("assignment.id");
    }

    @Test
    void anEmailOfAnAdmittedOrganizationIsGrantedAndTheGuestsObjectIdFillsTheSubject() throws Exception {
        String[] portal = register("specificConnectedOrganizationUsers", organizations(fooOrg));
        String email = "jen@" + foo;
        String requestId = addByEmail(admin, "adminAdd", email, portal).statusCode(201)
                .body("state", equalTo("submitted")).extract().path("id");
        String assignmentId = assignmentOf(requestId);

        assignmentsOf(portal).body("value", hasSize(1))
                .body("value[0].target.email", equalTo(email))
                .body("value[0].target.displayName", equalTo("Jen Barber"))
                .body("value[0].target.subjectType", equalTo("user"))
                .body("value[0].target.objectId", nullValue())
                .body("value[0].target.connectedOrganization.id", equalTo(fooOrg));

        // provisioning-service is asked to deliver to the email, with no object id yet
        JsonNode granted = MAPPER.readTree(TestEvents.awaitEvent(Topics.ASSIGNMENT_EVENTS, EventTypes.ASSIGNMENT_GRANTED,
                assignmentId).value());
        assertEquals(email, granted.path("targetEmail").asText());
        assertEquals("Jen Barber", granted.path("targetDisplayName").asText());
        assertEquals(true, granted.path("targetObjectId").isNull());

        // ... the same email cannot get the package twice, also before it is in the directory
        addByEmail(admin, "adminAdd", "JEN@" + foo.toUpperCase(), portal).statusCode(409)
                .body("error.code", equalTo("ExistingAssignment"));

        // it invites her as a guest and reports the object id with the delivery
        String guest = UUID.randomUUID().toString();
        TestEvents.publish(Topics.DELIVERY_EVENTS, EventTypes.DELIVERY_REPORTED, assignmentId, """
                {"assignmentId":"%s","requestId":"%s","operation":"grant","outcome":"delivered",
                 "completedDateTime":"2026-11-30T10:00:00Z","targetObjectId":"%s",
                 "roles":[{"roleId":"%s","roleDisplayName":"Member","status":"delivered","error":null}]}
                """.formatted(assignmentId, requestId, guest, UUID.randomUUID()));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().auth().oauth2(admin)
                .queryParam("$expand", "target").when().get(EM + "/assignments/" + assignmentId).then()
                .body("state", equalTo("delivered"))
                .body("target.objectId", equalTo(guest))
                .body("target.email", equalTo(email)));
        given().auth().oauth2(admin).queryParam("$filter", "target/objectId eq '" + guest + "'")
                .when().get(EM + "/assignments").then().statusCode(200).body("value", hasSize(1));
        // the guest herself now sees her assignment
        given().auth().oauth2(Tokens.user(guest)).when().get(EM + "/assignments/" + assignmentId).then().statusCode(200);

        // now in the directory with that mail, she is that user: still no second assignment
        FakeDirectoryApi.userWithMail(guest, "Guest", email);
        addByEmail(admin, "adminAdd", email, portal).statusCode(409).body("error.code", equalTo("ExistingAssignment"));
        assignmentsOf(portal).body("value", hasSize(1));
    }

    @Test
    void theSponsorsOfTheTargetsOrganizationApproveAndOthersDoNot() {
        String internalSponsor = UUID.randomUUID().toString();
        String externalSponsor = UUID.randomUUID().toString();
        String stranger = UUID.randomUUID().toString();
        FakeConnectedOrganizationApi.sponsors(fooOrg, List.of(internalSponsor), List.of(externalSponsor));
        String[] portal = register("specificConnectedOrganizationUsers", organizations(fooOrg).andThen(policy -> {
            var stages = ((ObjectNode) policy.get("requestApprovalSettings")).put("isApprovalRequiredForAdd", true)
                    .putArray("stages");
            stages.addObject().put("durationBeforeAutomaticDenial", "P14D").putArray("primaryApprovers").addObject()
                    .put("@odata.type", "#microsoft.graph.internalSponsors");
            stages.addObject().put("durationBeforeAutomaticDenial", "P14D").putArray("primaryApprovers").addObject()
                    .put("@odata.type", "#microsoft.graph.externalSponsors");
        }));
        String requestId = addByEmail(admin, "adminAdd", "jen@" + foo, portal).statusCode(201)
                .body("state", equalTo("pendingApproval")).extract().path("id");

        String approvals = EM + "/accessPackageAssignmentApprovals";
        String mine = approvals + "/filterByCurrentUser(on='approver')";
        given().auth().oauth2(Tokens.user(stranger)).when().get(mine).then().statusCode(200)
                .body("value.id", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(requestId)));
        given().auth().oauth2(Tokens.user(externalSponsor)).when().get(mine).then().statusCode(200)
                .body("value.id", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(requestId)));
        for (String sponsor : List.of(internalSponsor, externalSponsor)) {
            String stage = given().auth().oauth2(Tokens.user(sponsor)).when().get(mine).then().statusCode(200)
                    .body("value.id", org.hamcrest.Matchers.hasItem(requestId))
                    .extract().path("value.find { it.id == '" + requestId + "' }.stages.find { it.status == 'InProgress' }.id");
            given().auth().oauth2(Tokens.user(sponsor)).contentType(ContentType.JSON).body("{\"reviewResult\":\"Approve\"}")
                    .when().patch(approvals + "/" + requestId + "/stages/" + stage).then().statusCode(204);
        }
        given().auth().oauth2(admin).when().get(EM + "/assignmentRequests/" + requestId).then().statusCode(200)
                .body("state", equalTo("delivering"));
    }

    @Test
    void sponsorApproversOfATargetFromNoOrganizationFallBack() {
        String fallback = UUID.randomUUID().toString();
        String member = UUID.randomUUID().toString();
        dev.tessera.request.fake.FakeDirectoryApi.user(member, "Member");
        String[] anyone = register("allMemberUsers", policy -> {
            var stage = ((ObjectNode) policy.get("requestApprovalSettings")).put("isApprovalRequiredForAdd", true)
                    .putArray("stages").addObject().put("durationBeforeAutomaticDenial", "P14D");
            stage.putArray("primaryApprovers").addObject().put("@odata.type", "#microsoft.graph.internalSponsors");
            stage.withArray("primaryApprovers").addObject().put("@odata.type", "#microsoft.graph.targetUserSponsors");
            stage.putArray("fallbackPrimaryApprovers").addObject().put("@odata.type", "#microsoft.graph.singleUser")
                    .put("userId", fallback);
        });
        String requestId = given().auth().oauth2(admin).contentType(ContentType.JSON).body("""
                {"requestType":"adminAdd","assignment":{"targetId":"%s","assignmentPolicyId":"%s","accessPackageId":"%s"}}
                """.formatted(member, anyone[1], anyone[0])).when().post(EM + "/assignmentRequests").then().statusCode(201)
                .body("state", equalTo("pendingApproval")).extract().path("id");
        given().auth().oauth2(Tokens.user(fallback)).when()
                .get(EM + "/accessPackageAssignmentApprovals/filterByCurrentUser(on='approver')").then().statusCode(200)
                .body("value.id", org.hamcrest.Matchers.hasItem(requestId));
    }

    @Test
    void anEmailOfADirectoryUserIsThatUser() {
        String member = UUID.randomUUID().toString();
        String email = "sam@" + tag + ".example.org";
        FakeDirectoryApi.userWithMail(member, "Member", email);
        String[] internal = register("allMemberUsers", policy -> { });
        String requestId = addByEmail(admin, "adminAdd", email, internal).statusCode(201).extract().path("id");
        assignmentOf(requestId);
        assignmentsOf(internal).body("value", hasSize(1)).body("value[0].target.objectId", equalTo(member));
    }

    @Test
    void aDomainThePolicyDoesNotAdmitIsRefusedNamingTheDomainRule() {
        String[] barOnly = register("specificConnectedOrganizationUsers", organizations(barOrg));
        addByEmail(admin, "adminAdd", "jen@" + foo, barOnly).statusCode(400)
                .body("error.code", equalTo("ExternalUserNotInPolicyScope"))
                .body("error.message", allOf(containsString("'" + foo + "'"), containsString("Foo Inc"),
                        containsString("specificConnectedOrganizationUsers")));
        String unknown = "nowhere-" + tag + ".net";
        addByEmail(admin, "adminAdd", "jen@" + unknown, barOnly).statusCode(400)
                .body("error.message", allOf(containsString("'" + unknown + "'"),
                        containsString("does not belong to any")));
        assignmentsOf(barOnly).body("value", hasSize(0));
        addByEmail(admin, "adminAdd", "jen@" + bar, barOnly).statusCode(201);
    }

    @Test
    void aPolicyForDirectoryUsersOrConfiguredOrganizationsRefusesOthers() {
        String[] members = register("allMemberUsers", policy -> { });
        addByEmail(admin, "adminAdd", "jen@" + foo, members).statusCode(400)
                .body("error.code", equalTo("ExternalUserNotInPolicyScope"))
                .body("error.message", containsString("users in the directory"));
        assignmentsOf(members).body("value", hasSize(0));

        String proposed = "proposed-" + tag + ".com";
        FakeConnectedOrganizationApi.organization(UUID.randomUUID().toString(), "Maybe Partners", "proposed", proposed);
        String[] configured = register("allConfiguredConnectedOrganizationUsers", policy -> { });
        addByEmail(admin, "adminAdd", "jen@" + proposed, configured).statusCode(400)
                .body("error.message", allOf(containsString("Maybe Partners"), containsString("proposed")));
        addByEmail(admin, "adminAdd", "jen@" + foo, configured).statusCode(201);

        // allExternalUsers admits any domain, with or without a connected organization
        String[] anyone = register("allExternalUsers", policy -> { });
        addByEmail(admin, "adminAdd", "kim@unconnected-" + tag + ".io", anyone).statusCode(201);
        assignmentsOf(anyone).body("value", hasSize(1)).body("value[0].target.connectedOrganization", nullValue());
    }

    @Test
    void aBadEmailOrAnotherRequestTypeOrCallerIsRefused() {
        String[] portal = register("allExternalUsers", policy -> { });
        for (String bad : new String[] {"jen", "jen@", "@foo.com", "jen@foo", "jen@@foo.com", "jen foo@bar.com"}) {
            addByEmail(admin, "adminAdd", bad, portal).statusCode(400)
                    .body("error.message", containsString("assignment.target.email"));
        }
        given().auth().oauth2(admin).contentType(ContentType.JSON).body("""
                {"requestType":"adminAdd","assignment":{"target":{"email":"jen@%s","displayName":"%s"},
                 "assignmentPolicyId":"%s","accessPackageId":"%s"}}
                """.formatted(foo, "J".repeat(300), portal[1], portal[0])).when().post(EM + "/assignmentRequests").then()
                .statusCode(400).body("error.message", containsString("256"));
        // a userAdd by email is an external person's own request: it needs the token's address (ExternalRequestorTest)
        addByEmail(Tokens.user(UUID.randomUUID().toString()), "userAdd", "jen@" + foo, portal).statusCode(403)
                .body("error.message", containsString("no email address"));
        addByEmail(Tokens.user(UUID.randomUUID().toString()), "adminAdd", "jen@" + foo, portal).statusCode(403);
        assignmentsOf(portal).body("value", hasSize(0));
    }
}
