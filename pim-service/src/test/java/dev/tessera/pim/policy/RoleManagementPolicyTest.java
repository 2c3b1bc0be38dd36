package dev.tessera.pim.policy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import dev.tessera.common.DirectoryRoles;
import dev.tessera.pim.FakeDirectory;
import dev.tessera.testsupport.MutableClock;
import dev.tessera.testsupport.TesseraInfraResource;
import dev.tessera.testsupport.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Role management policies: the documented defaults, PATCH of a rule (204) changing what the next
 * request must satisfy, and bad changes refused without effect. Each test changes the policy of its
 * own custom role, so no other test sees the change.
 */
@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class RoleManagementPolicyTest {

    static final String POLICIES = "/v1.0/policies/roleManagementPolicies";
    static final String POLICY_ASSIGNMENTS = "/v1.0/policies/roleManagementPolicyAssignments";
    static final String D = "/v1.0/roleManagement/directory/";
    static final String SCOPE = "scopeId eq '/' and scopeType eq 'DirectoryRole'";

    @Inject
    MutableClock clock;

    final String praId = UUID.randomUUID().toString();
    final String pra = Tokens.admin(praId, "Privileged Role Administrator");
    final String user = FakeDirectory.newUser();

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    ValidatableResponse post(String token, String path, String body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).when().post(path).then();
    }

    ValidatableResponse patchRule(String token, String policyId, String ruleId, String body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .when().patch(POLICIES + "/" + policyId + "/rules/" + ruleId).then();
    }

    String customRole() {
        return post(pra, D + "roleDefinitions", """
                {"displayName":"Policy test %s","isEnabled":true,
                 "rolePermissions":[{"allowedResourceActions":["microsoft.directory/groups/members/update"]}]}
                """.formatted(UUID.randomUUID())).statusCode(201).extract().path("id");
    }

    String policyOf(String roleId) {
        return given().auth().oauth2(pra).queryParam("$filter", SCOPE + " and roleDefinitionId eq '" + roleId + "'")
                .when().get(POLICY_ASSIGNMENTS).then().statusCode(200).body("value", hasSize(1))
                .extract().path("value[0].policyId");
    }

    void makeEligible(String roleId) {
        post(pra, D + "roleEligibilityScheduleRequests", """
                {"action":"adminAssign","justification":"rota","roleDefinitionId":"%s","directoryScopeId":"/",
                 "principalId":"%s","scheduleInfo":{"expiration":{"type":"noExpiration"}}}
                """.formatted(roleId, user)).statusCode(201);
    }

    ValidatableResponse activate(String token, String roleId, String duration, String ticket) {
        return post(token, D + "roleAssignmentScheduleRequests", """
                {"action":"selfActivate","principalId":"%s","roleDefinitionId":"%s","directoryScopeId":"/",
                 "justification":"incident 42","scheduleInfo":{"startDateTime":"%s","expiration":{"type":"AfterDuration","duration":"%s"}},
                 "ticketInfo":{"ticketNumber":%s,"ticketSystem":"ServiceNow"}}
                """.formatted(user, roleId, clock.instant(), duration, ticket == null ? "null" : "\"" + ticket + "\""));
    }

    String mfa() {
        return Tokens.builder(user).mfa(true).sign();
    }

    static String activationMaximum(String duration) {
        return """
                {"@odata.type":"#microsoft.graph.unifiedRoleManagementPolicyExpirationRule","id":"Expiration_EndUser_Assignment",
                 "isExpirationRequired":true,"maximumDuration":"%s",
                 "target":{"caller":"EndUser","operations":["All"],"level":"Assignment","inheritableSettings":[],"enforcedSettings":[]}}
                """.formatted(duration);
    }

    @Test
    void theActivationMaximumIsBetweenThirtyMinutesAndADay() {
        String policy = policyOf(customRole());
        String rule = POLICIES + "/" + policy + "/rules/Expiration_EndUser_Assignment";
        patchRule(pra, policy, "Expiration_EndUser_Assignment", activationMaximum("PT29M")).statusCode(400)
                .body("error.target", equalTo("maximumDuration"));
        given().auth().oauth2(pra).when().get(rule).then().body("maximumDuration", equalTo("PT8H"));
        patchRule(pra, policy, "Expiration_EndUser_Assignment", activationMaximum("PT30M")).statusCode(204);
        given().auth().oauth2(pra).when().get(rule).then().body("maximumDuration", equalTo("PT30M"));
        patchRule(pra, policy, "Expiration_EndUser_Assignment", activationMaximum("PT24H")).statusCode(204);
        given().auth().oauth2(pra).when().get(rule).then().body("maximumDuration", equalTo("PT24H"));
        patchRule(pra, policy, "Expiration_EndUser_Assignment", activationMaximum("PT24H1M")).statusCode(400);
    }

    @Test
    void theFirstChangeOfARuleSentSeveralTimesAtOnceIsStoredOnce() throws Exception {
        for (int round = 0; round < 3; round++) {
            String policy = policyOf(customRole());
            String maximum = "PT" + (2 + round) + "H";
            List<Integer> statuses = dev.tessera.pim.Concurrently.run(4, () -> patchRule(pra, policy,
                    "Expiration_EndUser_Assignment", activationMaximum(maximum)).extract().statusCode());
            assertEquals(List.of(204, 204, 204, 204), statuses);
            given().auth().oauth2(pra).when().get(POLICIES + "/" + policy + "/rules/Expiration_EndUser_Assignment")
                    .then().statusCode(200).body("maximumDuration", equalTo(maximum));
        }
    }

    @Test
    void onlyRoleAdministratorsAndReadersReadPolicies() {
        String policy = policyOf(DirectoryRoles.GROUPS_ADMINISTRATOR);
        String member = Tokens.user(user);
        String reader = Tokens.admin(UUID.randomUUID().toString(), "Global Reader");
        for (String path : List.of(POLICIES, POLICY_ASSIGNMENTS)) {
            given().auth().oauth2(member).queryParam("$filter", SCOPE).when().get(path).then().statusCode(403)
                    .body("error.code", equalTo("accessDenied"));
            // refused before the missing scope filter is even noticed
            given().auth().oauth2(member).when().get(path).then().statusCode(403);
            given().auth().oauth2(reader).queryParam("$filter", SCOPE).when().get(path).then().statusCode(200);
        }
        for (String path : List.of(POLICIES + "/" + policy, POLICIES + "/" + policy + "/rules",
                POLICIES + "/" + policy + "/effectiveRules/Expiration_EndUser_Assignment",
                POLICY_ASSIGNMENTS + "/" + policy + "_" + DirectoryRoles.GROUPS_ADMINISTRATOR)) {
            given().auth().oauth2(member).when().get(path).then().statusCode(403)
                    .body("error.code", equalTo("accessDenied"));
            given().auth().oauth2(reader).when().get(path).then().statusCode(200);
        }
    }

    @Test
    void listsNeedTheScopeFilterAndEveryRoleHasThe17DocumentedRules() {
        given().auth().oauth2(pra).when().get(POLICIES).then().statusCode(400)
                .body("error.message", containsString("scopeId"));
        given().auth().oauth2(pra).queryParam("$filter", "scopeId eq '/'").when().get(POLICY_ASSIGNMENTS)
                .then().statusCode(400).body("error.code", equalTo("invalidRequest"));

        given().auth().oauth2(Tokens.admin(UUID.randomUUID().toString(), "Global Reader")).queryParam("$filter", SCOPE)
                .queryParam("$expand", "rules").when().get(POLICIES).then().statusCode(200)
                .body("value.size()", greaterThanOrEqualTo(9))
                .body("value.scopeId", everyItem(equalTo("/")))
                .body("value.scopeType", everyItem(equalTo("DirectoryRole")))
                .body("value.id", everyItem(allOf(containsString("DirectoryRole_"), not(containsString(" ")))))
                .body("value[0].rules", hasSize(17));
        given().auth().oauth2(pra).queryParam("$filter", "scopeId eq '/' and scopeType eq 'DirectoryRole' and scopeId eq '/x'")
                .when().get(POLICIES).then().statusCode(200).body("value", hasSize(0));

        String ga = DirectoryRoles.GLOBAL_ADMINISTRATOR;
        ValidatableResponse assignment = given().auth().oauth2(pra)
                .queryParam("$filter", SCOPE + " and roleDefinitionId eq '" + ga + "'")
                .queryParam("$expand", "policy($expand=rules)")
                .when().get(POLICY_ASSIGNMENTS).then().statusCode(200).body("value", hasSize(1))
                .body("value[0].roleDefinitionId", equalTo(ga))
                .body("value[0].policy.rules", hasSize(17));
        String policyId = assignment.extract().path("value[0].policyId");
        assignment.body("value[0].id", equalTo(policyId + "_" + ga))
                .body("value[0].policy.rules.find { it.id == 'Expiration_EndUser_Assignment' }.maximumDuration", equalTo("PT8H"))
                .body("value[0].policy.rules.find { it.id == 'Expiration_EndUser_Assignment' }.isExpirationRequired", equalTo(true))
                .body("value[0].policy.rules.find { it.id == 'Expiration_Admin_Eligibility' }.maximumDuration", equalTo("P365D"))
                .body("value[0].policy.rules.find { it.id == 'Expiration_Admin_Assignment' }.maximumDuration", equalTo("P180D"))
                .body("value[0].policy.rules.find { it.id == 'Enablement_EndUser_Assignment' }.enabledRules",
                        equalTo(java.util.List.of("MultiFactorAuthentication", "Justification")))
                .body("value[0].policy.rules.find { it.id == 'Approval_EndUser_Assignment' }.setting.isApprovalRequired", equalTo(false))
                .body("value[0].policy.rules.find { it.id == 'Notification_Approver_EndUser_Assignment' }.recipientType", equalTo("Approver"))
                .body("value[0].policy.rules.find { it.id == 'Expiration_Admin_Eligibility' }.'@odata.type'",
                        equalTo("#microsoft.graph.unifiedRoleManagementPolicyExpirationRule"))
                .body("value[0].policy.rules.find { it.id == 'Expiration_Admin_Eligibility' }.target.level", equalTo("Eligibility"));

        given().auth().oauth2(pra).when().get(POLICY_ASSIGNMENTS + "/" + policyId + "_" + ga).then().statusCode(200)
                .body("policyId", equalTo(policyId));
        given().auth().oauth2(pra).when().get(POLICIES + "/" + policyId + "/rules/Enablement_Admin_Assignment").then()
                .statusCode(200).body("enabledRules", equalTo(java.util.List.of("Justification")))
                .body("target.caller", equalTo("Admin"));
        given().auth().oauth2(pra).when().get(POLICIES + "/" + policyId + "/effectiveRules").then().statusCode(200)
                .body("value", hasSize(17));
        given().auth().oauth2(pra).when().get(POLICIES + "/DirectoryRole_nope").then().statusCode(404);
        given().auth().oauth2(pra).when().get(POLICY_ASSIGNMENTS + "/" + policyId + "_" + UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void patchingTheMaximumActivationAsTheDocsShowChangesTheNextActivationOfThatRoleOnly() {
        String role = customRole();
        String policy = policyOf(role);
        makeEligible(role);

        patchRule(pra, policy, "Expiration_EndUser_Assignment", """
                {"@odata.type":"#microsoft.graph.unifiedRoleManagementPolicyExpirationRule","id":"Expiration_EndUser_Assignment",
                 "isExpirationRequired":true,"maximumDuration":"PT1H45M",
                 "target":{"caller":"EndUser","operations":["All"],"level":"Assignment","inheritableSettings":[],"enforcedSettings":[]}}
                """).statusCode(204);
        given().auth().oauth2(pra).when().get(POLICIES + "/" + policy + "/rules/Expiration_EndUser_Assignment").then()
                .statusCode(200).body("maximumDuration", equalTo("PT1H45M")).body("target.operations[0]", equalTo("all"));
        given().auth().oauth2(pra).when().get(POLICIES + "/" + policy).then().statusCode(200)
                .body("lastModifiedBy.id", equalTo(praId));

        activate(mfa(), role, "PT2H", null).statusCode(400)
                .body("error.code", equalTo("RoleAssignmentRequestPolicyValidationFailed"))
                .body("error.message", containsString("ExpirationRule"));
        activate(mfa(), role, "PT1H45M", null).statusCode(201).body("status", equalTo("Provisioned"));

        given().auth().oauth2(pra).when().get(POLICIES + "/" + policyOf(DirectoryRoles.GROUPS_ADMINISTRATOR)
                + "/rules/Expiration_EndUser_Assignment").then().statusCode(200).body("maximumDuration", equalTo("PT8H"));
    }

    @Test
    void enablementRulesDecideWhatAnActivationMustCarry() {
        String role = customRole();
        String policy = policyOf(role);
        makeEligible(role);

        patchRule(pra, policy, "Enablement_EndUser_Assignment", """
                {"@odata.type":"microsoft.graph.unifiedRoleManagementPolicyEnablementRule","enabledRules":["ticketing","Justification"]}
                """).statusCode(204);
        given().auth().oauth2(pra).when().get(POLICIES + "/" + policy + "/rules/Enablement_EndUser_Assignment").then()
                .body("enabledRules", equalTo(java.util.List.of("Ticketing", "Justification")));

        // no MFA needed any more, but a ticket is
        activate(Tokens.user(user), role, "PT1H", null).statusCode(400)
                .body("error.message", allOf(containsString("TicketingRule"), not(containsString("MfaRule"))));
        activate(Tokens.user(user), role, "PT1H", "INC-0042").statusCode(201);
    }

    @Test
    void adminExpirationRulesBindAdminAssignmentsAndUpdates() {
        String role = customRole();
        String policy = policyOf(role);
        patchRule(pra, policy, "Expiration_Admin_Eligibility", """
                {"@odata.type":"#microsoft.graph.unifiedRoleManagementPolicyExpirationRule","isExpirationRequired":true,"maximumDuration":"P30D"}
                """).statusCode(204);
        String eligibility = D + "roleEligibilityScheduleRequests";
        String body = """
                {"action":"%s","justification":"rota","roleDefinitionId":"%s","directoryScopeId":"/",
                 "principalId":"%s","scheduleInfo":{"expiration":%s}}
                """;
        post(pra, eligibility, body.formatted("adminAssign", role, user, "{\"type\":\"noExpiration\"}")).statusCode(400)
                .body("error.message", containsString("ExpirationRule"));
        post(pra, eligibility, body.formatted("adminAssign", role, user, "{\"type\":\"afterDuration\",\"duration\":\"P60D\"}"))
                .statusCode(400).body("error.code", equalTo("RoleAssignmentRequestPolicyValidationFailed"));
        post(pra, eligibility, body.formatted("adminAssign", role, user, "{\"type\":\"afterDuration\",\"duration\":\"P30D\"}"))
                .statusCode(201);
        post(pra, eligibility, body.formatted("adminExtend", role, user, "{\"type\":\"noExpiration\"}")).statusCode(400)
                .body("error.message", containsString("ExpirationRule"));
    }

    @Test
    void badRuleChangesAreRefusedWithAClearErrorAndChangeNothing() {
        String role = customRole();
        String policy = policyOf(role);
        String rule = "Expiration_EndUser_Assignment";
        String expiration = "{\"@odata.type\":\"#microsoft.graph.unifiedRoleManagementPolicyExpirationRule\",%s}";

        patchRule(Tokens.user(user), policy, rule, expiration.formatted("\"maximumDuration\":\"PT2H\"")).statusCode(403);
        patchRule(pra, policy, rule, "{\"maximumDuration\":\"PT2H\"}").statusCode(400)
                .body("error.message", containsString("@odata.type"));
        patchRule(pra, policy, rule, "{\"@odata.type\":\"#microsoft.graph.unifiedRoleManagementPolicyEnablementRule\","
                + "\"enabledRules\":[]}").statusCode(400);
        patchRule(pra, policy, rule, expiration.formatted("\"maximumDuration\":\"8 hours\"")).statusCode(400)
                .body("error.message", containsString("ISO-8601"));
        patchRule(pra, policy, rule, expiration.formatted("\"maximumDuration\":\"PT25H\"")).statusCode(400);
        patchRule(pra, policy, rule, expiration.formatted("\"isExpirationRequired\":false")).statusCode(400);
        patchRule(pra, policy, rule, expiration.formatted("\"maximumDuration\":\"PT2H\",\"colour\":\"red\"")).statusCode(400)
                .body("error.message", containsString("colour"));
        patchRule(pra, policy, "Enablement_EndUser_Assignment",
                "{\"@odata.type\":\"#microsoft.graph.unifiedRoleManagementPolicyEnablementRule\",\"enabledRules\":[\"Fingerprint\"]}")
                .statusCode(400).body("error.message", containsString("Fingerprint"));
        patchRule(pra, policy, "Approval_EndUser_Assignment",
                "{\"@odata.type\":\"#microsoft.graph.unifiedRoleManagementPolicyApprovalRule\",\"setting\":{\"isApprovalRequired\":true}}")
                .statusCode(400).body("error.message", containsString("primaryApprovers"));
        patchRule(pra, policy, "Notification_Admin_Admin_Eligibility",
                "{\"@odata.type\":\"#microsoft.graph.unifiedRoleManagementPolicyNotificationRule\",\"notificationRecipients\":[\"not-an-address\"]}")
                .statusCode(400);
        patchRule(pra, policy, "Expiration_Sometimes", expiration.formatted("\"maximumDuration\":\"PT2H\"")).statusCode(404);
        patchRule(pra, "DirectoryRole_nope", rule, expiration.formatted("\"maximumDuration\":\"PT2H\"")).statusCode(404);

        given().auth().oauth2(pra).when().get(POLICIES + "/" + policy + "/rules/" + rule).then().statusCode(200)
                .body("maximumDuration", equalTo("PT8H")).body("isExpirationRequired", equalTo(true));
        given().auth().oauth2(pra).when().get(POLICIES + "/" + policy).then().statusCode(200)
                .body("lastModifiedBy", equalTo(null));

        // a notification change that is valid is stored as given, in Graph's casing
        patchRule(pra, policy, "Notification_Admin_Admin_Eligibility", """
                {"@odata.type":"#microsoft.graph.unifiedRoleManagementPolicyNotificationRule","notificationLevel":"critical",
                 "isDefaultRecipientsEnabled":false,"notificationRecipients":["secops@contoso.com"]}
                """).statusCode(204);
        given().auth().oauth2(pra).when().get(POLICIES + "/" + policy + "/rules/Notification_Admin_Admin_Eligibility").then()
                .body("notificationLevel", equalTo("Critical")).body("notificationRecipients[0]", equalTo("secops@contoso.com"));
    }
}
