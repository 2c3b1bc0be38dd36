package dev.tessera.catalog.connectedorganization;

import static dev.tessera.catalog.Fixtures.EM;
import static dev.tessera.catalog.Fixtures.admin;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tessera.catalog.Fixtures;
import dev.tessera.testsupport.TesseraInfraResource;
import dev.tessera.testsupport.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class ConnectedOrganizationApiTest {

    static final String ORGS = EM + "/connectedOrganizations";
    static final String GUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    /** The docs' create request, with a domain of its own. */
    static String seedBody(String name, String domain) {
        return """
                {"displayName":"%s","description":"Connected organization description",
                 "identitySources":[{"@odata.type":"#microsoft.graph.domainIdentitySource","domainName":"%s",
                   "displayName":"%s"}],
                 "state":"proposed"}
                """.formatted(name, domain, domain);
    }

    static void nothingNamed(String name) {
        admin().queryParam("$filter", "displayName eq '" + name + "'").when().get(ORGS)
                .then().statusCode(200).body("value", hasSize(0));
    }

    @Test
    void theDocsCreateRequestIsAnswered201WithTheOrganization() {
        String name = "Connected organization " + UUID.randomUUID();
        String domain = Fixtures.newDomain();
        String id = admin().body(seedBody(name, domain)).when().post(ORGS)
                .then().statusCode(201)
                .header("Content-Type", startsWith("application/json"))
                .body("'@odata.context'", endsWith("/v1.0/$metadata#identityGovernance/entitlementManagement/"
                        + "connectedOrganizations/$entity"))
                .body("id", matchesPattern(GUID))
                .body("displayName", equalTo(name))
                .body("description", equalTo("Connected organization description"))
                .body("identitySources", hasSize(1))
                .body("identitySources[0].'@odata.type'", equalTo("#microsoft.graph.domainIdentitySource"))
                .body("identitySources[0].domainName", equalTo(domain))
                .body("identitySources[0].displayName", equalTo(domain))
                .body("state", equalTo("proposed"))
                .body("createdDateTime", notNullValue())
                .body("modifiedDateTime", notNullValue())
                .extract().path("id");
        admin().when().get(ORGS + "/" + id).then().statusCode(200)
                .body("'@odata.context'", endsWith("connectedOrganizations/$entity"))
                .body("id", equalTo(id)).body("displayName", equalTo(name)).body("state", equalTo("proposed"))
                .body("identitySources[0].domainName", equalTo(domain));
    }

    @Test
    void everyIdentitySourceTypeIsTakenInAnySpellingAndWrittenWithTheGraphNamespace() {
        String tenant = UUID.randomUUID().toString();
        String crossCloud = UUID.randomUUID().toString();
        String domain = Fixtures.newDomain();
        String federated = Fixtures.newDomain();
        admin().body("""
                        {"displayName":"All sources %s","state":"Configured","identitySources":[
                          {"@odata.type":"microsoft.graph.DomainIdentitySource","domainName":"%s."},
                          {"@odata.type":"#MICROSOFT.GRAPH.AZUREACTIVEDIRECTORYTENANT","tenantId":"%s","displayName":"Fabrikam"},
                          {"@odata.type":"externalDomainFederation","domainName":"%s","displayName":"Fed",
                           "issuerUri":"https://sts.fabrikam.example/adfs/services/trust"},
                          {"@odata.type":"#microsoft.graph.crossCloudAzureActiveDirectoryTenant","tenantId":"%s",
                           "displayName":"Gov","cloudInstance":"microsoftonline.us"}]}
                        """.formatted(UUID.randomUUID(), domain.toUpperCase(), tenant.toUpperCase(), federated, crossCloud))
                .when().post(ORGS)
                .then().statusCode(201)
                .body("state", equalTo("configured"))
                .body("identitySources.'@odata.type'", equalTo(List.of("#microsoft.graph.domainIdentitySource",
                        "#microsoft.graph.azureActiveDirectoryTenant", "#microsoft.graph.externalDomainFederation",
                        "#microsoft.graph.crossCloudAzureActiveDirectoryTenant")))
                .body("identitySources[0].domainName", equalTo(domain))
                .body("identitySources[0].displayName", nullValue())
                .body("identitySources[1].tenantId", equalTo(tenant))
                .body("identitySources[1].displayName", equalTo("Fabrikam"))
                .body("identitySources[2].issuerUri", equalTo("https://sts.fabrikam.example/adfs/services/trust"))
                .body("identitySources[3].tenantId", equalTo(crossCloud))
                .body("identitySources[3].cloudInstance", equalTo("microsoftonline.us"));
    }

    @Test
    void aNewOrganizationIsConfiguredByDefault() {
        admin().body("{\"displayName\":\"Default state " + UUID.randomUUID() + "\",\"identitySources\":[{\"@odata.type\":"
                        + "\"#microsoft.graph.azureActiveDirectoryTenant\",\"tenantId\":\"" + UUID.randomUUID() + "\"}]}")
                .when().post(ORGS).then().statusCode(201).body("state", equalTo("configured"))
                .body("description", nullValue());
    }

    @Test
    void patchChangesNameDescriptionAndStateAndAnswers204() {
        String id = Fixtures.newConnectedOrganization("Patch me " + UUID.randomUUID(), "proposed");
        String before = admin().when().get(ORGS + "/" + id).then().extract().path("modifiedDateTime");
        String name = "Patched " + UUID.randomUUID();
        admin().body("{\"displayName\":\"" + name + "\",\"description\":\"changed\",\"state\":\"CONFIGURED\"}")
                .when().patch(ORGS + "/" + id).then().statusCode(204).body(equalTo(""));
        admin().when().get(ORGS + "/" + id).then().statusCode(200)
                .body("displayName", equalTo(name)).body("description", equalTo("changed"))
                .body("state", equalTo("configured")).body("identitySources", hasSize(1))
                .body("modifiedDateTime", not(equalTo(before)));
        admin().body("{\"state\":\"proposed\"}").when().patch(ORGS + "/" + id).then().statusCode(204);
        admin().when().get(ORGS + "/" + id).then().body("state", equalTo("proposed")).body("displayName", equalTo(name));
    }

    @Test
    void identitySourcesAreFixedOnceCreated() {
        String id = Fixtures.newConnectedOrganization("Fixed sources " + UUID.randomUUID(), "configured");
        String domain = admin().when().get(ORGS + "/" + id).then().extract().path("identitySources[0].domainName");
        admin().body("{\"displayName\":\"Renamed\",\"identitySources\":[{\"@odata.type\":"
                        + "\"#microsoft.graph.domainIdentitySource\",\"domainName\":\"" + Fixtures.newDomain() + "\"}]}")
                .when().patch(ORGS + "/" + id)
                .then().statusCode(400).body("error.target", equalTo("identitySources"))
                .body("error.message", containsString("identitySources"));
        admin().body("{\"identitySources\":[]}").when().patch(ORGS + "/" + id)
                .then().statusCode(400).body("error.target", equalTo("identitySources"));
        admin().when().get(ORGS + "/" + id).then().statusCode(200)
                .body("displayName", startsWith("Fixed sources"))
                .body("identitySources.domainName", equalTo(List.of(domain)));
    }

    @Test
    void invalidOrganizationsAreRefusedWithTheFieldNamedAndNothingWritten() {
        String name = "Refused " + UUID.randomUUID();
        String domain = "{\"@odata.type\":\"#microsoft.graph.domainIdentitySource\",\"domainName\":\"" + Fixtures.newDomain() + "\"}";
        refused("{\"identitySources\":[" + domain + "]}", "displayName");
        refused("{\"displayName\":\"   \",\"identitySources\":[" + domain + "]}", "displayName");
        refused("{\"displayName\":\"" + "x".repeat(257) + "\",\"identitySources\":[" + domain + "]}", "displayName");
        refused("{\"displayName\":\"" + name + "\"}", "identitySources");
        refused("{\"displayName\":\"" + name + "\",\"identitySources\":[]}", "identitySources");
        refused("{\"displayName\":\"" + name + "\",\"state\":\"halfway\",\"identitySources\":[" + domain + "]}", "state");
        refused("{\"displayName\":\"" + name + "\",\"state\":\"unknownFutureValue\",\"identitySources\":[" + domain + "]}",
                "state");
        for (String bad : List.of("not a domain", "localhost", "-bad.example.com", "bad-.example.com", "a..example.com",
                "10.0.0.1", "under_score.example.com", "x".repeat(64) + ".example.com", "")) {
            refused("{\"displayName\":\"" + name + "\",\"identitySources\":[{\"@odata.type\":"
                    + "\"#microsoft.graph.domainIdentitySource\",\"domainName\":\"" + bad + "\"}]}",
                    "identitySources[0].domainName");
        }
        refused("{\"displayName\":\"" + name + "\",\"identitySources\":[" + domain + ",{\"@odata.type\":"
                + "\"#microsoft.graph.socialIdentitySource\",\"socialIdentitySourceType\":\"facebook\"}]}",
                "identitySources[1]");
        refused("{\"displayName\":\"" + name + "\",\"identitySources\":[{\"domainName\":\"" + Fixtures.newDomain() + "\"}]}",
                "identitySources[0]");
        refused("{\"displayName\":\"" + name + "\",\"identitySources\":[{\"@odata.type\":"
                + "\"#microsoft.graph.azureActiveDirectoryTenant\",\"tenantId\":\"contoso\"}]}",
                "identitySources[0].tenantId");
        refused("{\"displayName\":\"" + name + "\",\"identitySources\":[{\"@odata.type\":"
                + "\"#microsoft.graph.externalDomainFederation\",\"domainName\":\"" + Fixtures.newDomain() + "\"}]}",
                "identitySources[0].issuerUri");
        refused("{\"displayName\":\"" + name + "\",\"identitySources\":[{\"@odata.type\":"
                + "\"#microsoft.graph.externalDomainFederation\",\"domainName\":\"" + Fixtures.newDomain()
                + "\",\"issuerUri\":\"not absolute\"}]}", "identitySources[0].issuerUri");
        refused("{\"displayName\":\"" + name + "\",\"identitySources\":[{\"@odata.type\":"
                + "\"#microsoft.graph.crossCloudAzureActiveDirectoryTenant\",\"tenantId\":\"" + UUID.randomUUID() + "\"}]}",
                "identitySources[0].cloudInstance");
        String twice = Fixtures.newDomain();
        refused("{\"displayName\":\"" + name + "\",\"identitySources\":[{\"@odata.type\":"
                + "\"#microsoft.graph.domainIdentitySource\",\"domainName\":\"" + twice + "\"},{\"@odata.type\":"
                + "\"#microsoft.graph.externalDomainFederation\",\"domainName\":\"" + twice.toUpperCase()
                + "\",\"issuerUri\":\"urn:federation:x\"}]}", "identitySources[1].domainName");
        admin().body("{\"displayName\":").when().post(ORGS).then().statusCode(400).body("error.code", equalTo("BadRequest"));
        nothingNamed(name);
    }

    static void refused(String body, String field) {
        admin().body(body).when().post(ORGS).then().statusCode(400)
                .body("error.code", notNullValue()).body("error.target", equalTo(field))
                .body("error.message", notNullValue());
    }

    @Test
    void aDomainOrTenantBelongsToOneOrganizationOnly() {
        String holderName = "Holder " + UUID.randomUUID();
        String domain = Fixtures.newDomain();
        String tenant = UUID.randomUUID().toString();
        String holder = admin().body("{\"displayName\":\"" + holderName + "\",\"identitySources\":["
                        + "{\"@odata.type\":\"#microsoft.graph.domainIdentitySource\",\"domainName\":\"" + domain + "\"},"
                        + "{\"@odata.type\":\"#microsoft.graph.azureActiveDirectoryTenant\",\"tenantId\":\"" + tenant + "\"}]}")
                .when().post(ORGS).then().statusCode(201).extract().path("id");

        String name = "Second claim " + UUID.randomUUID();
        String fresh = Fixtures.newDomain();
        admin().body("{\"displayName\":\"" + name + "\",\"identitySources\":["
                        + "{\"@odata.type\":\"#microsoft.graph.domainIdentitySource\",\"domainName\":\"" + fresh + "\"},"
                        + "{\"@odata.type\":\"#microsoft.graph.externalDomainFederation\",\"domainName\":\""
                        + domain.toUpperCase() + "\",\"issuerUri\":\"https://sts.example/trust\"}]}")
                .when().post(ORGS)
                .then().statusCode(409)
                .body("error.target", equalTo("identitySources[1].domainName"))
                .body("error.message", containsString(domain))
                .body("error.message", containsString(holderName))
                .body("error.message", containsString(holder));
        admin().body("{\"displayName\":\"" + name + "\",\"identitySources\":[{\"@odata.type\":"
                        + "\"#microsoft.graph.crossCloudAzureActiveDirectoryTenant\",\"tenantId\":\"" + tenant.toUpperCase()
                        + "\",\"cloudInstance\":\"microsoftonline.us\"}]}")
                .when().post(ORGS)
                .then().statusCode(409).body("error.target", equalTo("identitySources[0].tenantId"))
                .body("error.message", containsString(holderName));
        nothingNamed(name);
        // The refused create claimed nothing: its other domain is still free.
        admin().body(seedBody(name, fresh)).when().post(ORGS).then().statusCode(201);
    }

    @Test
    void concurrentCreatesOfOneDomainLeaveExactlyOneOrganization() throws Exception {
        String domain = Fixtures.newDomain();
        String tag = UUID.randomUUID().toString();
        int attempts = 6;
        ExecutorService pool = Executors.newFixedThreadPool(attempts);
        try {
            List<Callable<Integer>> creates = new ArrayList<>();
            for (int i = 0; i < attempts; i++) {
                String body = seedBody("Race " + tag + " " + i, domain);
                creates.add(() -> admin().body(body).when().post(ORGS).then().extract().statusCode());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> status : pool.invokeAll(creates)) {
                statuses.add(status.get());
            }
            assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
            assertEquals(attempts - 1, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
        } finally {
            pool.shutdownNow();
        }
        admin().queryParam("$filter", "startswith(displayName,'Race " + tag + "')").when().get(ORGS)
                .then().statusCode(200).body("value", hasSize(1));
    }

    @Test
    void organizationsAreFilteredByNameAndStateAndPagedWithAnAbsoluteNextLink() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(Fixtures.newConnectedOrganization("Partner " + tag + " " + i, i == 0 ? "proposed" : "configured"));
        }
        admin().queryParam("$filter", "displayName eq 'Partner " + tag + " 3'").when().get(ORGS)
                .then().statusCode(200)
                .body("'@odata.context'", endsWith("/v1.0/$metadata#identityGovernance/entitlementManagement/"
                        + "connectedOrganizations"))
                .body("value.id", equalTo(List.of(created.get(3))))
                .body("value[0].identitySources", hasSize(1));
        admin().queryParam("$filter", "contains(tolower(displayName),'partner " + tag + "') and state eq 'Proposed'")
                .when().get(ORGS).then().statusCode(200).body("value.id", equalTo(List.of(created.get(0))));

        List<String> seen = new ArrayList<>();
        var first = admin().queryParam("$filter", "contains(tolower(displayName),'partner " + tag + "')")
                .queryParam("$top", 2).queryParam("$count", true)
                .when().get(ORGS)
                .then().statusCode(200).body("value", hasSize(2)).body("'@odata.count'", equalTo(5))
                .body("'@odata.nextLink'", startsWith("http://localhost:"))
                .body("'@odata.nextLink'", containsString("%24skiptoken="))
                .extract();
        seen.addAll(first.path("value.id"));
        String next = first.path("'@odata.nextLink'");
        while (next != null) {
            var page = given().urlEncodingEnabled(false).auth()
                    .oauth2(Tokens.admin(UUID.randomUUID().toString(), Fixtures.IGA))
                    .when().get(next).then().statusCode(200).extract();
            seen.addAll(page.path("value.id"));
            String following = page.path("'@odata.nextLink'");
            assertEquals(false, next.equals(following), "a nextLink never repeats");
            next = following;
        }
        assertEquals(5, seen.size());
        assertEquals(new HashSet<>(created), new HashSet<>(seen));

        admin().queryParam("$filter", "state eq 'sideways'").when().get(ORGS)
                .then().statusCode(400).body("error.message", containsString("sideways"));
        admin().queryParam("$filter", "colour eq 'red'").when().get(ORGS).then().statusCode(400);
        admin().queryParam("$top", 0).when().get(ORGS).then().statusCode(400);
        admin().queryParam("$expand", "internalSponsorz").when().get(ORGS).then().statusCode(400)
                .body("error.message", containsString("internalSponsorz"));
    }

    @Test
    void unknownIdsAre404AndMalformedIds400() {
        String unknown = UUID.randomUUID().toString();
        admin().when().get(ORGS + "/" + unknown).then().statusCode(404).body("error.code", equalTo("itemNotFound"))
                .body("error.innerError.request-id", notNullValue());
        admin().body("{\"displayName\":\"x\"}").when().patch(ORGS + "/" + unknown).then().statusCode(404)
                .body("error.code", equalTo("itemNotFound"));
        admin().when().delete(ORGS + "/" + unknown).then().statusCode(404).body("error.code", equalTo("itemNotFound"));
        admin().when().get(ORGS + "/not-a-guid").then().statusCode(400).body("error.code", equalTo("invalidRequest"));
        admin().body("{\"displayName\":\"x\"}").when().patch(ORGS + "/not-a-guid").then().statusCode(400);
        admin().when().delete(ORGS + "/not-a-guid").then().statusCode(400);
        admin().when().get(ORGS + "/" + unknown.toUpperCase() + "x").then().statusCode(400);
    }

    @Test
    void aDeletedOrganizationIsGoneAndItsDomainFreeAgain() {
        String domain = Fixtures.newDomain();
        String id = admin().body(seedBody("Delete me " + UUID.randomUUID(), domain)).when().post(ORGS)
                .then().statusCode(201).extract().path("id");
        admin().body("{\"@odata.id\":\"https://graph.microsoft.com/v1.0/users/" + UUID.randomUUID() + "\"}")
                .when().post(ORGS + "/" + id + "/internalSponsors/$ref").then().statusCode(204);
        admin().when().delete(ORGS + "/" + id).then().statusCode(204).body(equalTo(""));
        admin().when().get(ORGS + "/" + id).then().statusCode(404);
        admin().when().delete(ORGS + "/" + id).then().statusCode(404);
        admin().body(seedBody("Domain reused " + UUID.randomUUID(), domain)).when().post(ORGS).then().statusCode(201);
    }

    @Test
    void aGlobalReaderReadsButCannotWrite() {
        String id = Fixtures.newConnectedOrganization("Read only " + UUID.randomUUID(), "configured");
        String reader = Tokens.admin(UUID.randomUUID().toString(), "Global Reader");
        Fixtures.as(reader).when().get(ORGS).then().statusCode(200);
        Fixtures.as(reader).when().get(ORGS + "/" + id).then().statusCode(200);
        Fixtures.as(reader).when().get(ORGS + "/" + id + "/internalSponsors").then().statusCode(200);
        Fixtures.as(reader).body(seedBody("Reader made", Fixtures.newDomain())).when().post(ORGS)
                .then().statusCode(403).body("error.code", equalTo("accessDenied"));
        Fixtures.as(reader).body("{\"displayName\":\"x\"}").when().patch(ORGS + "/" + id).then().statusCode(403);
        Fixtures.as(reader).when().delete(ORGS + "/" + id).then().statusCode(403);
        String user = UUID.randomUUID().toString();
        Fixtures.as(reader).body("{\"@odata.id\":\"https://graph.microsoft.com/v1.0/users/" + user + "\"}")
                .when().post(ORGS + "/" + id + "/externalSponsors/$ref").then().statusCode(403);
        Fixtures.as(reader).when().delete(ORGS + "/" + id + "/externalSponsors/" + user + "/$ref").then().statusCode(403);
        nothingNamed("Reader made");
        admin().when().get(ORGS + "/" + id).then().statusCode(200).body("displayName", startsWith("Read only"));
        admin().when().get(ORGS + "/" + id + "/externalSponsors").then().statusCode(200).body("value", hasSize(0));
    }
}
