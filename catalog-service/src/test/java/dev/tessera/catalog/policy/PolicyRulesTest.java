package dev.tessera.catalog.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.platform.graph.GraphException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The policy rules without Quarkus: the clock is just an instant. */
class PolicyRulesTest {

    static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    static PolicyBody body(AllowedTargetScope scope, List<SubjectSet> targets, ExpirationPattern expiration,
            RequestApprovalSettings approval, List<Question> questions) {
        return new PolicyBody("p", null, new PolicyBody.IdRef(UUID.randomUUID().toString()), scope, targets,
                expiration, null, approval, null, null, null, questions);
    }

    static String refusedField(PolicyBody body) {
        return assertThrows(GraphException.class, () -> PolicyRules.normalise(body, NOW)).target();
    }

    @Test
    void anEmptyPolicyGetsGraphDefaults() {
        PolicySettings settings = PolicyRules.normalise(body(null, null, null, null, null), NOW);
        assertEquals(AllowedTargetScope.notSpecified, settings.allowedTargetScope());
        assertEquals(new ExpirationPattern(ExpirationType.noExpiration, null, null), settings.expiration());
        assertEquals(new RequestorSettings(false, false, false, false, false, false, false, List.of()),
                settings.requestorSettings());
        assertEquals(new RequestApprovalSettings(false, false, false, List.of()), settings.requestApprovalSettings());
        assertEquals(new NotificationSettings(false), settings.notificationSettings());
        assertEquals(List.of(), settings.questions());
    }

    @Test
    void anEndDateIsComparedWithTheGivenClockAndNormalisedToUtc() {
        ExpirationPattern oneHourLater = new ExpirationPattern(ExpirationType.afterDateTime, "2026-06-01T15:00:00+02:00",
                null);
        assertEquals("2026-06-01T13:00:00Z", PolicyRules.expiration(oneHourLater, NOW).endDateTime());
        ExpirationPattern oneHourEarlier = new ExpirationPattern(ExpirationType.afterDateTime, "2026-06-01T11:00",
                null);
        assertThrows(GraphException.class, () -> PolicyRules.expiration(oneHourEarlier, NOW));
        assertEquals(ExpirationType.afterDuration,
                PolicyRules.expiration(new ExpirationPattern(null, null, "P30D"), NOW).type());
    }

    @Test
    void specificScopesNeedTargets() {
        assertEquals("specificAllowedTargets",
                refusedField(body(AllowedTargetScope.specificDirectoryUsers, List.of(), null, null, null)));
        assertEquals("specificAllowedTargets[1].groupId", refusedField(body(AllowedTargetScope.specificDirectoryUsers,
                List.of(new SubjectSet.SingleUser(UUID.randomUUID().toString(), null),
                        new SubjectSet.GroupMembers("x", null)), null, null, null)));
        assertEquals("allowedTargetScope",
                refusedField(body(AllowedTargetScope.unknownFutureValue, null, null, null, null)));
    }

    @Test
    void specificConnectedOrganizationUsersNeedAConnectedOrganizationTarget() {
        assertEquals("specificAllowedTargets", refusedField(body(AllowedTargetScope.specificConnectedOrganizationUsers,
                List.of(new SubjectSet.SingleUser(UUID.randomUUID().toString(), null)), null, null, null)));
        String partner = UUID.randomUUID().toString();
        PolicySettings settings = PolicyRules.normalise(body(AllowedTargetScope.specificConnectedOrganizationUsers,
                List.of(new SubjectSet.ConnectedOrganizationMembers(partner.toUpperCase(), null)), null, null, null), NOW);
        assertEquals(java.util.Map.of(UUID.fromString(partner), "specificAllowedTargets[0].connectedOrganizationId"),
                SubjectSetRules.connectedOrganizations(settings));
    }

