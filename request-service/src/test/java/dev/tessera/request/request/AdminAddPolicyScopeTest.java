package dev.tessera.request.request;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.request.fake.FakeCatalogApi;
import dev.tessera.request.fake.FakeConnectedOrganizationApi;
import dev.tessera.request.fake.FakeDirectoryApi;
import dev.tessera.testsupport.TesseraInfraResource;
import dev.tessera.testsupport.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An adminAdd assigns only a target the policy's allowedTargetScope admits (the same evaluator as a
 * userAdd); an admin-only policy ({@code notSpecified}) admits anyone. A refusal is a 400 naming the
 * rule, and nothing is created. Under a policy with questions, the administrator gives the answers.
 */
@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class AdminAddPolicyScopeTest {

    static final String EM = "/v1.0/identityGovernance/entitlementManagement";
    static final ObjectMapper MAPPER = new ObjectMapper();

    String adminToken;
    String member;
    String guest;

    @BeforeEach
    void people() {
        adminToken = Tokens.admin(UUID.randomUUID().toString(), "Identity Governance Administrator");
        member = UUID.randomUUID().toString();
        FakeDirectoryApi.user(member, "Member");
        guest = UUID.randomUUID().toString();
        FakeDirectoryApi.user(guest, "Guest");
    }

    @Test
    void notSpecifiedAdmitsAnyone() {
        String[] ids = policy(p -> p.put("allowedTargetScope", "notSpecified"));
        adminAdd(ids, member, "").statusCode(201);
        adminAdd(ids, guest, "").statusCode(201);
    }

    @Test
    void allMemberUsersAdmitsMembersOnly() {
        String[] ids = policy(p -> p.put("allowedTargetScope", "allMemberUsers"));
        refused(adminAdd(ids, guest, ""), guest, ids);
        adminAdd(ids, member, "").statusCode(201);
    }

    @Test
    void allDirectoryUsersAdmitsMembersAndGuests() {
        String[] ids = policy(p -> p.put("allowedTargetScope", "allDirectoryUsers"));
        adminAdd(ids, member, "").statusCode(201);
        adminAdd(ids, guest, "").statusCode(201);
    }

    @Test
    void allExternalUsersAdmitsGuestsOnly() {
        String[] ids = policy(p -> p.put("allowedTargetScope", "allExternalUsers"));
        refused(adminAdd(ids, member, ""), member, ids);
        adminAdd(ids, guest, "").statusCode(201);
    }

    @Test
    void specificDirectoryUsersAdmitsTheNamedUserAndTheGroupsMembers() {
        String group = UUID.randomUUID().toString();
        String inGroup = UUID.randomUUID().toString();
        FakeDirectoryApi.user(inGroup, "Member", group);
        String[] ids = policy(p -> {
            p.put("allowedTargetScope", "specificDirectoryUsers");
            ArrayNode targets = p.putArray("specificAllowedTargets");
            targets.addObject().put("@odata.type", "#microsoft.graph.singleUser").put("userId", member);
            targets.addObject().put("@odata.type", "#microsoft.graph.groupMembers").put("groupId", group);
        });
        String outsider = UUID.randomUUID().toString();
        FakeDirectoryApi.user(outsider, "Member", UUID.randomUUID().toString());
        refused(adminAdd(ids, outsider, ""), outsider, ids);
        adminAdd(ids, member, "").statusCode(201);
        adminAdd(ids, inGroup, "").statusCode(201);
    }

    @Test
    void connectedOrganizationScopesAdmitGuestsOfTheirOrganizations() {
        String domain = "p" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        String organization = UUID.randomUUID().toString();
        FakeConnectedOrganizationApi.organization(organization, "Partner", "configured", domain);
        String partnerGuest = UUID.randomUUID().toString();
        FakeDirectoryApi.userWithMail(partnerGuest, "Guest", "ann@" + domain);
        String[] configured = policy(p -> p.put("allowedTargetScope", "allConfiguredConnectedOrganizationUsers"));
        refused(adminAdd(configured, guest, ""), guest, configured);
        refused(adminAdd(configured, member, ""), member, configured);
        adminAdd(configured, partnerGuest, "").statusCode(201);

        String[] specific = policy(p -> {
            p.put("allowedTargetScope", "specificConnectedOrganizationUsers");
            p.putArray("specificAllowedTargets").addObject()
                    .put("@odata.type", "#microsoft.graph.connectedOrganizationMembers")
                    .put("connectedOrganizationId", organization);
        });
        refused(adminAdd(specific, guest, ""), guest, specific);
        adminAdd(specific, partnerGuest, "").statusCode(201);
    }

    @Test
    void anAdminAddUnderAPolicyWithQuestionsMustCarryTheRequiredAnswers() {
        String[] ids = policy(p -> {
            p.put("allowedTargetScope", "notSpecified");
            p.putArray("questions").addObject().put("@odata.type", "#microsoft.graph.accessPackageTextInputQuestion")
                    .put("id", "q-cost").put("text", "Cost centre?").put("isRequired", true)
                    .put("regexPattern", "CC-[0-9]{4}");
        });
        String answer = ",\"answers\":[{\"@odata.type\":\"#microsoft.graph.accessPackageAnswerString\",\"value\":\"%s\","
                + "\"answeredQuestion\":{\"@odata.type\":\"#microsoft.graph.accessPackageTextInputQuestion\",\"id\":\"q-cost\"}}]";
        adminAdd(ids, member, "").statusCode(400).body("error.target", equalTo("answers"))
                .body("error.message", containsString("Cost centre?"));
        adminAdd(ids, member, answer.formatted("1234")).statusCode(400).body("error.message", containsString("format"));
        nothingFor(member, ids);
        adminAdd(ids, member, answer.formatted("CC-1234")).statusCode(201).body("answers[0].value", equalTo("CC-1234"));
    }

    private void refused(ValidatableResponse response, String target, String[] ids) {
        response.statusCode(400).body("error.code", equalTo("TargetNotInPolicyScope"))
                .body("error.message", containsString("allowedTargetScope"))
                .body("error.message", containsString(target));
        nothingFor(target, ids);
    }

    /** No assignment for the target, and no request at all under the package (refusals come first). */
    private void nothingFor(String target, String[] ids) {
        given().auth().oauth2(adminToken).queryParam("$filter", "target/objectId eq '" + target
                        + "' and accessPackage/id eq '" + ids[0] + "'")
                .when().get(EM + "/assignments").then().statusCode(200).body("value", hasSize(0));
        given().auth().oauth2(adminToken).queryParam("$filter", "accessPackage/id eq '" + ids[0] + "'")
                .when().get(EM + "/assignmentRequests").then().statusCode(200)
                .body("value", hasSize(0));
    }

    /** A package with one policy shaped by {@code shape}; answers {packageId, policyId}. */
    private static String[] policy(Consumer<ObjectNode> shape) {
        String packageId = UUID.randomUUID().toString();
        String policyId = UUID.randomUUID().toString();
        ObjectNode context = MAPPER.createObjectNode();
        context.putObject("accessPackage").put("id", packageId).put("displayName", "Scoped").put("isHidden", false)
                .put("catalogId", UUID.randomUUID().toString());
        ObjectNode policy = context.putArray("policies").addObject();
        policy.put("id", policyId).put("displayName", "Scoped policy");
        policy.putObject("expiration").put("type", "noExpiration");
        policy.putObject("requestApprovalSettings").put("isApprovalRequiredForAdd", false);
        shape.accept(policy);
        context.putArray("resourceRoles");
        FakeCatalogApi.register(packageId, context);
        return new String[] {packageId, policyId};
    }

    private ValidatableResponse adminAdd(String[] ids, String target, String answers) {
        return given().auth().oauth2(adminToken).contentType(ContentType.JSON).body("""
                {"requestType":"adminAdd","assignment":{"targetId":"%s","assignmentPolicyId":"%s","accessPackageId":"%s"}%s}
                """.formatted(target, ids[1], ids[0], answers)).when().post(EM + "/assignmentRequests").then();
    }
}
