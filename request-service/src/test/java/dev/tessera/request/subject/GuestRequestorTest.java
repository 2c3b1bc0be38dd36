package dev.tessera.request.subject;

import static dev.tessera.request.subject.ExternalUserTest.organizations;
import static dev.tessera.request.subject.ExternalUserTest.register;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.request.fake.FakeConnectedOrganizationApi;
import dev.tessera.request.fake.FakeDirectoryApi;
import dev.tessera.testsupport.TesseraInfraResource;
import dev.tessera.testsupport.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * userAdd by a guest who is in the directory, under the requestor scopes for people outside the
 * organization: the guest's connected organization is the one their mail's domain (or their
 * {@code #EXT#} principal name's) belongs to.
 */
@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class GuestRequestorTest {

    static final String EM = "/v1.0/identityGovernance/entitlementManagement";

    final String admin = Tokens.admin(UUID.randomUUID().toString(), "Identity Governance Administrator");
    final String tag = UUID.randomUUID().toString().substring(0, 8);
    final String foo = "foo-" + tag + ".com";
    final String bar = "bar-" + tag + ".com";
    final String maybe = "maybe-" + tag + ".com";
    final String fooOrg = UUID.randomUUID().toString();
    final String barOrg = UUID.randomUUID().toString();
    final String maybeOrg = UUID.randomUUID().toString();

    GuestRequestorTest() {
        FakeConnectedOrganizationApi.organization(fooOrg, "Foo Inc", "configured", foo);
        FakeConnectedOrganizationApi.organization(barOrg, "Bar Ltd", "configured", bar);
        FakeConnectedOrganizationApi.organization(maybeOrg, "Maybe Partners", "proposed", maybe);
    }

    /** A guest in the directory with this mail; returns the object id. */
    static String guest(String mail) {
        String id = UUID.randomUUID().toString();
        FakeDirectoryApi.userWithMail(id, "Guest", mail);
        return id;
    }

    static ValidatableResponse userAdd(String self, String[] accessPackage) {
        return given().auth().oauth2(Tokens.user(self)).contentType(ContentType.JSON).body("""
                {"requestType":"userAdd","assignment":{"targetId":"%s","assignmentPolicyId":"%s","accessPackageId":"%s"}}
                """.formatted(self, accessPackage[1], accessPackage[0])).when().post(EM + "/assignmentRequests").then();
    }

    ValidatableResponse assignmentsOf(String[] accessPackage) {
        return given().auth().oauth2(admin).queryParam("$filter", "accessPackage/id eq '" + accessPackage[0] + "'")
                .queryParam("$expand", "target").when().get(EM + "/assignments").then().statusCode(200);
    }

    @Test
    void aGuestOfTheNamedOrganizationMayRequestAndAGuestOfAnotherMayNot() {
        String jenAtFoo = guest("jen@" + foo);
        String samAtBar = guest("sam@" + bar);
        String[] forBar = register("specificConnectedOrganizationUsers", organizations(barOrg));

        // the seeds' case: jen@foo.com against a policy for bar.com's organization
        userAdd(jenAtFoo, forBar).statusCode(403)
                .body("error.code", equalTo("accessDenied"))
                .body("error.message", allOf(containsString("not in the scope of policy 'Partners'"),
                        containsString("specificConnectedOrganizationUsers"),
                        containsString("not one the policy names")));
        assignmentsOf(forBar).body("value", hasSize(0));

        userAdd(samAtBar, forBar).statusCode(201).body("state", equalTo("submitted"));
        assignmentsOf(forBar).body("value", hasSize(1)).body("value[0].target.objectId", equalTo(samAtBar));
    }

    @Test
    void membersAndGuestsOfNoOrganizationAreNotConnectedOrganizationUsers() {
        String member = UUID.randomUUID().toString();
        FakeDirectoryApi.userWithMail(member, "Member", "kim@" + foo);
        String nowhere = guest("lee@nowhere-" + tag + ".net");
        String[] forFoo = register("specificConnectedOrganizationUsers", organizations(fooOrg));

        userAdd(member, forFoo).statusCode(403).body("error.message", containsString("not members"));
        userAdd(nowhere, forFoo).statusCode(403)
                .body("error.message", containsString("belongs to no connected organization"));
        assignmentsOf(forFoo).body("value", hasSize(0));
    }

    @Test
    void allConfiguredOrganizationsAdmitsGuestsOfConfiguredOnesButNotOfProposedOnes() {
        String[] configured = register("allConfiguredConnectedOrganizationUsers", policy -> { });
        userAdd(guest("ann@" + maybe), configured).statusCode(403)
                .body("error.message", allOf(containsString("allConfiguredConnectedOrganizationUsers"),
                        containsString("not configured")));
        userAdd(guest("bo@nowhere-" + tag + ".net"), configured).statusCode(403);
        assignmentsOf(configured).body("value", hasSize(0));

        String fromFoo = guest("cy@" + foo);
        userAdd(fromFoo, configured).statusCode(201);
        assignmentsOf(configured).body("value", hasSize(1)).body("value[0].target.objectId", equalTo(fromFoo));
    }

    @Test
    void allExternalUsersAdmitsAnyGuestButNoMember() {
        String[] anyone = register("allExternalUsers", policy -> { });
        String member = UUID.randomUUID().toString();
        FakeDirectoryApi.user(member, "Member");
        userAdd(member, anyone).statusCode(403);
        userAdd(guest("dee@nowhere-" + tag + ".net"), anyone).statusCode(201);
        userAdd(guest("eve@" + maybe), anyone).statusCode(201);
        assignmentsOf(anyone).body("value", hasSize(2));
    }

    @Test
    void aGuestWithoutMailIsKnownByTheAddressInTheirPrincipalName() {
        String invited = UUID.randomUUID().toString();
        FakeDirectoryApi.guestWithPrincipalName(invited, "fay_" + foo + "#EXT#@tessera.onmicrosoft.com");
        userAdd(invited, register("specificConnectedOrganizationUsers", organizations(barOrg))).statusCode(403);
        userAdd(invited, register("specificConnectedOrganizationUsers", organizations(fooOrg))).statusCode(201);
    }

    @Test
    void theSponsorsOfTheGuestsOrganizationApproveTheirRequest() {
        String sponsor = UUID.randomUUID().toString();
        FakeConnectedOrganizationApi.sponsors(fooOrg, List.of(sponsor), List.of());
        String[] forFoo = register("specificConnectedOrganizationUsers", organizations(fooOrg).andThen(policy ->
                ((ObjectNode) policy.get("requestApprovalSettings")).put("isApprovalRequiredForAdd", true)
                        .putArray("stages").addObject().put("durationBeforeAutomaticDenial", "P14D")
                        .putArray("primaryApprovers").addObject().put("@odata.type", "#microsoft.graph.internalSponsors")));
        String requestId = userAdd(guest("gus@" + foo), forFoo).statusCode(201)
                .body("state", equalTo("pendingApproval")).extract().path("id");
        given().auth().oauth2(Tokens.user(sponsor)).when()
                .get(EM + "/accessPackageAssignmentApprovals/filterByCurrentUser(on='approver')").then().statusCode(200)
                .body("value.id", hasItem(requestId));
    }
}
