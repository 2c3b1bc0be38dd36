package dev.tessera.catalog.accesspackage;

import static dev.tessera.catalog.Fixtures.EM;
import static dev.tessera.catalog.Fixtures.admin;
import static dev.tessera.catalog.Fixtures.as;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tessera.catalog.FakeOriginApis;
import dev.tessera.catalog.Fixtures;
import dev.tessera.testsupport.TesseraInfraResource;
import dev.tessera.testsupport.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** accessPackages/filterByCurrentUser(on='allowedRequestor'): what a requestor may browse and ask for. */
@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class AllowedRequestorTest {

    static final String MINE = EM + "/accessPackages/filterByCurrentUser(on='allowedRequestor')";

    @Test
    void listsThePackagesWhosePoliciesAdmitTheCallerButNotHiddenOnes() {
        String sales = UUID.randomUUID().toString();
        String alice = FakeOriginApis.newUser("Member", sales);
        String guest = FakeOriginApis.newUser("Guest");
        String catalog = Fixtures.newCatalog("Allowed requestor " + UUID.randomUUID());
        String open = Fixtures.newPackage(catalog, "Open to sales");
        String hidden = Fixtures.newPackage(catalog, "Hidden from browsing");
        String forOthers = Fixtures.newPackage(catalog, "Only for someone else");
        String adminOnly = Fixtures.newPackage(catalog, "Admins assign it");
        admin().body("{\"isHidden\":true}").when().patch(EM + "/accessPackages/" + hidden).then().statusCode(204);
        policy(open, "specificDirectoryUsers",
                "[{\"@odata.type\":\"#microsoft.graph.groupMembers\",\"groupId\":\"" + sales + "\"}]", true);
        policy(hidden, "allMemberUsers", "[]", true);
        policy(forOthers, "specificDirectoryUsers",
                "[{\"@odata.type\":\"#microsoft.graph.singleUser\",\"userId\":\"" + UUID.randomUUID() + "\"}]", true);
        policy(forOthers, "allExternalUsers", "[]", true);
        policy(adminOnly, "allMemberUsers", "[]", false);

        inCatalog(as(Tokens.user(alice)), catalog).then().statusCode(200)
                .body("'@odata.context'", containsString("accessPackages"))
                .body("value.id", equalTo(List.of(open)))
                .body("value[0].displayName", equalTo("Open to sales"))
                .body("value[0].isHidden", equalTo(false));
        // the guest is admitted by allExternalUsers only
        inCatalog(as(Tokens.user(guest)), catalog).then().statusCode(200).body("value.id", equalTo(List.of(forOthers)));
        inCatalog(as(Tokens.user(UUID.randomUUID().toString())), catalog).then().statusCode(200)
                .body("value", hasSize(0));

        // hidden from the list, but whoever has the link can still see how to request it
        as(Tokens.user(alice)).when().post(EM + "/accessPackages/" + hidden + "/getApplicablePolicyRequirements")
                .then().statusCode(200).body("value", hasSize(1))
                .body("value[0].policyDisplayName", equalTo("allMemberUsers policy"));
    }

    @Test
    void aGuestIsOfferedThePackagesForTheirConnectedOrganizationOnly() {
        String fooDomain = Fixtures.newDomain();
        String barDomain = Fixtures.newDomain();
        String maybeDomain = Fixtures.newDomain();
        String foo = organization("Foo Inc", fooDomain, "configured");
        String bar = organization("Bar Ltd", barDomain, "configured");
        organization("Maybe Partners", maybeDomain, "proposed");
        String catalog = Fixtures.newCatalog("Guest requestors " + UUID.randomUUID());
        String forFoo = Fixtures.newPackage(catalog, "For Foo");
        String forBar = Fixtures.newPackage(catalog, "For Bar");
        String configured = Fixtures.newPackage(catalog, "Any configured partner");
        String external = Fixtures.newPackage(catalog, "Any external user");
        String forMembers = Fixtures.newPackage(catalog, "Members");
        policy(forFoo, "specificConnectedOrganizationUsers", members(foo), true);
        policy(forBar, "specificConnectedOrganizationUsers", members(bar), true);
        policy(configured, "allConfiguredConnectedOrganizationUsers", "[]", true);
        policy(external, "allExternalUsers", "[]", true);
        policy(forMembers, "allMemberUsers", "[]", true);

        String jenAtFoo = FakeOriginApis.newGuest("jen@" + fooDomain.toUpperCase());
        inCatalog(as(Tokens.user(jenAtFoo)), catalog).then().statusCode(200)
                .body("value.id", containsInAnyOrder(forFoo, configured, external));
        // a guest of a proposed organization, or of none, is only an external user
        inCatalog(as(Tokens.user(FakeOriginApis.newGuest("ann@" + maybeDomain))), catalog).then().statusCode(200)
                .body("value.id", equalTo(List.of(external)));
        inCatalog(as(Tokens.user(FakeOriginApis.newGuest("bo@nowhere-" + UUID.randomUUID() + ".net"))), catalog)
                .then().statusCode(200).body("value.id", equalTo(List.of(external)));
        // a member whose mail is in a partner's domain is still a member
        inCatalog(as(Tokens.user(FakeOriginApis.newMemberWithMail("kim@" + fooDomain))), catalog).then().statusCode(200)
                .body("value.id", equalTo(List.of(forMembers)));

        // getApplicablePolicyRequirements applies the same rule
        as(Tokens.user(jenAtFoo)).when().post(EM + "/accessPackages/" + forFoo + "/getApplicablePolicyRequirements")
                .then().statusCode(200).body("value", hasSize(1))
                .body("value[0].policyDisplayName", equalTo("specificConnectedOrganizationUsers policy"));
        as(Tokens.user(jenAtFoo)).when().post(EM + "/accessPackages/" + forBar + "/getApplicablePolicyRequirements")
                .then().statusCode(200).body("value", hasSize(0));
    }

    @Test
    void someoneNotInTheDirectoryIsOfferedWhatAGuestOfTheirTokensDomainWouldBe() {
        String fooDomain = Fixtures.newDomain();
        String foo = organization("Foo Partners", fooDomain, "configured");
        String catalog = Fixtures.newCatalog("External requestors " + UUID.randomUUID());
        String forFoo = Fixtures.newPackage(catalog, "For Foo");
        String forOthers = Fixtures.newPackage(catalog, "For another partner");
        String external = Fixtures.newPackage(catalog, "Any external user");
        String forMembers = Fixtures.newPackage(catalog, "Members");
        String directory = Fixtures.newPackage(catalog, "Anyone in the directory");
        policy(forFoo, "specificConnectedOrganizationUsers", members(foo), true);
        policy(forOthers, "specificConnectedOrganizationUsers",
                members(organization("Other Partners", Fixtures.newDomain(), "configured")), true);
        policy(external, "allExternalUsers", "[]", true);
        policy(forMembers, "allMemberUsers", "[]", true);
        // a guest in the directory would be admitted, but someone outside it cannot be a directory user
        policy(directory, "allDirectoryUsers", "[]", true);

        // home-account tokens: object ids the directory does not know, the address in the email claim
        String jen = Tokens.builder(UUID.randomUUID().toString()).email("Jen@" + fooDomain.toUpperCase()).sign();
        inCatalog(as(jen), catalog).then().statusCode(200).body("value.id", containsInAnyOrder(forFoo, external));
        String bo = Tokens.builder(UUID.randomUUID().toString()).email("bo@nowhere-" + UUID.randomUUID() + ".net").sign();
        inCatalog(as(bo), catalog).then().statusCode(200).body("value.id", equalTo(List.of(external)));
        // no directory user and no address: nothing, not an error
        inCatalog(as(Tokens.user(UUID.randomUUID().toString())), catalog).then().statusCode(200)
                .body("value", hasSize(0));

        as(jen).when().post(EM + "/accessPackages/" + forFoo + "/getApplicablePolicyRequirements").then()
                .statusCode(200).body("value", hasSize(1))
                .body("value[0].policyDisplayName", equalTo("specificConnectedOrganizationUsers policy"));
        for (String refused : List.of(forOthers, forMembers, directory)) {
            as(jen).when().post(EM + "/accessPackages/" + refused + "/getApplicablePolicyRequirements").then()
                    .statusCode(200).body("value", hasSize(0));
        }
        as(Tokens.user(UUID.randomUUID().toString())).when()
                .post(EM + "/accessPackages/" + external + "/getApplicablePolicyRequirements").then()
                .statusCode(200).body("value", hasSize(0));
    }

    private static String organization(String displayName, String domain, String state) {
        return admin().body("""
                {"displayName":"%s","identitySources":[{"@odata.type":"#microsoft.graph.domainIdentitySource",
                  "domainName":"%s","displayName":"%s"}],"state":"%s"}
                """.formatted(displayName, domain, displayName, state))
                .when().post(EM + "/connectedOrganizations").then().statusCode(201).extract().path("id");
    }

    private static String members(String organizationId) {
        return "[{\"@odata.type\":\"#microsoft.graph.connectedOrganizationMembers\",\"connectedOrganizationId\":\""
                + organizationId + "\"}]";
    }

    @Test
    void pagesCountsAndExpandsLikeOtherLists() {
        String alice = FakeOriginApis.newUser("Member");
        String catalog = Fixtures.newCatalog("Allowed requestor paging " + UUID.randomUUID());
        String first = Fixtures.newPackage(catalog, "First");
        String second = Fixtures.newPackage(catalog, "Second");
        policy(first, "specificDirectoryUsers",
                "[{\"@odata.type\":\"#microsoft.graph.singleUser\",\"userId\":\"" + alice + "\"}]", true);
        policy(second, "specificDirectoryUsers",
                "[{\"@odata.type\":\"#microsoft.graph.singleUser\",\"userId\":\"" + alice + "\"}]", true);
        String filter = "catalog/id eq '" + catalog + "'";

        var firstPage = as(Tokens.user(alice)).queryParam("$filter", filter).queryParam("$top", 1)
                .queryParam("$count", true).queryParam("$expand", "catalog").when().get(MINE)
                .then().statusCode(200).body("'@odata.count'", equalTo(2)).body("value", hasSize(1))
                .body("value[0].catalog.id", equalTo(catalog))
                .body("'@odata.nextLink'", containsString("%24skiptoken=")).extract();
        String next = firstPage.path("'@odata.nextLink'");
        String secondId = given().urlEncodingEnabled(false).auth().oauth2(Tokens.user(alice)).when().get(next)
                .then().statusCode(200).body("value", hasSize(1)).body("'@odata.nextLink'", nullValue())
                .extract().path("value[0].id");
        assertEquals(Set.of(first, second), Set.of(firstPage.path("value[0].id"), secondId));
    }

    @Test
    void anyOtherOnValueIsABadRequestNamingTheAllowedOne() {
        as(Tokens.user(FakeOriginApis.newUser("Member"))).when()
                .get(EM + "/accessPackages/filterByCurrentUser(on='target')").then().statusCode(400)
                .body("error.code", equalTo("invalidRequest"))
                .body("error.message", containsString("allowedRequestor"));
    }

    private static io.restassured.response.Response inCatalog(RequestSpecification spec, String catalog) {
        return spec.queryParam("$filter", "catalog/id eq '" + catalog + "'").when().get(MINE);
    }

    private static void policy(String packageId, String scope, String targets, boolean selfAdd) {
        admin().body("""
                {"displayName":"%s policy","accessPackage":{"id":"%s"},"allowedTargetScope":"%s",
                 "specificAllowedTargets":%s,"expiration":{"type":"noExpiration"},
                 "requestorSettings":{"enableTargetsToSelfAddAccess":%s}}
                """.formatted(scope, packageId, scope, targets, selfAdd)).when().post(EM + "/assignmentPolicies")
                .then().statusCode(201);
    }
}
