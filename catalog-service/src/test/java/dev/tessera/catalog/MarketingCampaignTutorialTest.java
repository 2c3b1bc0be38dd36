package dev.tessera.catalog;

import static dev.tessera.catalog.Fixtures.EM;
import static dev.tessera.catalog.Fixtures.IGA;
import static dev.tessera.catalog.Fixtures.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.common.ServiceIdentity;
import dev.tessera.platform.messaging.events.Topics;
import dev.tessera.testsupport.TesseraInfraResource;
import dev.tessera.testsupport.TestEvents;
import dev.tessera.testsupport.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The administrator half of Microsoft's "Manage access to resources: Marketing Campaign" tutorial,
 * as Graph calls, end to end, and what request-service then reads about the package.
 */
@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class MarketingCampaignTutorialTest {

    final ObjectMapper mapper = new ObjectMapper();

    @Test
    void anAdministratorBuildsTheMarketingCampaignPackageAndRequestServiceSeesIt() throws Exception {
        // the tutorial's administrator creates the user and group too: User Administrator besides Identity
        // Governance Administrator, which is also what lets them add the group to the catalog
        String adminToken = Tokens.admin(UUID.randomUUID().toString(), IGA, "User Administrator");
        String groupId = FakeDirectoryApi.newGroup("Marketing resources " + UUID.randomUUID());

        // The General catalog is built in.
        String catalog = as(adminToken).queryParam("$filter", "displayName eq 'General'")
                .when().get(EM + "/catalogs")
                .then().statusCode(200).body("value", hasSize(1))
                .body("value[0].catalogType", equalTo("serviceDefault"))
                .body("value[0].state", equalTo("published"))
                .extract().path("value[0].id");

        // Add the group to the catalog: the directory is asked with catalog-service's service token, not the user's.
        as(adminToken).body(Fixtures.onboardRequest(groupId, catalog)).when().post(EM + "/resourceRequests")
                .then().statusCode(201)
                .body("id", notNullValue()).body("requestType", equalTo("adminAdd"))
                .body("state", equalTo("delivered"))
                .body("'@odata.context'", endsWith("/v1.0/$metadata#identityGovernance/entitlementManagement/"
                        + "resourceRequests/$entity"));
        assertEquals("Bearer " + ConfigProvider.getConfig().getValue(ServiceIdentity.TOKEN_PROPERTY, String.class),
                FakeDirectoryApi.authorizationSeenFor(groupId));

        var resource = as(adminToken).queryParam("$filter", "originId eq '" + groupId + "'")
                .queryParam("$expand", "roles,scopes")
                .when().get(EM + "/catalogs/" + catalog + "/resources")
                .then().statusCode(200).body("value", hasSize(1))
                .body("value[0].originSystem", equalTo("AadGroup"))
                .body("value[0].displayName", containsString("Marketing resources"))
                .body("value[0].roles.originId", hasItems("Member_" + groupId, "Owner_" + groupId))
                .body("value[0].scopes", hasSize(1))
                .body("value[0].scopes[0].displayName", equalTo("Root"))
                .body("value[0].scopes[0].description", equalTo("Root Scope"))
                .body("value[0].scopes[0].isRootScope", equalTo(true))
                .body("value[0].scopes[0].originId", equalTo(groupId))
                .extract();
        String resourceId = resource.path("value[0].id");
        String scopeId = resource.path("value[0].scopes[0].id");

        String roleId = as(adminToken)
                .queryParam("$filter", "(originSystem eq 'AadGroup' and resource/id eq '" + resourceId + "')")
                .queryParam("$expand", "resource")
                .when().get(EM + "/catalogs/" + catalog + "/resourceRoles")
                .then().statusCode(200).body("value", hasSize(2))
                .body("value.resource.id", hasItems(resourceId, resourceId))
                .extract().path("value.find { it.displayName == 'Member' }.id");

        // The access package, its resource role and its policy.
        String accessPackage = as(adminToken).body("""
                {"displayName":"Marketing Campaign","description":"Access to resources for the campaign",
                 "isHidden":false,"catalog":{"id":"%s"}}""".formatted(catalog))
                .when().post(EM + "/accessPackages")
                .then().statusCode(201).body("displayName", equalTo("Marketing Campaign"))
                .body("isHidden", equalTo(false)).extract().path("id");
        as(adminToken).body("""
                {"role":{"id":"%s","displayName":"Member","originSystem":"AadGroup","originId":"Member_%s",
                         "resource":{"id":"%s","originId":"%s","originSystem":"AadGroup"}},
                 "scope":{"id":"%s","displayName":"Root","description":"Root Scope","originId":"%s",
                          "originSystem":"AadGroup","isRootScope":true}}"""
                        .formatted(roleId, groupId, resourceId, groupId, scopeId, groupId))
                .when().post(EM + "/accessPackages/" + accessPackage + "/resourceRoleScopes")
                .then().statusCode(201).body("id", equalTo(roleId + "_" + scopeId))
                .body("createdDateTime", notNullValue());

        String requestor = UUID.randomUUID().toString();
        String policy = as(adminToken).body(Fixtures.tutorialPolicyBody(accessPackage, requestor))
                .when().post(EM + "/assignmentPolicies")
                .then().statusCode(201)
                .body("displayName", equalTo("Specific users"))
                .body("allowedTargetScope", equalTo("specificDirectoryUsers"))
                .body("expiration.type", equalTo("afterDuration"))
                .body("expiration.duration", equalTo("P30D"))
                .body("expiration.endDateTime", nullValue())
                .body("specificAllowedTargets[0].'@odata.type'", equalTo("#microsoft.graph.singleUser"))
                .body("specificAllowedTargets[0].userId", equalTo(requestor))
                .body("requestorSettings.enableTargetsToSelfAddAccess", equalTo(true))
                .body("requestorSettings.enableTargetsToSelfRemoveAccess", equalTo(true))
                .body("requestApprovalSettings.isApprovalRequiredForAdd", equalTo(false))
                .body("requestApprovalSettings.stages", hasSize(0))
                .extract().path("id");

        as(adminToken).queryParam("$expand", "resourceRoleScopes($expand=role,scope),assignmentPolicies,catalog")
                .when().get(EM + "/accessPackages/" + accessPackage)
                .then().statusCode(200)
                .body("resourceRoleScopes", hasSize(1))
                .body("resourceRoleScopes[0].id", equalTo(roleId + "_" + scopeId))
                .body("resourceRoleScopes[0].role.originId", equalTo("Member_" + groupId))
                .body("resourceRoleScopes[0].scope.isRootScope", equalTo(true))
                .body("assignmentPolicies.id", equalTo(List.of(policy)))
                .body("catalog.id", equalTo(catalog))
                .body("catalog.displayName", equalTo("General"));

        // provisioning-service hears that the package now grants group membership.
        ConsumerRecord<String, String> event = TestEvents.awaitEvent(Topics.CATALOG_EVENTS,
                "tessera.catalog.resourceRoleScopeAdded.v1", accessPackage);
        JsonNode payload = mapper.readTree(event.value());
        assertEquals(accessPackage, payload.path("accessPackageId").asText());
        assertEquals(roleId, payload.path("resourceRole").path("roleId").asText());
        assertEquals("Member_" + groupId, payload.path("resourceRole").path("roleOriginId").asText());
        assertEquals(groupId, payload.path("resourceRole").path("resourceOriginId").asText());
        assertEquals(groupId, payload.path("resourceRole").path("scopeOriginId").asText());

        // request-service's one call, made with its service token on behalf of the requestor.
        JsonNode context = mapper.readTree(as(Tokens.service()).queryParam("principalId", requestor)
                .when().get("/internal/v1/accessPackages/" + accessPackage + "/requestContext")
                .then().statusCode(200).extract().asString());
        assertEquals(Set.of("accessPackage", "policies", "resourceRoles", "incompatible", "callerCatalogRoles",
                "callerManagesAssignments", "callerReadsAssignments", "resourceAttributes"), fieldNames(context));
        // the tutorial's group asks the requestor for nothing
        assertEquals(mapper.readTree("[]"), context.get("resourceAttributes"));
        // the requestor holds no catalog role
        assertEquals(mapper.readTree("[]"), context.get("callerCatalogRoles"));
        assertEquals(false, context.get("callerManagesAssignments").asBoolean());
        assertEquals(mapper.readTree("{\"accessPackages\":[],\"groups\":[]}"), context.get("incompatible"));
        assertEquals(mapper.readTree("""
                {"id":"%s","displayName":"Marketing Campaign","description":"Access to resources for the campaign",
                 "isHidden":false,"catalogId":"%s"}""".formatted(accessPackage, catalog)), context.get("accessPackage"));
        assertEquals(mapper.readTree("""
                [{"roleId":"%s","roleDisplayName":"Member","roleOriginId":"Member_%s","originSystem":"AadGroup",
                  "resourceId":"%s","resourceOriginId":"%s","scopeOriginId":"%s"}]"""
                .formatted(roleId, groupId, resourceId, groupId, groupId)), context.get("resourceRoles"));
        ObjectNode graphPolicy = (ObjectNode) mapper.readTree(as(adminToken).queryParam("$expand", "questions")
                .when().get(EM + "/assignmentPolicies/" + policy).then().statusCode(200).extract().asString());
        graphPolicy.remove("@odata.context");
        assertEquals(1, context.get("policies").size());
        assertEquals(graphPolicy, context.get("policies").get(0));
        assertEquals(0, context.get("policies").get(0).get("questions").size());
    }

    @Test
    void theRequestContextOfAPackageThatDoesNotExistIsAGraph404() {
        as(Tokens.service())
                .when().get("/internal/v1/accessPackages/" + UUID.randomUUID() + "/requestContext")
                .then().statusCode(404).body("error.code", equalTo("itemNotFound"));
        given().when().get("/internal/v1/accessPackages/" + UUID.randomUUID() + "/requestContext")
                .then().statusCode(401).body("error.code", equalTo("InvalidAuthenticationToken"));
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new java.util.HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
