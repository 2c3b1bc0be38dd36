package dev.tessera.catalog.accesspackage;

import static dev.tessera.catalog.Fixtures.EM;
import static dev.tessera.catalog.Fixtures.admin;
import static dev.tessera.catalog.Fixtures.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.tessera.catalog.FakeOriginApis;
import dev.tessera.catalog.Fixtures;
import dev.tessera.testsupport.TesseraInfraResource;
import dev.tessera.testsupport.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** getApplicablePolicyRequirements: the policies a caller may request under, and what each asks for. */
@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class PolicyRequirementsTest {

    @Test
    void eachCallerSeesThePoliciesTheyMayRequestUnderWithTheirRequirements() {
        String finance = UUID.randomUUID().toString();
        String alice = FakeOriginApis.newUser("Member");
        String bob = FakeOriginApis.newUser("Member", finance);
        String guest = FakeOriginApis.newUser("Guest");
        String catalog = Fixtures.newCatalog("Requirements " + UUID.randomUUID());
        String accessPackage = Fixtures.newPackage(catalog, "Expense approvals");

        String direct = admin().body(Fixtures.tutorialPolicyBody(accessPackage, alice)).when()
                .post(EM + "/assignmentPolicies").then().statusCode(201).extract().path("id");
        String approved = admin().body("""
                {"displayName":"Finance with approval","description":"Finance members, approved by the controller",
                 "accessPackage":{"id":"%s"},"allowedTargetScope":"specificDirectoryUsers",
                 "specificAllowedTargets":[{"@odata.type":"#microsoft.graph.groupMembers","groupId":"%s"}],
                 "expiration":{"type":"afterDuration","duration":"P90D"},
                 "requestorSettings":{"enableTargetsToSelfAddAccess":true,"allowCustomAssignmentSchedule":true},
                 "requestApprovalSettings":{"isApprovalRequiredForAdd":true,"isRequestorJustificationRequired":true,
                   "stages":[{"durationBeforeAutomaticDenial":"P2D",
                     "primaryApprovers":[{"@odata.type":"#microsoft.graph.singleUser","userId":"%s"}]}]},
                 "questions":[{"@odata.type":"#microsoft.graph.accessPackageTextInputQuestion","text":"Cost centre?",
                   "isRequired":true}]}
                """.formatted(accessPackage, finance, UUID.randomUUID())).when().post(EM + "/assignmentPolicies")
                .then().statusCode(201).extract().path("id");
        admin().body("""
                {"displayName":"Everyone, but not by themselves","accessPackage":{"id":"%s"},"allowedTargetScope":"allMemberUsers",
                 "expiration":{"type":"noExpiration"},"requestorSettings":{"enableTargetsToSelfAddAccess":false}}
                """.formatted(accessPackage)).when().post(EM + "/assignmentPolicies").then().statusCode(201);
        String path = EM + "/accessPackages/" + accessPackage + "/getApplicablePolicyRequirements";

        as(Tokens.user(alice)).when().post(path).then().statusCode(200)
                .body("value", hasSize(1)).body("value[0].policyId", equalTo(direct))
                .body("value[0].policyDisplayName", equalTo("Specific users"))
                .body("value[0].isApprovalRequiredForAdd", equalTo(false))
                .body("value[0].allowCustomAssignmentSchedule", equalTo(false))
                .body("value[0].schedule.expiration.type", equalTo("afterDuration"))
                .body("value[0].schedule.expiration.duration", equalTo("P30D"))
                .body("value[0].questions", hasSize(0));
        as(Tokens.user(bob)).when().post(path).then().statusCode(200)
                .body("value.policyId", equalTo(List.of(approved)))
                .body("value[0].isApprovalRequiredForAdd", equalTo(true))
                .body("value[0].isRequestorJustificationRequired", equalTo(true))
                .body("value[0].allowCustomAssignmentSchedule", equalTo(true))
                .body("value[0].policyDescription", equalTo("Finance members, approved by the controller"))
                .body("value[0].questions[0].text", equalTo("Cost centre?"));
        as(Tokens.user(guest)).when().post(path).then().statusCode(200).body("value", hasSize(0));
        as(Tokens.user(UUID.randomUUID().toString())).when().post(path).then().statusCode(200).body("value", hasSize(0));
        as(Tokens.user(alice)).when().post(EM + "/accessPackages/" + UUID.randomUUID() + "/getApplicablePolicyRequirements")
                .then().statusCode(404);
    }
}
