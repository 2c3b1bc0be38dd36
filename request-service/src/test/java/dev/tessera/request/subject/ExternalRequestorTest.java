package dev.tessera.request.subject;

import static dev.tessera.request.subject.ExternalUserTest.organizations;
import static dev.tessera.request.subject.ExternalUserTest.register;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.platform.messaging.events.EventTypes;
import dev.tessera.platform.messaging.events.Topics;
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
 * userAdd with {@code assignment.target.email} by an external person: signed in with an account that
 * is not a directory user, asking for themselves under a policy for connected organizations; their
 * token's address must be the email, and they see (and may cancel) what they asked for before and
 * after the guest exists.
 */
@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class ExternalRequestorTest {

    static final String EM = "/v1.0/identityGovernance/entitlementManagement";

    final String admin = Tokens.admin(UUID.randomUUID().toString(), "Identity Governance Administrator");
    final String tag = UUID.randomUUID().toString().substring(0, 8);
    final String foo = "foo-" + tag + ".com";
    final String bar = "bar-" + tag + ".com";
    final String fooOrg = UUID.randomUUID().toString();
    final String barOrg = UUID.randomUUID().toString();

    /** Jen of foo: her home account's oid, not a directory user, and her address in the token. */
    final String jen = UUID.randomUUID().toString();
    final String jenMail = "jen@" + foo;
    final String jenToken = Tokens.builder(jen).email(jenMail).sign();

    ExternalRequestorTest() {
        FakeConnectedOrganizationApi.organization(fooOrg, "Foo Inc", "configured", foo);
        FakeConnectedOrganizationApi.organization(barOrg, "Bar Ltd", "configured", bar);
    }

    static ValidatableResponse userAddByEmail(String token, String email, String[] accessPackage, String extra) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body("""
                {"requestType":"userAdd",%s"assignment":{"target":{"email":"%s","displayName":"Jen Barber"},
                 "assignmentPolicyId":"%s","accessPackageId":"%s"}}
                """.formatted(extra, email, accessPackage[1], accessPackage[0])).when()
                .post(EM + "/assignmentRequests").then();
    }

    static ValidatableResponse userAddByEmail(String token, String email, String[] accessPackage) {
        return userAddByEmail(token, email, accessPackage, "");
    }

    ValidatableResponse assignmentsOf(String[] accessPackage) {
        return given().auth().oauth2(admin).queryParam("$filter", "accessPackage/id eq '" + accessPackage[0] + "'")
                .queryParam("$expand", "target").when().get(EM + "/assignments").then().statusCode(200);
    }

    ValidatableResponse requestsOf(String[] accessPackage) {
        return given().auth().oauth2(admin).queryParam("$filter", "accessPackage/id eq '" + accessPackage[0] + "'")
                .when().get(EM + "/assignmentRequests").then().statusCode(200);
    }

    static ValidatableResponse mine(String token, String entitySet, String on) {
        return given().auth().oauth2(token).when().get(EM + "/" + entitySet + "/filterByCurrentUser(on='" + on + "')")
                .then().statusCode(200);
    }

    /** Approval by the internal sponsors of the requestor's connected organization. */
    static Consumer<ObjectNode> sponsorApproval() {
        return policy -> ((ObjectNode) policy.get("requestApprovalSettings")).put("isApprovalRequiredForAdd", true)
                .putArray("stages").addObject().put("durationBeforeAutomaticDenial", "P14D")
                .putArray("primaryApprovers").addObject().put("@odata.type", "#microsoft.graph.internalSponsors");
    }

    @Test
    void anExternalPersonAsksForThemselvesIsApprovedBySponsorsAndSeesTheirRequestBeforeAndAfterTheGuestExists()
            throws Exception {
        String sponsor = UUID.randomUUID().toString();
        FakeConnectedOrganizationApi.sponsors(fooOrg, List.of(sponsor), List.of());
        String[] portal = register("specificConnectedOrganizationUsers",
                organizations(fooOrg).andThen(sponsorApproval()));

        // the address compares case-insensitively with the token's
        String requestId = userAddByEmail(jenToken, "JEN@" + foo.toUpperCase(), portal, "\"justification\":\"partner\",")
                .statusCode(201).body("state", equalTo("pendingApproval")).extract().path("id");

        // she sees her request: by id, as its target and as its creator
        given().auth().oauth2(jenToken).when().get(EM + "/assignmentRequests/" + requestId).then().statusCode(200)
                .body("requestType", equalTo("userAdd"));
        mine(jenToken, "assignmentRequests", "target").body("value.id", hasItem(requestId));
        mine(jenToken, "assignmentRequests", "createdBy").body("value.id", hasItem(requestId));
        mine(Tokens.user(UUID.randomUUID().toString()), "assignmentRequests", "target")
                .body("value.id", not(hasItem(requestId)));
        // one open add per subject and package
        userAddByEmail(jenToken, jenMail, portal).statusCode(409).body("error.code", equalTo("ExistingOpenRequest"));

        // the sponsor of Foo Inc approves
        String approvals = EM + "/accessPackageAssignmentApprovals";
        String stage = given().auth().oauth2(Tokens.user(sponsor)).when()
                .get(approvals + "/filterByCurrentUser(on='approver')").then().statusCode(200)
                .body("value.id", hasItem(requestId))
                .extract().path("value.find { it.id == '" + requestId + "' }.stages[0].id");
        given().auth().oauth2(Tokens.user(sponsor)).contentType(ContentType.JSON).body("{\"reviewResult\":\"Approve\"}")
                .when().patch(approvals + "/" + requestId + "/stages/" + stage).then().statusCode(204);

        String assignmentId = given().auth().oauth2(jenToken).queryParam("$expand", "assignment").when()
                .get(EM + "/assignmentRequests/" + requestId).then().statusCode(200)
                .body("state", equalTo("delivering")).extract().path("assignment.id");
        assignmentsOf(portal).body("value", hasSize(1))
                .body("value[0].target.email", equalTo("JEN@" + foo.toUpperCase()))
                .body("value[0].target.objectId", nullValue())
                .body("value[0].target.connectedOrganization.id", equalTo(fooOrg));
        mine(jenToken, "assignments", "target").body("value.id", hasItem(assignmentId));
        given().auth().oauth2(jenToken).when().get(EM + "/assignments/" + assignmentId).then().statusCode(200);

        // provisioning-service invites her; the report's object id is the guest's, not her token's
        String guest = UUID.randomUUID().toString();
        TestEvents.publish(Topics.DELIVERY_EVENTS, EventTypes.DELIVERY_REPORTED, assignmentId, """
                {"assignmentId":"%s","requestId":"%s","operation":"grant","outcome":"delivered",
                 "completedDateTime":"2026-11-30T10:00:00Z","targetObjectId":"%s",
                 "roles":[{"roleId":"%s","roleDisplayName":"Member","status":"delivered","error":null}]}
                """.formatted(assignmentId, requestId, guest, UUID.randomUUID()));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().auth().oauth2(jenToken)
                .queryParam("$expand", "target").when().get(EM + "/assignments/" + assignmentId).then().statusCode(200)
                .body("state", equalTo("delivered")).body("target.objectId", equalTo(guest)));
        mine(jenToken, "assignments", "target").body("value.id", hasItem(assignmentId));
        mine(jenToken, "assignmentRequests", "target").body("value.id", hasItem(requestId));
        given().auth().oauth2(Tokens.user(guest)).when().get(EM + "/assignments/" + assignmentId).then().statusCode(200);

        // the guest now exists: her next request (same home account) is for the guest, and still hers to see
        FakeDirectoryApi.userWithMail(guest, "Guest", jenMail);
        String[] wiki = register("specificConnectedOrganizationUsers", organizations(fooOrg));
        String second = userAddByEmail(jenToken, jenMail, wiki).statusCode(201).extract().path("id");
        assignmentsOf(wiki).body("value", hasSize(1)).body("value[0].target.objectId", equalTo(guest));
        mine(jenToken, "assignmentRequests", "target").body("value.id", hasItem(second));
        // and the package she has cannot be asked for again
        userAddByEmail(jenToken, jenMail, portal).statusCode(409);
    }

    /** Jen's delivered assignment (the guest invited) under the policy; its id. */
    String deliveredTo(String guest, String[] accessPackage) {
        String requestId = userAddByEmail(jenToken, jenMail, accessPackage).statusCode(201).extract().path("id");
        String assignmentId = given().auth().oauth2(jenToken).queryParam("$expand", "assignment").when()
                .get(EM + "/assignmentRequests/" + requestId).then().statusCode(200).extract().path("assignment.id");
        TestEvents.publish(Topics.DELIVERY_EVENTS, EventTypes.DELIVERY_REPORTED, assignmentId, """
                {"assignmentId":"%s","requestId":"%s","operation":"grant","outcome":"delivered",
                 "completedDateTime":"2026-11-30T10:00:00Z","targetObjectId":"%s",
                 "roles":[{"roleId":"%s","roleDisplayName":"Member","status":"delivered","error":null}]}
                """.formatted(assignmentId, requestId, guest, UUID.randomUUID()));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().auth().oauth2(admin).when()
                .get(EM + "/assignments/" + assignmentId).then().statusCode(200).body("state", equalTo("delivered")));
        return assignmentId;
    }

    static ValidatableResponse ownRequest(String token, String type, String assignmentId) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body("""
                {"requestType":"%s","justification":"still on the project","assignment":{"id":"%s"},
                 "schedule":{"expiration":{"type":"afterDuration","duration":"P20D"}}}""".formatted(type, assignmentId))
                .when().post(EM + "/assignmentRequests").then();
    }

    static ValidatableResponse plainList(String token, String entitySet) {
        return given().auth().oauth2(token).when().get(EM + "/" + entitySet).then().statusCode(200);
    }

    @Test
    void theExternalRequestorSeesExtendsAndRemovesTheirAssignmentWithTheirHomeAccount() {
        String guest = UUID.randomUUID().toString();
        String[] portal = register("specificConnectedOrganizationUsers", organizations(fooOrg).andThen(policy ->
                ((ObjectNode) policy.get("requestorSettings")).put("enableTargetsToSelfUpdateAccess", true)
                        .put("enableTargetsToSelfRemoveAccess", true).put("allowCustomAssignmentSchedule", true)));
        String assignmentId = deliveredTo(guest, portal);
        String someone = Tokens.user(UUID.randomUUID().toString());

        // plain lists show a non-administrator their own rows: hers by her home account too
        plainList(jenToken, "assignments").body("value.id", hasItem(assignmentId));
        plainList(someone, "assignments").body("value.id", not(hasItem(assignmentId)));
        String adminUpdate = ownRequest(admin, "adminUpdate", assignmentId).statusCode(201).extract().path("id");
        plainList(jenToken, "assignmentRequests").body("value.id", hasItem(adminUpdate));
        plainList(someone, "assignmentRequests").body("value.id", not(hasItem(adminUpdate)));

        // she extends it herself, as the policy allows; nobody else may
        ownRequest(someone, "userUpdate", assignmentId).statusCode(403)
                .body("error.message", containsString("own assignment"));
        String extension = ownRequest(jenToken, "userUpdate", assignmentId).statusCode(201)
                .body("state", equalTo("delivered")).extract().path("id");
        plainList(jenToken, "assignmentRequests").body("value.id", hasItem(extension));

        // and removes it; nobody else may
        ownRequest(someone, "userRemove", assignmentId).statusCode(403)
                .body("error.message", containsString("own assignment"));
        String removal = ownRequest(jenToken, "userRemove", assignmentId).statusCode(201)
                .body("requestType", equalTo("userRemove")).extract().path("id");
        given().auth().oauth2(jenToken).when().get(EM + "/assignmentRequests/" + removal).then().statusCode(200);
    }

    @Test
    void theExternalRequestorsUpdateAndRemoveFollowThePolicy() {
        String[] fixed = register("specificConnectedOrganizationUsers", organizations(fooOrg));
        String assignmentId = deliveredTo(UUID.randomUUID().toString(), fixed);
        ownRequest(jenToken, "userUpdate", assignmentId).statusCode(403)
                .body("error.message", containsString("does not let requestors update their own access"));
        ownRequest(jenToken, "userRemove", assignmentId).statusCode(403)
                .body("error.message", containsString("does not let requestors remove their own access"));
        // nothing was written
        requestsOf(fixed).body("value", hasSize(1)).body("value[0].requestType", equalTo("userAdd"));
    }

    @Test
    void anExternalRequestorCancelsTheirWaitingRequest() {
        String sponsor = UUID.randomUUID().toString();
        FakeConnectedOrganizationApi.sponsors(fooOrg, List.of(sponsor), List.of());
        String[] portal = register("allConfiguredConnectedOrganizationUsers", sponsorApproval());
        String requestId = userAddByEmail(jenToken, jenMail, portal).statusCode(201)
                .body("state", equalTo("pendingApproval")).extract().path("id");
        given().auth().oauth2(Tokens.user(UUID.randomUUID().toString())).when()
                .post(EM + "/assignmentRequests/" + requestId + "/cancel").then().statusCode(404);
        given().auth().oauth2(jenToken).when().post(EM + "/assignmentRequests/" + requestId + "/cancel").then()
                .statusCode(204);
        given().auth().oauth2(jenToken).when().get(EM + "/assignmentRequests/" + requestId).then().statusCode(200)
                .body("state", equalTo("canceled"));
        // the package may be asked for again
        userAddByEmail(jenToken, jenMail, portal).statusCode(201);
    }

    @Test
    void theAddressMayComeFromTheUpn() {
        String[] anyone = register("allExternalUsers", policy -> { });
        String kim = UUID.randomUUID().toString();
        String kimMail = "kim@unconnected-" + tag + ".io";
        userAddByEmail(Tokens.builder(kim).upn(kimMail).sign(), kimMail, anyone).statusCode(201);
        assignmentsOf(anyone).body("value", hasSize(1)).body("value[0].target.email", equalTo(kimMail))
                .body("value[0].target.connectedOrganization", nullValue());
    }

    @Test
    void anAddressThatIsNotTheTokensIsRefused() {
        String[] portal = register("specificConnectedOrganizationUsers", organizations(fooOrg));
        userAddByEmail(jenToken, "sam@" + foo, portal).statusCode(403)
                .body("error.code", equalTo("accessDenied"))
                .body("error.message", allOf(containsString("'sam@" + foo + "'"), containsString("'" + jenMail + "'")));
        userAddByEmail(Tokens.user(UUID.randomUUID().toString()), jenMail, portal).statusCode(403)
                .body("error.message", containsString("no email address"));
        userAddByEmail(jenToken, "jen@", portal).statusCode(400)
                .body("error.message", containsString("assignment.target.email"));
        assignmentsOf(portal).body("value", hasSize(0));
        requestsOf(portal).body("value", hasSize(0));
    }

    @Test
    void aDirectoryUserAsksAsThemselvesAndOnlyForTheirOwnMail() {
        String member = UUID.randomUUID().toString();
        String mail = "kai@" + tag + ".example.org";
        FakeDirectoryApi.userWithMail(member, "Member", mail);
        String[] internal = register("allMemberUsers", policy -> { });
        String memberToken = Tokens.builder(member).email("someone-else@" + foo).sign();
        // the directory's mail decides for a directory user, not the token's claim
        userAddByEmail(memberToken, "someone-else@" + foo, internal).statusCode(403)
                .body("error.message", allOf(containsString("not the mail of the requestor's directory user"),
                        containsString(mail)));
        assignmentsOf(internal).body("value", hasSize(0));
        userAddByEmail(memberToken, mail, internal).statusCode(201);
        assignmentsOf(internal).body("value", hasSize(1)).body("value[0].target.objectId", equalTo(member));
    }

    @Test
    void thePolicyMustAdmitTheEmailDomainsOrganizationAndSelfAdd() {
        // the seeds' case: jen@foo.com against a policy for bar.com's organization
        String[] forBar = register("specificConnectedOrganizationUsers", organizations(barOrg));
        userAddByEmail(jenToken, jenMail, forBar).statusCode(403)
                .body("error.code", equalTo("accessDenied"))
                .body("error.message", allOf(containsString("not in the scope of policy 'Partners'"),
                        containsString("not one the policy names")));
        assignmentsOf(forBar).body("value", hasSize(0));

        String nowhere = UUID.randomUUID().toString();
        String[] configured = register("allConfiguredConnectedOrganizationUsers", policy -> { });
        userAddByEmail(Tokens.builder(nowhere).email("lee@nowhere-" + tag + ".net").sign(),
                "lee@nowhere-" + tag + ".net", configured).statusCode(403)
                .body("error.message", containsString("belongs to no connected organization"));

        String[] members = register("allMemberUsers", policy -> { });
        userAddByEmail(jenToken, jenMail, members).statusCode(403)
                .body("error.message", allOf(containsString("not in the directory"), containsString("allMemberUsers")));

        String[] adminOnly = register("specificConnectedOrganizationUsers", organizations(fooOrg).andThen(policy ->
                ((ObjectNode) policy.get("requestorSettings")).put("enableTargetsToSelfAddAccess", false)));
        userAddByEmail(jenToken, jenMail, adminOnly).statusCode(403)
                .body("error.message", containsString("does not allow requestors to request access for themselves"));

        String[] justified = register("specificConnectedOrganizationUsers", organizations(fooOrg).andThen(policy ->
                ((ObjectNode) policy.get("requestApprovalSettings")).put("isRequestorJustificationRequired", true)));
        userAddByEmail(jenToken, jenMail, justified).statusCode(400)
                .body("error.message", containsString("justification"));

        for (String[] refused : List.of(configured, members, adminOnly, justified)) {
            assignmentsOf(refused).body("value", hasSize(0));
            requestsOf(refused).body("value", hasSize(0));
        }
    }

    @Test
    void anOutsideAccountWithAMembersAddressIsNeverThatMembersRequestor() {
        String member = UUID.randomUUID().toString();
        String mail = "pat@" + tag + ".example.org";
        FakeDirectoryApi.userWithMail(member, "Member", mail);
        String outsider = Tokens.builder(UUID.randomUUID().toString()).email(mail).sign();
        String[] internal = register("allMemberUsers", policy -> ((ObjectNode) policy.get("requestorSettings"))
                .put("enableTargetsToSelfUpdateAccess", true).put("enableTargetsToSelfRemoveAccess", true));

        // before: 201, a request for the member made by the outsider, who then saw and changed it
        userAddByEmail(outsider, mail, internal).statusCode(403)
                .body("error.code", equalTo("accessDenied"))
                .body("error.message", containsString("member of the organization"));
        requestsOf(internal).body("value", hasSize(0));

        // the member's own access, granted by an administrator by address, stays out of the outsider's reach
        String requestId = given().auth().oauth2(admin).contentType(ContentType.JSON).body("""
                {"requestType":"adminAdd","assignment":{"target":{"email":"%s"},"assignmentPolicyId":"%s","accessPackageId":"%s"}}
                """.formatted(mail, internal[1], internal[0])).when().post(EM + "/assignmentRequests").then()
                .statusCode(201).extract().path("id");
        String assignmentId = given().auth().oauth2(admin).queryParam("$expand", "assignment").when()
                .get(EM + "/assignmentRequests/" + requestId).then().statusCode(200)
                .extract().path("assignment.id");
        plainList(outsider, "assignments").body("value.id", not(hasItem(assignmentId)));
        plainList(outsider, "assignmentRequests").body("value.id", not(hasItem(requestId)));
        mine(outsider, "assignments", "target").body("value.id", not(hasItem(assignmentId)));
        given().auth().oauth2(outsider).when().get(EM + "/assignments/" + assignmentId).then().statusCode(404);
        ownRequest(outsider, "userRemove", assignmentId).statusCode(403);
        ownRequest(outsider, "userUpdate", assignmentId).statusCode(403);
    }

    @Test
    void aGuestsAddressBindsTheFirstOutsideAccountOnly() {
        String guest = UUID.randomUUID().toString();
        String mail = "ros@" + foo;
        FakeDirectoryApi.userWithMail(guest, "Guest", mail);
        String[] portal = register("specificConnectedOrganizationUsers", organizations(fooOrg));
        String home = Tokens.builder(UUID.randomUUID().toString()).email(mail).sign();
        userAddByEmail(home, mail, portal).statusCode(201);
        assignmentsOf(portal).body("value", hasSize(1)).body("value[0].target.objectId", equalTo(guest));

        String[] other = register("specificConnectedOrganizationUsers", organizations(fooOrg));
        String second = Tokens.builder(UUID.randomUUID().toString()).email(mail).sign();
        userAddByEmail(second, mail, other).statusCode(403).body("error.message", containsString("another account"));
        requestsOf(other).body("value", hasSize(0));
    }

    @Test
    void anAddressAnotherAccountAskedWithIsRefused() {
        String[] first = register("specificConnectedOrganizationUsers", organizations(fooOrg));
        userAddByEmail(jenToken, jenMail, first).statusCode(201);
        String impostor = Tokens.builder(UUID.randomUUID().toString()).email(jenMail).sign();
        String[] second = register("specificConnectedOrganizationUsers", organizations(fooOrg));
        userAddByEmail(impostor, jenMail, second).statusCode(403)
                .body("error.message", containsString("another account"));
        assignmentsOf(second).body("value", hasSize(0));
    }
}
