package dev.tessera.catalog.policy;

import dev.tessera.catalog.FakeRequestServiceApi;
import static dev.tessera.catalog.Fixtures.EM;
import static dev.tessera.catalog.Fixtures.GENERAL;
import static dev.tessera.catalog.Fixtures.admin;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tessera.catalog.Fixtures;
import dev.tessera.testsupport.TesseraInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class AssignmentPolicyTest {

    static final String GUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    String accessPackage;

    @BeforeEach
    void aPackage() {
        accessPackage = Fixtures.newPackage(GENERAL, "Policies " + UUID.randomUUID());
    }

    String base() {
        return "\"displayName\":\"p\",\"accessPackage\":{\"id\":\"" + accessPackage + "\"}";
    }

    void refused(String body, String field) {
        admin().body(body).when().post(EM + "/assignmentPolicies")
                .then().statusCode(400).body("error.target", equalTo(field)).body("error.message", notNullValue());
    }

    @Test
    void theWholeModelIsStoredAndEchoedInGraphShape() {
        String approver = UUID.randomUUID().toString();
        String group = UUID.randomUUID().toString();
        String end = Instant.now().plus(400, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
        String id = admin().body("""
                {%s,"description":"All of it","allowedTargetScope":"AllMemberUsers",
                 "expiration":{"type":"AfterDateTime","endDateTime":"%s"},
                 "requestorSettings":{"enableTargetsToSelfAddAccess":true,"enableOnBehalfRequestorsToAddAccess":true,
                   "onBehalfRequestors":[{"@odata.type":"microsoft.graph.groupMembers","groupId":"%s"}]},
                 "requestApprovalSettings":{"isApprovalRequiredForAdd":true,"isRequestorJustificationRequired":true,
                   "stages":[{"durationBeforeAutomaticDenial":"P2D","isApproverJustificationRequired":true,
                     "isEscalationEnabled":true,"durationBeforeEscalation":"PT12H",
                     "primaryApprovers":[{"@odata.type":"#microsoft.graph.singleUser","userId":"%s"}],
                     "escalationApprovers":[{"@odata.type":"#microsoft.graph.requestorManager"}],
                     "approverInformationVisibility":"NotVisible","@tessera.requiredApprovals":1},
                    {"primaryApprovers":[{"@odata.type":"#microsoft.graph.internalSponsors"}]}]},
                 "reviewSettings":{"isEnabled":true,"expirationBehavior":"RemoveAccess","isSelfReview":true,
                   "schedule":{"startDateTime":"2030-01-01T00:00:00Z","expiration":{"type":"afterDuration","duration":"P14D"},
                     "recurrence":{"pattern":{"type":"absoluteMonthly","interval":3},"range":{"type":"noEnd"}}}},
                 "automaticRequestSettings":{"requestAccessForAllowedTargets":true,
                   "removeAccessWhenTargetLeavesAllowedTargets":true,"gracePeriodBeforeAccessRemoval":"P7D"},
                 "notificationSettings":{"isAssignmentNotificationDisabled":true},
                 "questions":[{"@odata.type":"#microsoft.graph.accessPackageTextInputQuestion","text":"Why?",
                                "isRequired":true,"regexPattern":"[a-z]+","localizations":[{"languageCode":"fr","text":"Pourquoi ?"}]},
                              {"@odata.type":"microsoft.graph.accessPackageMultipleChoiceQuestion","text":"Team?",
                                "choices":[{"actualValue":"red","text":"Red team"},{"actualValue":"blue"}]}]}
                """.formatted(base(), end, group, approver))
                .when().post(EM + "/assignmentPolicies")
                .then().statusCode(201)
                .body("id", matchesPattern(GUID))
                .body("description", equalTo("All of it"))
                .body("allowedTargetScope", equalTo("allMemberUsers"))
                .body("specificAllowedTargets", hasSize(0))
                .body("expiration.type", equalTo("afterDateTime"))
                .body("expiration.endDateTime", equalTo(end))
                .body("requestorSettings.enableTargetsToSelfAddAccess", equalTo(true))
                .body("requestorSettings.enableTargetsToSelfRemoveAccess", equalTo(false))
                .body("requestorSettings.onBehalfRequestors[0].'@odata.type'", equalTo("#microsoft.graph.groupMembers"))
                .body("requestorSettings.onBehalfRequestors[0].groupId", equalTo(group))
                .body("requestApprovalSettings.isApprovalRequiredForAdd", equalTo(true))
                .body("requestApprovalSettings.isApprovalRequiredForUpdate", equalTo(false))
                .body("requestApprovalSettings.stages", hasSize(2))
                .body("requestApprovalSettings.stages[0].durationBeforeAutomaticDenial", equalTo("P2D"))
                .body("requestApprovalSettings.stages[0].durationBeforeEscalation", equalTo("PT12H"))
                .body("requestApprovalSettings.stages[0].approverInformationVisibility", equalTo("notVisible"))
                .body("requestApprovalSettings.stages[0].'@tessera.requiredApprovals'", equalTo(1))
                .body("requestApprovalSettings.stages[1]", not(hasKey("@tessera.requiredApprovals")))
                .body("requestApprovalSettings.stages[0].primaryApprovers[0].userId", equalTo(approver))
                .body("requestApprovalSettings.stages[0].escalationApprovers[0].'@odata.type'",
                        equalTo("#microsoft.graph.requestorManager"))
                .body("requestApprovalSettings.stages[0].escalationApprovers[0].managerLevel", equalTo(1))
                .body("requestApprovalSettings.stages[1].durationBeforeAutomaticDenial", equalTo("P14D"))
                .body("requestApprovalSettings.stages[1].durationBeforeEscalation", equalTo("PT0S"))
                .body("requestApprovalSettings.stages[1].approverInformationVisibility", equalTo("default"))
                .body("requestApprovalSettings.stages[1].fallbackPrimaryApprovers", hasSize(0))
                .body("reviewSettings.expirationBehavior", equalTo("removeAccess"))
                .body("reviewSettings.schedule.recurrence.pattern.interval", equalTo(3))
                .body("automaticRequestSettings.gracePeriodBeforeAccessRemoval", equalTo("P7D"))
                .body("notificationSettings.isAssignmentNotificationDisabled", equalTo(true))
                .body("questions", hasSize(2))
                .body("questions[0].'@odata.type'", equalTo("#microsoft.graph.accessPackageTextInputQuestion"))
                .body("questions[0].id", matchesPattern(GUID))
                .body("questions[0].sequence", equalTo(0))
                .body("questions[0].isSingleLineQuestion", equalTo(true))
                .body("questions[0].localizations[0].languageCode", equalTo("fr"))
                .body("questions[1].'@odata.type'", equalTo("#microsoft.graph.accessPackageMultipleChoiceQuestion"))
                .body("questions[1].choices[1].text", equalTo("blue"))
                .extract().path("id");

        admin().when().get(EM + "/assignmentPolicies/" + id).then().statusCode(200)
                .body("questions", nullValue()).body("accessPackage", nullValue())
                .body("requestApprovalSettings.stages[0].primaryApprovers[0].'@odata.type'",
                        equalTo("#microsoft.graph.singleUser"));
        admin().queryParam("$expand", "accessPackage,questions,catalog").when().get(EM + "/assignmentPolicies/" + id)
                .then().statusCode(200)
                .body("accessPackage.id", equalTo(accessPackage))
                .body("catalog.id", equalTo(GENERAL))
                .body("questions.text", equalTo(List.of("Why?", "Team?")));
    }

    @Test
    void everyAllowedTargetScopeIsAccepted() {
        String user = "{\"@odata.type\":\"#microsoft.graph.singleUser\",\"userId\":\"" + UUID.randomUUID() + "\"}";
        // The connected-organization scopes need an organization: one configured one, named as a target too.
        String partner = "{\"@odata.type\":\"#microsoft.graph.connectedOrganizationMembers\",\"connectedOrganizationId\":\""
                + Fixtures.newConnectedOrganization("Every scope " + UUID.randomUUID(), "configured") + "\"}";
        for (AllowedTargetScope scope : AllowedTargetScope.values()) {
            if (scope == AllowedTargetScope.unknownFutureValue) {
                continue;
            }
            String target = scope == AllowedTargetScope.specificConnectedOrganizationUsers ? partner : user;
            admin().body("{" + base() + ",\"allowedTargetScope\":\"" + scope + "\",\"specificAllowedTargets\":[" + target + "]}")
                    .when().post(EM + "/assignmentPolicies")
                    .then().statusCode(201).body("allowedTargetScope", equalTo(scope.name()));
        }
        admin().queryParam("$filter", "accessPackage/id eq '" + accessPackage + "'").queryParam("$count", true)
                .when().get(EM + "/assignmentPolicies")
                .then().statusCode(200).body("'@odata.count'", equalTo(10)).body("value", hasSize(10));
        admin().queryParam("$filter", "accessPackage/id eq '" + accessPackage + "' and allowedTargetScope eq 'allExternalUsers'")
                .when().get(EM + "/assignmentPolicies").then().statusCode(200).body("value", hasSize(1));
    }

    @Test
    void aPolicyNeedsANameAndAnExistingAccessPackage() {
        refused("{\"accessPackage\":{\"id\":\"" + accessPackage + "\"}}", "displayName");
        refused("{\"displayName\":\"p\"}", "accessPackage.id");
        refused("{\"displayName\":\"p\",\"accessPackage\":{\"id\":\"nope\"}}", "accessPackage.id");
        refused("{\"displayName\":\"p\",\"accessPackage\":{\"id\":\"" + UUID.randomUUID() + "\"}}", "accessPackage.id");
    }

    @Test
    void enumsAndTargetsAreChecked() {
        refused("{" + base() + ",\"allowedTargetScope\":\"everybody\"}", "allowedTargetScope");
        refused("{" + base() + ",\"allowedTargetScope\":\"unknownFutureValue\"}", "allowedTargetScope");
        refused("{" + base() + ",\"allowedTargetScope\":\"specificDirectoryUsers\",\"specificAllowedTargets\":[]}",
                "specificAllowedTargets");
        refused("{" + base() + ",\"specificAllowedTargets\":[{\"@odata.type\":\"#microsoft.graph.singleUser\",\"userId\":\"nope\"}]}",
                "specificAllowedTargets[0].userId");
        refused("{" + base() + ",\"specificAllowedTargets\":[{\"@odata.type\":\"#microsoft.graph.everyone\"}]}",
                "specificAllowedTargets[0]");
        refused("{" + base() + ",\"specificAllowedTargets\":[{\"userId\":\"" + UUID.randomUUID() + "\"}]}",
                "specificAllowedTargets[0]");
        refused("{" + base() + ",\"expiration\":{\"type\":\"whenever\"}}", "expiration.type");
        refused("{" + base() + ",\"reviewSettings\":{\"expirationBehavior\":\"shrug\"}}", "reviewSettings.expirationBehavior");
        refused("{" + base() + ",\"requestApprovalSettings\":{\"stages\":[{\"approverInformationVisibility\":\"loud\"}]}}",
                "requestApprovalSettings.stages[0].approverInformationVisibility");
    }

    @Test
    void expirationsMustBeValidAndInTheFuture() {
        refused("{" + base() + ",\"expiration\":{\"type\":\"afterDuration\",\"duration\":\"thirty days\"}}",
                "expiration.duration");
        refused("{" + base() + ",\"expiration\":{\"type\":\"afterDuration\",\"duration\":\"P0D\"}}", "expiration.duration");
        refused("{" + base() + ",\"expiration\":{\"type\":\"afterDuration\",\"duration\":\"-P1D\"}}", "expiration.duration");
        refused("{" + base() + ",\"expiration\":{\"type\":\"afterDuration\"}}", "expiration.duration");
        refused("{" + base() + ",\"expiration\":{\"type\":\"afterDateTime\",\"endDateTime\":\"2001-01-01T00:00:00Z\"}}",
                "expiration.endDateTime");
        refused("{" + base() + ",\"expiration\":{\"type\":\"afterDateTime\",\"endDateTime\":\"next tuesday\"}}",
                "expiration.endDateTime");
        admin().body("{" + base() + ",\"expiration\":{\"type\":\"afterDuration\",\"duration\":\"p1dt12h\"}}")
                .when().post(EM + "/assignmentPolicies").then().statusCode(201).body("expiration.duration", equalTo("P1DT12H"));
        admin().body("{" + base() + ",\"expiration\":{\"type\":\"noExpiration\",\"duration\":\"P5D\"}}")
                .when().post(EM + "/assignmentPolicies").then().statusCode(201)
                .body("expiration.type", equalTo("noExpiration")).body("expiration.duration", nullValue());
        admin().body("{" + base() + "}").when().post(EM + "/assignmentPolicies").then().statusCode(201)
                .body("expiration.type", equalTo("noExpiration")).body("allowedTargetScope", equalTo("notSpecified"))
                .body("requestorSettings.enableTargetsToSelfAddAccess", equalTo(false))
                .body("requestApprovalSettings.stages", hasSize(0)).body("reviewSettings", nullValue())
                .body("automaticRequestSettings", nullValue())
                .body("notificationSettings.isAssignmentNotificationDisabled", equalTo(false));
    }

    @Test
    void approvalStagesAreChecked() {
        String approver = "{\"@odata.type\":\"#microsoft.graph.singleUser\",\"userId\":\"" + UUID.randomUUID() + "\"}";
        String stage = "{\"primaryApprovers\":[" + approver + "]}";
        refused("{" + base() + ",\"requestApprovalSettings\":{\"isApprovalRequiredForAdd\":true,\"stages\":[]}}",
                "requestApprovalSettings.stages");
        refused("{" + base() + ",\"requestApprovalSettings\":{\"isApprovalRequiredForAdd\":true,\"stages\":["
                + String.join(",", stage, stage, stage, stage) + "]}}", "requestApprovalSettings.stages");
        refused("{" + base() + ",\"requestApprovalSettings\":{\"isApprovalRequiredForUpdate\":true,\"stages\":[" + stage
                + ",{\"primaryApprovers\":[]}]}}", "requestApprovalSettings.stages[1].primaryApprovers");
        refused("{" + base() + ",\"requestApprovalSettings\":{\"isApprovalRequiredForAdd\":true,\"stages\":[{"
                + "\"primaryApprovers\":[{\"@odata.type\":\"#microsoft.graph.targetManager\"}]}]}}",
                "requestApprovalSettings.stages[0].primaryApprovers[0]");
        refused("{" + base() + ",\"requestApprovalSettings\":{\"isApprovalRequiredForAdd\":true,\"stages\":[{"
                + "\"primaryApprovers\":[" + approver + "],\"isEscalationEnabled\":true,\"durationBeforeEscalation\":\"PT1H\"}]}}",
                "requestApprovalSettings.stages[0].escalationApprovers");
        refused("{" + base() + ",\"requestApprovalSettings\":{\"isApprovalRequiredForAdd\":true,\"stages\":[{"
                + "\"primaryApprovers\":[" + approver + "],\"durationBeforeAutomaticDenial\":\"soon\"}]}}",
                "requestApprovalSettings.stages[0].durationBeforeAutomaticDenial");
        admin().body("{" + base() + ",\"requestApprovalSettings\":{\"isApprovalRequiredForAdd\":true,\"stages\":["
                        + String.join(",", stage, stage, stage) + "]}}")
                .when().post(EM + "/assignmentPolicies").then().statusCode(201)
                .body("requestApprovalSettings.stages", hasSize(3));
    }

    @Test
    void questionsAreChecked() {
        refused("{" + base() + ",\"questions\":[{\"text\":\"No type\"}]}", "questions[0]");
        refused("{" + base() + ",\"questions\":[{\"@odata.type\":\"#microsoft.graph.accessPackageTextInputQuestion\"}]}",
                "questions[0].text");
        refused("{" + base() + ",\"questions\":[{\"@odata.type\":\"#microsoft.graph.accessPackageTextInputQuestion\","
                + "\"text\":\"x\",\"regexPattern\":\"[\"}]}", "questions[0].regexPattern");
        refused("{" + base() + ",\"questions\":[{\"@odata.type\":\"#microsoft.graph.accessPackageMultipleChoiceQuestion\","
                + "\"text\":\"x\",\"choices\":[]}]}", "questions[0].choices");
    }

    @Test
    void putReplacesTheWholePolicyKeepsQuestionIdsAndAnswers200WithTheBody() {
        String id = admin().body(Fixtures.tutorialPolicyBody(accessPackage, UUID.randomUUID().toString()))
                .when().post(EM + "/assignmentPolicies").then().statusCode(201).extract().path("id");
        String questionId = admin().body("{\"displayName\":\"v2\",\"allowedTargetScope\":\"allMemberUsers\","
                        + "\"accessPackage\":{\"id\":\"" + accessPackage + "\"},\"questions\":[{\"@odata.type\":"
                        + "\"#microsoft.graph.accessPackageTextInputQuestion\",\"text\":\"Why?\",\"isRequired\":true}]}")
                .when().put(EM + "/assignmentPolicies/" + id)
                .then().statusCode(200)
                .body("'@odata.context'", containsString("assignmentPolicies/$entity"))
                .body("id", equalTo(id)).body("displayName", equalTo("v2"))
                .body("description", nullValue())
                .body("allowedTargetScope", equalTo("allMemberUsers"))
                .body("specificAllowedTargets", hasSize(0))
                .body("expiration.type", equalTo("noExpiration"))
                .body("questions[0].id", matchesPattern(GUID))
                .extract().path("questions[0].id");
        admin().body("{\"displayName\":\"v3\",\"questions\":[{\"@odata.type\":\"#microsoft.graph.accessPackageTextInputQuestion\","
                        + "\"id\":\"" + questionId + "\",\"text\":\"Why, really?\"}]}")
                .when().put(EM + "/assignmentPolicies/" + id)
                .then().statusCode(200).body("questions[0].id", equalTo(questionId));
        admin().queryParam("$expand", "questions").when().get(EM + "/assignmentPolicies/" + id)
                .then().statusCode(200).body("displayName", equalTo("v3"))
                .body("questions[0].text", equalTo("Why, really?"));

        String other = Fixtures.newPackage(GENERAL, "Other " + UUID.randomUUID());
        admin().body("{\"displayName\":\"moved\",\"accessPackage\":{\"id\":\"" + other + "\"}}")
                .when().put(EM + "/assignmentPolicies/" + id).then().statusCode(400)
                .body("error.target", equalTo("accessPackage.id"));
        admin().body("{\"displayName\":\"x\"}").when().put(EM + "/assignmentPolicies/" + UUID.randomUUID())
                .then().statusCode(404);
    }

    @Test
    void aPolicyThatAssignmentsOrOpenRequestsUseIsNotDeleted() {
        String id = admin().body("{" + base() + "}").when().post(EM + "/assignmentPolicies")
                .then().statusCode(201).extract().path("id");
        FakeRequestServiceApi.uses(id, 3, 1);
        admin().when().delete(EM + "/assignmentPolicies/" + id).then().statusCode(409)
                .body("error.code", equalTo("PolicyInUse"))
                .body("error.message", org.hamcrest.Matchers.containsString("3 assignment(s) and 1 open request(s)"));
        admin().when().get(EM + "/assignmentPolicies/" + id).then().statusCode(200);
        FakeRequestServiceApi.uses(id, 0, 0);
        admin().when().delete(EM + "/assignmentPolicies/" + id).then().statusCode(204);
        admin().when().delete(EM + "/accessPackages/" + accessPackage).then().statusCode(204);
    }

    @Test
    void aDeletedPolicyIsGone() {
        String id = admin().body("{" + base() + "}").when().post(EM + "/assignmentPolicies")
                .then().statusCode(201).extract().path("id");
        admin().when().delete(EM + "/assignmentPolicies/" + id).then().statusCode(204);
        admin().when().get(EM + "/assignmentPolicies/" + id).then().statusCode(404).body("error.code", equalTo("itemNotFound"));
        admin().when().delete(EM + "/assignmentPolicies/" + id).then().statusCode(404);
        List<String> left = admin().queryParam("$filter", "accessPackage/id eq '" + accessPackage + "'")
                .when().get(EM + "/assignmentPolicies").then().statusCode(200).extract().path("value.id");
        assertEquals(List.of(), left);
    }
}
