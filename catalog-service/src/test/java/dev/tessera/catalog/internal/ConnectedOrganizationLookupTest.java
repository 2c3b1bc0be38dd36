package dev.tessera.catalog.internal;

import static dev.tessera.catalog.Fixtures.EM;
import static dev.tessera.catalog.Fixtures.admin;
import static dev.tessera.catalog.Fixtures.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.tessera.catalog.Fixtures;
import dev.tessera.testsupport.TesseraInfraResource;
import dev.tessera.testsupport.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code GET /internal/connected-organizations?domain=…}, as request-service calls it with its service token. */
@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class ConnectedOrganizationLookupTest {

    static final String LOOKUP = "/internal/connected-organizations";

    /** request-service's call: with its service token, the only one /internal admits. */
    static String requestor() {
        return Tokens.service();
    }

    @Test
    void aDomainFindsItsOrganizationInAnyCase() {
        String name = "Lookup " + UUID.randomUUID();
        String domain = Fixtures.newDomain();
        String federated = Fixtures.newDomain();
        String id = admin().body("""
                        {"displayName":"%s","state":"proposed","identitySources":[
                          {"@odata.type":"#microsoft.graph.domainIdentitySource","domainName":"%s"},
                          {"@odata.type":"#microsoft.graph.externalDomainFederation","domainName":"%s",
                           "issuerUri":"https://sts.example/trust"}]}
                        """.formatted(name, domain.toUpperCase(), federated))
                .when().post(EM + "/connectedOrganizations").then().statusCode(201).extract().path("id");

        as(requestor()).queryParam("domain", domain.replace("org-", "ORG-")).when().get(LOOKUP)
                .then().statusCode(200)
                .body("id", equalTo(id)).body("displayName", equalTo(name)).body("state", equalTo("proposed"));
        as(requestor()).queryParam("domain", federated).when().get(LOOKUP)
                .then().statusCode(200).body("id", equalTo(id));

        admin().body("{\"state\":\"configured\"}").when().patch(EM + "/connectedOrganizations/" + id).then().statusCode(204);
        as(requestor()).queryParam("domain", domain + ".").when().get(LOOKUP)
                .then().statusCode(200).body("state", equalTo("configured"));
    }

    @Test
    void aDomainNoOrganizationHasIs404AndABadOne400() {
        String unknown = Fixtures.newDomain();
        as(requestor()).queryParam("domain", unknown).when().get(LOOKUP)
                .then().statusCode(404).body("error.code", equalTo("itemNotFound"))
                .body("error.message", containsString(unknown));
        // A tenant id is not a domain, and a subdomain is not its parent.
        String tenant = UUID.randomUUID().toString();
        String domain = Fixtures.newDomain();
        admin().body("{\"displayName\":\"Tenant only\",\"identitySources\":[{\"@odata.type\":"
                        + "\"#microsoft.graph.azureActiveDirectoryTenant\",\"tenantId\":\"" + tenant + "\"},"
                        + "{\"@odata.type\":\"#microsoft.graph.domainIdentitySource\",\"domainName\":\"" + domain + "\"}]}")
                .when().post(EM + "/connectedOrganizations").then().statusCode(201);
        as(requestor()).queryParam("domain", tenant).when().get(LOOKUP).then().statusCode(400);
        as(requestor()).queryParam("domain", "mail." + domain).when().get(LOOKUP).then().statusCode(404);
        as(requestor()).when().get(LOOKUP).then().statusCode(400).body("error.target", equalTo("domain"));
        as(requestor()).queryParam("domain", "not a domain").when().get(LOOKUP).then().statusCode(400)
                .body("error.target", equalTo("domain"));
    }

    @Test
    void anOrganizationsSponsorsAreListedForApproverResolution() {
        String id = Fixtures.newConnectedOrganization("Sponsors " + UUID.randomUUID(), "configured");
        String alice = UUID.randomUUID().toString();
        String bob = UUID.randomUUID().toString();
        admin().body("{\"@odata.id\":\"https://graph.microsoft.com/v1.0/users/" + alice + "\"}")
                .when().post(EM + "/connectedOrganizations/" + id + "/internalSponsors/$ref").then().statusCode(204);
        admin().body("{\"@odata.id\":\"https://graph.microsoft.com/v1.0/users/" + bob + "\"}")
                .when().post(EM + "/connectedOrganizations/" + id + "/externalSponsors/$ref").then().statusCode(204);

        as(requestor()).when().get(LOOKUP + "/" + id + "/sponsors").then().statusCode(200)
                .body("id", equalTo(id))
                .body("internalSponsors", org.hamcrest.Matchers.contains(alice))
                .body("externalSponsors", org.hamcrest.Matchers.contains(bob));
        as(requestor()).when().get(LOOKUP + "/" + UUID.randomUUID() + "/sponsors").then().statusCode(404);
        as(requestor()).when().get(LOOKUP + "/not-an-id/sponsors").then().statusCode(400);
    }

    @Test
    void theLookupNeedsAToken() {
        given().queryParam("domain", "example.com").when().get(LOOKUP).then().statusCode(401)
                .body("error.code", equalTo("InvalidAuthenticationToken"));
    }

    static final String PROPOSE = LOOKUP + "/proposals";

    @Test
    void aDomainWithoutAnOrganizationIsProposedOnceAndConfiguredByAnAdministrator() throws Exception {
        String domain = Fixtures.newDomain();
        // concurrent proposals for one domain (two requests of the same partner at once): one organization
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        java.util.List<java.util.concurrent.Future<String>> calls = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 6; i++) {
                String asked = i % 2 == 0 ? domain : domain.toUpperCase();
                calls.add(pool.submit(() -> as(requestor()).queryParam("domain", asked).when().post(PROPOSE)
                        .then().statusCode(200).body("state", equalTo("proposed")).body("displayName", equalTo(domain))
                        .extract().<String>path("id")));
            }
            java.util.Set<String> ids = new java.util.HashSet<>();
            for (java.util.concurrent.Future<String> call : calls) {
                ids.add(call.get(60, java.util.concurrent.TimeUnit.SECONDS));
            }
            org.junit.jupiter.api.Assertions.assertEquals(1, ids.size(), "one organization for the domain: " + ids);
            String id = ids.iterator().next();

            // as Entra shows it: named after the domain, one domainIdentitySource, proposed
            admin().when().get(EM + "/connectedOrganizations/" + id).then().statusCode(200)
                    .body("displayName", equalTo(domain)).body("state", equalTo("proposed"))
                    .body("identitySources.size()", equalTo(1))
                    .body("identitySources[0].'@odata.type'", equalTo("#microsoft.graph.domainIdentitySource"))
                    .body("identitySources[0].domainName", equalTo(domain));
            admin().queryParam("$filter", "displayName eq '" + domain + "'").when().get(EM + "/connectedOrganizations")
                    .then().statusCode(200).body("value.size()", equalTo(1));

            // an administrator configures it; a later proposal answers it as it is
            admin().body("{\"state\":\"configured\"}").when().patch(EM + "/connectedOrganizations/" + id).then()
                    .statusCode(204);
            as(requestor()).queryParam("domain", domain).when().post(PROPOSE).then().statusCode(200)
                    .body("id", equalTo(id)).body("state", equalTo("configured"));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aProposalForAConnectedDomainIsItsOrganizationAndABadOneChangesNothing() {
        String name = "Configured " + UUID.randomUUID();
        String id = Fixtures.newConnectedOrganization(name, "configured");
        String domain = admin().when().get(EM + "/connectedOrganizations/" + id).then().statusCode(200)
                .extract().path("identitySources[0].domainName");
        as(requestor()).queryParam("domain", domain).when().post(PROPOSE).then().statusCode(200)
                .body("id", equalTo(id)).body("displayName", equalTo(name)).body("state", equalTo("configured"));
        as(requestor()).when().post(PROPOSE).then().statusCode(400).body("error.target", equalTo("domain"));
        as(requestor()).queryParam("domain", "not a domain").when().post(PROPOSE).then().statusCode(400)
                .body("error.target", equalTo("domain"));
        // only the service token: a user (or no token) proposes nothing
        String other = Fixtures.newDomain();
        as(Tokens.user(UUID.randomUUID().toString())).queryParam("domain", other).when().post(PROPOSE).then()
                .statusCode(403);
        given().queryParam("domain", other).when().post(PROPOSE).then().statusCode(401);
        as(requestor()).queryParam("domain", other).when().get(LOOKUP).then().statusCode(404);
    }
}