    @Test
    void connectedOrganizationsAreFoundWhereverThePolicyNamesThem() {
        UUID approverOrg = UUID.randomUUID();
        UUID reviewerOrg = UUID.randomUUID();
        SubjectSet manager = new SubjectSet.RequestorManager(null);
        ApprovalStage stage = new ApprovalStage(null, null, true, "PT1H", List.of(manager),
                List.of(new SubjectSet.ConnectedOrganizationMembers(approverOrg.toString(), null)),
                List.of(manager, new SubjectSet.ConnectedOrganizationMembers(approverOrg.toString(), null)), null, null);
        PolicyBody body = new PolicyBody("p", null, null, AllowedTargetScope.allMemberUsers, null, null, null,
                new RequestApprovalSettings(true, false, false, List.of(stage)),
                new ReviewSettings(true, null, null, null, null, null,
                        List.of(new SubjectSet.ConnectedOrganizationMembers(reviewerOrg.toString(), null)), null),
                null, null, null);
        assertEquals(java.util.Map.of(
                        approverOrg, "requestApprovalSettings.stages[0].fallbackPrimaryApprovers[0].connectedOrganizationId",
                        reviewerOrg, "reviewSettings.primaryReviewers[0].connectedOrganizationId"),
                SubjectSetRules.connectedOrganizations(PolicyRules.normalise(body, NOW)));
    }

    @Test
    void approvalNeedsAtMostThreeStagesEachWithPrimaryApprovers() {
        SubjectSet manager = new SubjectSet.RequestorManager(null);
        ApprovalStage stage = new ApprovalStage(null, null, null, null, List.of(manager), null, null, null, null);
        ApprovalStage empty = new ApprovalStage(null, null, null, null, List.of(), null, null, null, null);
        assertEquals("requestApprovalSettings.stages", refusedField(body(null, null, null,
                new RequestApprovalSettings(true, false, false, List.of(stage, stage, stage, stage)), null)));
        assertEquals("requestApprovalSettings.stages[0].primaryApprovers", refusedField(body(null, null, null,
                new RequestApprovalSettings(true, false, false, List.of(empty)), null)));
        RequestApprovalSettings notRequired = PolicyRules.approvalSettings(
                new RequestApprovalSettings(false, false, false, List.of(empty)));
        assertEquals("P14D", notRequired.stages().get(0).durationBeforeAutomaticDenial());
        SubjectSet normalised = PolicyRules.approvalSettings(new RequestApprovalSettings(true, null, null,
                List.of(stage))).stages().get(0).primaryApprovers().get(0);
        assertEquals(new SubjectSet.RequestorManager(1), normalised);
    }

    @Test
    void aStageIsEscalatedBeforeItIsDeniedOrNotAtAll() {
        List<SubjectSet> approvers = List.of(new SubjectSet.GroupMembers(UUID.randomUUID().toString(), null));
        List<SubjectSet> escalation = List.of(new SubjectSet.SingleUser(UUID.randomUUID().toString(), null));
        for (String late : new String[] {"P2D", "P3D"}) {
            ApprovalStage stage = new ApprovalStage("P2D", null, true, late, approvers, null, escalation, null, null);
            assertEquals("requestApprovalSettings.stages[0].durationBeforeEscalation", refusedField(body(null, null,
                    null, new RequestApprovalSettings(true, false, false, List.of(stage)), null)), "escalate after " + late);
        }
        ApprovalStage inTime = new ApprovalStage("P2D", null, true, "PT12H", approvers, null, escalation, null, null);
        assertEquals("PT12H", PolicyRules.approvalSettings(new RequestApprovalSettings(true, false, false,
                List.of(inTime))).stages().get(0).durationBeforeEscalation());
        ApprovalStage noEscalation = new ApprovalStage("P2D", null, false, "P5D", approvers, null, null, null, null);
        assertEquals("P2D", PolicyRules.approvalSettings(new RequestApprovalSettings(true, false, false,
                List.of(noEscalation))).stages().get(0).durationBeforeAutomaticDenial(), "unused delay is not judged");
    }

    @Test
    void notSpecifiedIsForAdministratorsSoNobodyMayAskForIt() {
        RequestorSettings selfAdd = new RequestorSettings(true, null, null, null, null, null, null, null);
        PolicyBody adminOnly = new PolicyBody("p", null, new PolicyBody.IdRef(UUID.randomUUID().toString()),
                AllowedTargetScope.notSpecified, null, null, selfAdd, null, null, null, null, null);
        assertEquals("requestorSettings.enableTargetsToSelfAddAccess", refusedField(adminOnly));
        PolicyBody allMembers = new PolicyBody("p", null, new PolicyBody.IdRef(UUID.randomUUID().toString()),
                AllowedTargetScope.allMemberUsers, null, null, selfAdd, null, null, null, null, null);
        assertTrue(PolicyRules.normalise(allMembers, NOW).requestorSettings().enableTargetsToSelfAddAccess());
    }

