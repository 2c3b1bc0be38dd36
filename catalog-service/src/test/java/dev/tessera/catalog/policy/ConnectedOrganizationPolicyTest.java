package dev.tessera.catalog.policy;

import static dev.tessera.catalog.Fixtures.EM;
import static dev.tessera.catalog.Fixtures.GENERAL;
import static dev.tessera.catalog.Fixtures.admin;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tessera.catalog.Fixtures;
import dev.tessera.testsupport.TesseraInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Policies that name connected organizations, and organizations that policies name. */
@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class ConnectedOrganizationPolicyTest {

    static final String ORGS = EM + "/connectedOrganizations";
    static final String POLICIES = EM + "/assignmentPolicies";

    String accessPackage;

    @BeforeEach
    void aPackage() {
        accessPackage = Fixtures.newPackage(GENERAL, "Partners " + UUID.randomUUID());
    }

    static String members(String organizationId) {
        return "{\"@odata.type\":\"#microsoft.graph.connectedOrganizationMembers\",\"connectedOrganizationId\":\""
                + organizationId + "\",\"description\":\"partner users\"}";
    }

    String forOrganizations(String name, String... targets) {
        return "{\"displayName\":\"" + name + "\",\"accessPackage\":{\"id\":\"" + accessPackage + "\"},"
                + "\"allowedTargetScope\":\"specificConnectedOrganizationUsers\",\"specificAllowedTargets\":["
                + String.join(",", targets) + "]}";
    }

    List<String> policiesOfPackage() {
        return admin().queryParam("$filter", "accessPackage/id eq '" + accessPackage + "'").when().get(POLICIES)
                .then().statusCode(200).extract().path("value.displayName");
    }

    @Test
    void specificConnectedOrganizationUsersNameExistingOrganizations() {
        String partner = Fixtures.newConnectedOrganization("Partner " + UUID.randomUUID(), "proposed");
        admin().body(forOrganizations("by organization", members(partner))).when().post(POLICIES)
                .then().statusCode(201)
                .body("allowedTargetScope", equalTo("specificConnectedOrganizationUsers"))
                .body("specificAllowedTargets[0].'@odata.type'", equalTo("#microsoft.graph.connectedOrganizationMembers"))
                .body("specificAllowedTargets[0].connectedOrganizationId", equalTo(partner));

        String missing = UUID.randomUUID().toString();
        admin().body(forOrganizations("missing", members(partner), members(missing))).when().post(POLICIES)
                .then().statusCode(400)
                .body("error.target", equalTo("specificAllowedTargets[1].connectedOrganizationId"))
                .body("error.message", containsString(missing));
        admin().body(forOrganizations("not a guid", members("partner"))).when().post(POLICIES)
                .then().statusCode(400).body("error.target", equalTo("specificAllowedTargets[0].connectedOrganizationId"));
        assertEquals(List.of("by organization"), policiesOfPackage());
    }

    @Test
    void specificConnectedOrganizationUsersNeedAConnectedOrganizationTarget() {
        String user = "{\"@odata.type\":\"#microsoft.graph.singleUser\",\"userId\":\"" + UUID.randomUUID() + "\"}";
        admin().body(forOrganizations("users only", user)).when().post(POLICIES)
                .then().statusCode(400).body("error.target", equalTo("specificAllowedTargets"))
                .body("error.message", containsString("connectedOrganizationMembers"));
        admin().body(forOrganizations("nothing")).when().post(POLICIES)
                .then().statusCode(400).body("error.target", equalTo("specificAllowedTargets"));
        assertEquals(List.of(), policiesOfPackage());
    }

    @Test
    void organizationsNamedAsApproversMustExistToo() {
        String missing = UUID.randomUUID().toString();
        String approver = "{\"@odata.type\":\"#microsoft.graph.singleUser\",\"userId\":\"" + UUID.randomUUID() + "\"}";
        admin().body("{\"displayName\":\"escalate to partner\",\"accessPackage\":{\"id\":\"" + accessPackage + "\"},"
                        + "\"allowedTargetScope\":\"allMemberUsers\",\"requestApprovalSettings\":{"
                        + "\"isApprovalRequiredForAdd\":true,\"stages\":[{\"primaryApprovers\":[" + approver + "],"
                        + "\"fallbackPrimaryApprovers\":[" + members(missing) + "]}]}}")
                .when().post(POLICIES).then().statusCode(400)
                .body("error.target", equalTo("requestApprovalSettings.stages[0].fallbackPrimaryApprovers[0]"
                        + ".connectedOrganizationId"));
        assertEquals(List.of(), policiesOfPackage());
    }

    @Test
    void putChecksTheOrganizationsItNamesLikePost() {
        String partner = Fixtures.newConnectedOrganization("Put partner " + UUID.randomUUID(), "configured");
        String id = admin().body(forOrganizations("v1", members(partner))).when().post(POLICIES)
                .then().statusCode(201).extract().path("id");
        admin().body(forOrganizations("v2", members(UUID.randomUUID().toString()))).when().put(POLICIES + "/" + id)
                .then().statusCode(400).body("error.target", equalTo("specificAllowedTargets[0].connectedOrganizationId"));
        admin().when().get(POLICIES + "/" + id).then().statusCode(200).body("displayName", equalTo("v1"));
    }

    @Test
    void allConfiguredConnectedOrganizationUsersNeedsAConfiguredOrganization() {
        String body = "{\"displayName\":\"all partners\",\"accessPackage\":{\"id\":\"" + accessPackage + "\"},"
                + "\"allowedTargetScope\":\"AllConfiguredConnectedOrganizationUsers\"}";
        // Other tests share the database: park every configured organization as proposed, then restore it.
        List<String> parked = configuredOrganizations();
        try {
            for (String id : parked) {
                admin().body("{\"state\":\"proposed\"}").when().patch(ORGS + "/" + id).then().statusCode(204);
            }
            Fixtures.newConnectedOrganization("Only proposed " + UUID.randomUUID(), "proposed");
            admin().body(body).when().post(POLICIES).then().statusCode(400)
                    .body("error.target", equalTo("allowedTargetScope"))
                    .body("error.message", containsString("configured"));
            assertEquals(List.of(), policiesOfPackage());
        } finally {
            for (String id : parked) {
                admin().body("{\"state\":\"configured\"}").when().patch(ORGS + "/" + id).then().statusCode(204);
            }
        }
        Fixtures.newConnectedOrganization("Configured " + UUID.randomUUID(), "configured");
        admin().body(body).when().post(POLICIES).then().statusCode(201)
                .body("allowedTargetScope", equalTo("allConfiguredConnectedOrganizationUsers"));
    }

    static List<String> configuredOrganizations() {
        return admin().queryParam("$filter", "state eq 'configured'").queryParam("$top", 999).when().get(ORGS)
                .then().statusCode(200).body("'@odata.nextLink'", nullValue()).extract().path("value.id");
    }

    @Test
    void anOrganizationAPolicyNamesCannotBeDeleted() {
        String partnerName = "Guarded " + UUID.randomUUID();
        String partner = Fixtures.newConnectedOrganization(partnerName, "configured");
        String target = admin().body(forOrganizations("Targets partner", members(partner))).when().post(POLICIES)
                .then().statusCode(201).extract().path("id");
        admin().when().delete(ORGS + "/" + partner).then().statusCode(409)
                .body("error.code", equalTo("ConnectedOrganizationInUse"))
                .body("error.message", containsString("Targets partner"))
                .body("error.message", containsString(target))
                .body("error.message", containsString(partnerName));

        // Replaced without the organization as target, but naming it as an escalation approver.
        String approver = "{\"@odata.type\":\"#microsoft.graph.singleUser\",\"userId\":\"" + UUID.randomUUID() + "\"}";
        admin().body("{\"displayName\":\"Escalates to partner\",\"allowedTargetScope\":\"allMemberUsers\","
                        + "\"requestApprovalSettings\":{\"isApprovalRequiredForAdd\":true,\"stages\":[{"
                        + "\"primaryApprovers\":[" + approver + "],\"isEscalationEnabled\":true,"
                        + "\"durationBeforeEscalation\":\"PT12H\",\"escalationApprovers\":[" + members(partner) + "]}]}}")
                .when().put(POLICIES + "/" + target).then().statusCode(200);
        admin().when().delete(ORGS + "/" + partner).then().statusCode(409)
                .body("error.message", containsString("Escalates to partner"));

        admin().body("{\"displayName\":\"No partner\",\"allowedTargetScope\":\"allMemberUsers\"}")
                .when().put(POLICIES + "/" + target).then().statusCode(200);
        admin().when().delete(ORGS + "/" + partner).then().statusCode(204);
        admin().when().get(ORGS + "/" + partner).then().statusCode(404);
    }

    @Test
    void everyPolicyNamingTheOrganizationKeepsItAndDeletingThemFreesIt() {
        String partner = Fixtures.newConnectedOrganization("Twice named " + UUID.randomUUID(), "configured");
        String first = admin().body(forOrganizations("First naming", members(partner))).when().post(POLICIES)
                .then().statusCode(201).extract().path("id");
        String second = admin().body("{\"displayName\":\"Second naming\",\"accessPackage\":{\"id\":\"" + accessPackage
                        + "\"},\"requestorSettings\":{\"enableOnBehalfRequestorsToAddAccess\":true,"
                        + "\"onBehalfRequestors\":[" + members(partner) + "]}}")
                .when().post(POLICIES).then().statusCode(201).extract().path("id");
        admin().when().delete(ORGS + "/" + partner).then().statusCode(409)
                .body("error.message", containsString("First naming"))
                .body("error.message", containsString("Second naming"));
        admin().when().delete(POLICIES + "/" + first).then().statusCode(204);
        admin().when().delete(ORGS + "/" + partner).then().statusCode(409)
                .body("error.message", containsString(second));
        admin().when().delete(POLICIES + "/" + second).then().statusCode(204);
        admin().when().delete(ORGS + "/" + partner).then().statusCode(204);
        admin().queryParam("$filter", "id eq '" + partner + "'").when().get(ORGS).then().body("value", hasSize(0));
    }
}
