package dev.tessera.catalog.accesspackage;

import static dev.tessera.catalog.Fixtures.EM;
import static dev.tessera.catalog.Fixtures.admin;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.catalog.Fixtures;
import dev.tessera.platform.messaging.events.Topics;
import dev.tessera.testsupport.TesseraInfraResource;
import dev.tessera.testsupport.TestEvents;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** What provisioning-service hears on tessera.catalog.events when a package's resource roles change. */
@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class CatalogEventsTest {

    static final String ADDED = "tessera.catalog.resourceRoleScopeAdded.v1";
    static final String REMOVED = "tessera.catalog.resourceRoleScopeRemoved.v1";

    final ObjectMapper mapper = new ObjectMapper();

    @Test
    void addingAndRemovingARoleScopeIsAnnouncedOnceEachAsACloudEvent() throws Exception {
        String catalog = Fixtures.newCatalog("Events " + UUID.randomUUID());
        Fixtures.Onboarded group = Fixtures.onboardNewGroup(catalog);
        String accessPackage = Fixtures.newPackage(catalog, "Announced");
        String roleScope = Fixtures.addRoleScope(accessPackage, group.ownerRoleId(), group.rootScopeId());
        admin().when().delete(EM + "/accessPackages/" + accessPackage + "/resourceRoleScopes/" + roleScope)
                .then().statusCode(204);

        ConsumerRecord<String, String> removed = TestEvents.awaitEvent(Topics.CATALOG_EVENTS, REMOVED, accessPackage);
        assertEquals("/tessera/catalog-service", TestEvents.header(removed, "ce_source").orElseThrow());
        assertEquals("1.0", TestEvents.header(removed, "ce_specversion").orElse("1.0"));
        JsonNode payload = mapper.readTree(removed.value());
        assertEquals(accessPackage, payload.path("accessPackageId").asText());
        assertEquals(mapper.readTree("""
                {"roleId":"%s","roleDisplayName":"Owner","roleOriginId":"Owner_%s","originSystem":"AadGroup",
                 "resourceId":"%s","resourceOriginId":"%s","scopeOriginId":"%s"}"""
                .formatted(group.ownerRoleId(), group.groupId(), group.resourceId(), group.groupId(), group.groupId())),
                payload.path("resourceRole"));

        List<ConsumerRecord<String, String>> added = TestEvents.eventsNow(Topics.CATALOG_EVENTS, ADDED, accessPackage);
        assertEquals(1, added.size());
        assertEquals(1, TestEvents.eventsNow(Topics.CATALOG_EVENTS, REMOVED, accessPackage).size());
    }

    @Test
    void aRefusedRoleScopeIsNotAnnounced() {
        String catalog = Fixtures.newCatalog("Quiet " + UUID.randomUUID());
        Fixtures.Onboarded group = Fixtures.onboardNewGroup(catalog);
        String accessPackage = Fixtures.newPackage(catalog, "Quiet");
        Fixtures.addRoleScope(accessPackage, group.memberRoleId(), group.rootScopeId());
        admin().body("{\"role\":{\"id\":\"" + group.memberRoleId() + "\"},\"scope\":{\"id\":\"" + group.rootScopeId() + "\"}}")
                .when().post(EM + "/accessPackages/" + accessPackage + "/resourceRoleScopes").then().statusCode(409);
        TestEvents.awaitEvent(Topics.CATALOG_EVENTS, ADDED, accessPackage);
        assertEquals(1, TestEvents.eventsNow(Topics.CATALOG_EVENTS, ADDED, accessPackage).size());
    }

    /** request-service ends the requests still open under a deleted policy or package when it hears this. */
    @Test
    void deletingAPolicyAndThenItsPackageIsAnnouncedOnceEach() throws Exception {
        String catalog = Fixtures.newCatalog("Deleted " + UUID.randomUUID());
        String accessPackage = Fixtures.newPackage(catalog, "Going away");
        String policy = admin().body(Fixtures.tutorialPolicyBody(accessPackage, UUID.randomUUID().toString()))
                .when().post(EM + "/assignmentPolicies").then().statusCode(201).extract().path("id");
        admin().when().delete(EM + "/assignmentPolicies/" + policy).then().statusCode(204);
        admin().when().delete(EM + "/accessPackages/" + accessPackage).then().statusCode(204);

        JsonNode policyDeleted = mapper.readTree(TestEvents.awaitEvent(Topics.CATALOG_EVENTS,
                "tessera.catalog.assignmentPolicyDeleted.v1", accessPackage).value());
        assertEquals(accessPackage, policyDeleted.path("accessPackageId").asText());
        assertEquals(policy, policyDeleted.path("assignmentPolicyId").asText());
        JsonNode packageDeleted = mapper.readTree(TestEvents.awaitEvent(Topics.CATALOG_EVENTS,
                "tessera.catalog.accessPackageDeleted.v1", accessPackage).value());
        assertEquals(accessPackage, packageDeleted.path("accessPackageId").asText());
        assertEquals(true, packageDeleted.path("assignmentPolicyId").isNull());
        assertEquals("Going away", packageDeleted.path("displayName").asText());
        assertEquals(1, TestEvents.eventsNow(Topics.CATALOG_EVENTS, "tessera.catalog.assignmentPolicyDeleted.v1",
                accessPackage).size());
    }
}