    @Test
    void aStageMayRequireSeveralApprovalsWithinLimits() {
        List<SubjectSet> approvers = List.of(new SubjectSet.GroupMembers(UUID.randomUUID().toString(), null));
        ApprovalStage twoOfMany = new ApprovalStage(null, null, null, null, approvers, null, null, null, null, 2);
        assertEquals(2, PolicyRules.approvalSettings(new RequestApprovalSettings(true, false, false, List.of(twoOfMany)))
                .stages().get(0).requiredApprovals());
        for (int refused : new int[] {0, -1, 26}) {
            ApprovalStage stage = new ApprovalStage(null, null, null, null, approvers, null, null, null, null, refused);
            assertEquals("requestApprovalSettings.stages[0].@tessera.requiredApprovals", refusedField(body(null, null,
                    null, new RequestApprovalSettings(true, false, false, List.of(stage)), null)), "quorum " + refused);
        }
        ApprovalStage plain = new ApprovalStage(null, null, null, null, approvers, null, null, null, null);
        assertEquals(null, PolicyRules.approvalSettings(new RequestApprovalSettings(true, false, false, List.of(plain)))
                .stages().get(0).requiredApprovals(), "absent means Entra's single approval");
    }

    @Test
    void questionsGetIdsAndSequences() {
        String given = UUID.randomUUID().toString();
        List<Question> questions = QuestionRules.questions(List.of(
                new Question.TextInput(given, null, true, null, "Why?", null, null, null),
                new Question.TextInput(given, 7, null, null, "Again?", null, false, "\\d+")));
        assertEquals(given, questions.get(0).id());
        assertNotEquals(given, questions.get(1).id(), "a repeated id is replaced");
        Question.TextInput second = (Question.TextInput) questions.get(1);
        assertEquals(7, second.sequence());
        assertEquals(false, second.isSingleLineQuestion());
        assertEquals(0, ((Question.TextInput) questions.get(0)).sequence());
    }

    @Test
    void membershipRulesAreKeptOnlyInTheSyntaxTesseraEvaluates() {
        assertEquals(1, SubjectSetRules.subjectSets(List.of(new SubjectSet.AttributeRuleMembers("Sales",
                "(user.department -eq \"Sales\") -and (user.accountEnabled -eq true)")), "specificAllowedTargets").size());
        GraphException refused = assertThrows(GraphException.class, () -> SubjectSetRules.subjectSets(
                List.of(new SubjectSet.AttributeRuleMembers("Sales", "user.department -match \"Sa.*\"")),
                "specificAllowedTargets"));
        assertEquals("specificAllowedTargets[0].membershipRule", refused.target());
        assertTrue(refused.getMessage().contains("-match"), refused.getMessage());
        assertEquals("specificAllowedTargets[0].membershipRule", assertThrows(GraphException.class,
                () -> SubjectSetRules.subjectSets(List.of(new SubjectSet.AttributeRuleMembers("x", " ")),
                        "specificAllowedTargets")).target());
    }

    @Test
    void aDeeplyNestedOrOverlongMembershipRuleIsAGraphErrorNamingTheProperty() {
        for (String rule : List.of("(".repeat(100_000), "(".repeat(40) + "user.department -eq \"Sales\"" + ")".repeat(40),
                "-not ".repeat(100) + "user.department -eq \"Sales\"")) {
            GraphException refused = assertThrows(GraphException.class, () -> SubjectSetRules.subjectSets(
                    List.of(new SubjectSet.AttributeRuleMembers("Sales", rule)), "requestorSettings.onBehalfRequestors"));
            assertEquals(400, refused.status());
            assertEquals("requestorSettings.onBehalfRequestors[0].membershipRule", refused.target());
        }
    }

    @Test
    void unknownSubjectSetTypesAreNamedInTheError() {
        GraphException refused = assertThrows(GraphException.class, () -> SubjectSetRules.subjectSets(
                List.of(new SubjectSet.Unknown("#microsoft.graph.everyone")), "specificAllowedTargets"));
        assertEquals("specificAllowedTargets[0]", refused.target());
        assertTrue(refused.getMessage().contains("everyone"));
        assertTrue(IsoDurations.parse("PT1S").map(d -> d.compareTo(Duration.ZERO) > 0).orElse(false));
    }
}
