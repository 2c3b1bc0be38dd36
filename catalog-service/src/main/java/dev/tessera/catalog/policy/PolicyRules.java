package dev.tessera.catalog.policy;

import static dev.tessera.catalog.policy.SubjectSetRules.subjectSets;

import dev.tessera.platform.graph.GraphException;
import dev.tessera.platform.graph.GraphInstants;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Validates an assignment policy and fills in Graph's defaults. Pure: the current instant is passed
 * in. Every refusal is a 400 naming the offending field, e.g.
 * {@code requestApprovalSettings.stages[0].primaryApprovers}.
 */
public final class PolicyRules {

    static final int MAX_STAGES = 3;
    static final String DEFAULT_DENIAL = "P14D";
    static final String NO_ESCALATION_DELAY = "PT0S";
    /** The longest duration a policy names (expiration, approval and escalation times, grace): ten years. */
    static final Duration MAX_DURATION = Duration.ofDays(3650);
    /** Durations are stored in varchar(40) columns. */
    static final int MAX_DURATION_TEXT = 40;

    private PolicyRules() {
    }

    public static PolicySettings normalise(PolicyBody body, Instant now) {
        AllowedTargetScope scope = body.allowedTargetScope() == null ? AllowedTargetScope.notSpecified
                : body.allowedTargetScope();
        if (scope == AllowedTargetScope.unknownFutureValue) {
            throw GraphException.invalidField("allowedTargetScope",
                    "'unknownFutureValue' is not a valid value for 'allowedTargetScope'.");
        }
        List<SubjectSet> targets = subjectSets(body.specificAllowedTargets(), "specificAllowedTargets");
        if (scope.namesTargets() && targets.isEmpty()) {
            throw GraphException.invalidField("specificAllowedTargets", "allowedTargetScope '" + scope
                    + "' needs at least one entry in 'specificAllowedTargets'.");
        }
        if (scope == AllowedTargetScope.specificConnectedOrganizationUsers
                && !SubjectSetRules.namesConnectedOrganization(targets)) {
            throw GraphException.invalidField("specificAllowedTargets", "allowedTargetScope '" + scope
                    + "' needs at least one '#microsoft.graph.connectedOrganizationMembers' entry in "
                    + "'specificAllowedTargets'.");
        }
        RequestorSettings requestors = requestorSettings(body.requestorSettings());
        if (scope == AllowedTargetScope.notSpecified && requestors.enableTargetsToSelfAddAccess()) {
            // notSpecified is Graph's "for administrator direct assignments": nobody may ask for it
            throw GraphException.invalidField("requestorSettings.enableTargetsToSelfAddAccess", "allowedTargetScope "
                    + "'notSpecified' is for direct assignment by administrators only, so users cannot request it; "
                    + "choose the users who may ask in 'allowedTargetScope' or set this to false.");
        }
        return new PolicySettings(scope, targets, expiration(body.expiration(), now),
                requestors, approvalSettings(body.requestApprovalSettings()),
                reviewSettings(body.reviewSettings()), automaticSettings(body.automaticRequestSettings()),
                new NotificationSettings(body.notificationSettings() != null
                        && flag(body.notificationSettings().isAssignmentNotificationDisabled())),
                QuestionRules.questions(body.questions()));
    }

    static ExpirationPattern expiration(ExpirationPattern given, Instant now) {
        if (given == null) {
            return new ExpirationPattern(ExpirationType.noExpiration, null, null);
        }
        ExpirationType type = given.type();
        if (type == null) {
            type = given.duration() != null ? ExpirationType.afterDuration
                    : given.endDateTime() != null ? ExpirationType.afterDateTime : ExpirationType.noExpiration;
        }
        return switch (type) {
            case afterDuration -> new ExpirationPattern(type, null,
                    positiveDuration(given.duration(), "expiration.duration", null));
            case afterDateTime -> {
                Instant end = instant(given.endDateTime(), "expiration.endDateTime");
                if (!end.isAfter(now)) {
                    throw GraphException.invalidField("expiration.endDateTime",
                            "'expiration.endDateTime' must be in the future; it is " + end + ".");
                }
                yield new ExpirationPattern(type, end.toString(), null);
            }
            case noExpiration, notSpecified -> new ExpirationPattern(type, null, null);
        };
    }

    static RequestorSettings requestorSettings(RequestorSettings given) {
        RequestorSettings s = given != null ? given
                : new RequestorSettings(null, null, null, null, null, null, null, null);
        return new RequestorSettings(flag(s.enableTargetsToSelfAddAccess()), flag(s.enableTargetsToSelfUpdateAccess()),
                flag(s.enableTargetsToSelfRemoveAccess()), flag(s.allowCustomAssignmentSchedule()),
                flag(s.enableOnBehalfRequestorsToAddAccess()), flag(s.enableOnBehalfRequestorsToUpdateAccess()),
                flag(s.enableOnBehalfRequestorsToRemoveAccess()),
                subjectSets(s.onBehalfRequestors(), "requestorSettings.onBehalfRequestors"));
    }

    static RequestApprovalSettings approvalSettings(RequestApprovalSettings given) {
        RequestApprovalSettings s = given != null ? given : new RequestApprovalSettings(null, null, null, null);
        String field = "requestApprovalSettings.stages";
        List<ApprovalStage> givenStages = s.stages() == null ? List.of() : s.stages();
        if (givenStages.size() > MAX_STAGES) {
            throw GraphException.invalidField(field, "A policy has at most " + MAX_STAGES + " approval stages; got "
                    + givenStages.size() + ".");
        }
        boolean required = flag(s.isApprovalRequiredForAdd()) || flag(s.isApprovalRequiredForUpdate());
        if (required && givenStages.isEmpty()) {
            throw GraphException.invalidField(field, "Approval is required, so at least one approval stage is needed.");
        }
        List<ApprovalStage> stages = new ArrayList<>();
        for (int i = 0; i < givenStages.size(); i++) {
            stages.add(stage(givenStages.get(i), field + "[" + i + "]", required));
        }
        return new RequestApprovalSettings(flag(s.isApprovalRequiredForAdd()), flag(s.isApprovalRequiredForUpdate()),
                flag(s.isRequestorJustificationRequired()), List.copyOf(stages));
    }

    /** The most approvals a stage may require (quorum extension). */
    static final int MAX_QUORUM = 25;

    static ApprovalStage stage(ApprovalStage s, String field, boolean approvalRequired) {
        if (s == null) {
            throw GraphException.invalidField(field, "An approval stage cannot be null.");
        }
        List<SubjectSet> primary = subjectSets(s.primaryApprovers(), field + ".primaryApprovers");
        if (approvalRequired && primary.isEmpty()) {
            throw GraphException.invalidField(field + ".primaryApprovers",
                    "Each approval stage needs at least one primary approver.");
        }
        for (int i = 0; i < primary.size(); i++) {
            if (!SubjectSetRules.PRIMARY_APPROVER_TYPES.contains(primary.get(i).getClass())) {
                throw GraphException.invalidField(field + ".primaryApprovers[" + i + "]", "A primary approver is a "
                        + "singleUser, groupMembers, requestorManager, internalSponsors, externalSponsors or "
                        + "targetUserSponsors.");
            }
        }
        boolean escalation = flag(s.isEscalationEnabled());
        List<SubjectSet> escalationApprovers = subjectSets(s.escalationApprovers(), field + ".escalationApprovers");
        if (escalation && escalationApprovers.isEmpty()) {
            throw GraphException.invalidField(field + ".escalationApprovers",
                    "Escalation is enabled, so at least one escalation approver is needed.");
        }
        String escalateAfter = escalation
                ? positiveDuration(s.durationBeforeEscalation(), field + ".durationBeforeEscalation", null)
                : s.durationBeforeEscalation() == null ? NO_ESCALATION_DELAY
                : duration(s.durationBeforeEscalation(), field + ".durationBeforeEscalation");
        ApproverInformationVisibility visibility = s.approverInformationVisibility() == null
                ? ApproverInformationVisibility.DEFAULT : s.approverInformationVisibility();
        if (visibility == ApproverInformationVisibility.unknownFutureValue) {
            throw GraphException.invalidField(field + ".approverInformationVisibility",
                    "'unknownFutureValue' is not a valid value for 'approverInformationVisibility'.");
        }
        Integer quorum = s.requiredApprovals();
        if (quorum != null && (quorum < 1 || quorum > MAX_QUORUM)) {
            throw GraphException.invalidField(field + "." + ApprovalStage.REQUIRED_APPROVALS,
                    "'" + ApprovalStage.REQUIRED_APPROVALS + "' must be between 1 and " + MAX_QUORUM + "; got " + quorum + ".");
        }
        String denyAfter = positiveDuration(s.durationBeforeAutomaticDenial(), field + ".durationBeforeAutomaticDenial",
                DEFAULT_DENIAL);
        if (escalation && !before(escalateAfter, denyAfter)) {
            throw GraphException.invalidField(field + ".durationBeforeEscalation", "'durationBeforeEscalation' ("
                    + escalateAfter + ") must be shorter than 'durationBeforeAutomaticDenial' (" + denyAfter
                    + "): the stage would be denied before it is escalated.");
        }
        return new ApprovalStage(denyAfter,
                flag(s.isApproverJustificationRequired()), escalation, escalateAfter, primary,
                subjectSets(s.fallbackPrimaryApprovers(), field + ".fallbackPrimaryApprovers"), escalationApprovers,
                subjectSets(s.fallbackEscalationApprovers(), field + ".fallbackEscalationApprovers"), visibility,
                quorum);
    }

    /** Whether one ISO-8601 duration is shorter than another (true when either has no fixed length). */
    private static boolean before(String shorter, String longer) {
        return IsoDurations.parse(shorter).flatMap(a -> IsoDurations.parse(longer).map(b -> a.compareTo(b) < 0))
                .orElse(true);
    }

    static ReviewSettings reviewSettings(ReviewSettings s) {
        if (s == null) {
            return null;
        }
        ExpirationBehavior behavior = s.expirationBehavior() == null ? ExpirationBehavior.keepAccess
                : s.expirationBehavior();
        if (behavior == ExpirationBehavior.unknownFutureValue) {
            throw GraphException.invalidField("reviewSettings.expirationBehavior",
                    "'unknownFutureValue' is not a valid value for 'expirationBehavior'.");
        }
        List<SubjectSet> reviewers = subjectSets(s.primaryReviewers(), "reviewSettings.primaryReviewers");
        if (flag(s.isEnabled()) && !flag(s.isSelfReview()) && reviewers.isEmpty()) {
            throw GraphException.invalidField("reviewSettings.primaryReviewers",
                    "Reviews are enabled and not self-reviews, so at least one primary reviewer is needed.");
        }
        return new ReviewSettings(flag(s.isEnabled()), behavior, flag(s.isRecommendationEnabled()),
                flag(s.isReviewerJustificationRequired()), flag(s.isSelfReview()),
                s.schedule() == null || s.schedule().isNull() ? null : s.schedule(), reviewers,
                subjectSets(s.fallbackReviewers(), "reviewSettings.fallbackReviewers"));
    }

    static AutomaticRequestSettings automaticSettings(AutomaticRequestSettings s) {
        if (s == null) {
            return null;
        }
        String grace = s.gracePeriodBeforeAccessRemoval() == null ? null
                : duration(s.gracePeriodBeforeAccessRemoval(),
                        "automaticRequestSettings.gracePeriodBeforeAccessRemoval");
        return new AutomaticRequestSettings(flag(s.requestAccessForAllowedTargets()),
                flag(s.removeAccessWhenTargetLeavesAllowedTargets()), grace);
    }

    /** A valid, strictly positive duration, or the fallback when none was given (null fallback: required). */
    static String positiveDuration(String given, String field, String fallback) {
        if (given == null && fallback != null) {
            return fallback;
        }
        String iso = duration(given, field);
        if (IsoDurations.parse(iso).map(Duration::isZero).orElse(true)) {
            throw GraphException.invalidField(field, "'" + field + "' must be a positive duration such as P30D.");
        }
        return iso;
    }

    static String duration(String given, String field) {
        if (given == null || given.isBlank()) {
            throw GraphException.invalidField(field, "Property '" + field + "' is required, e.g. P30D.");
        }
        if (given.length() > MAX_DURATION_TEXT || IsoDurations.parse(given).isEmpty()) {
            throw GraphException.invalidField(field,
                    "'" + given + "' is not an ISO-8601 duration such as P30D or PT8H.");
        }
        if (IsoDurations.parse(given).get().compareTo(MAX_DURATION) > 0) {
            throw GraphException.invalidField(field, "Property '" + field + "' is at most " + MAX_DURATION.toDays()
                    + " days (P3650D); got '" + given + "'.");
        }
        return given.trim().toUpperCase(java.util.Locale.ROOT);
    }

    /** Graph dates carry {@code Z} or an offset; SDKs sometimes send none, which means UTC. */
    static Instant instant(String given, String field) {
        Instant instant = parseInstant(given, field);
        if (!GraphInstants.inRange(instant)) {
            throw GraphException.invalidField(field, "Property '" + field + "' must be between "
                    + "0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z; it is '" + given + "'.");
        }
        return instant;
    }

    private static Instant parseInstant(String given, String field) {
        if (given == null || given.isBlank()) {
            throw GraphException.invalidField(field, "Property '" + field + "' is required.");
        }
        try {
            return OffsetDateTime.parse(given.trim()).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(given.trim()).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException again) {
                throw GraphException.invalidField(field, "'" + given + "' is not an ISO-8601 date and time.");
            }
        }
    }

    static boolean flag(Boolean value) {
        return Boolean.TRUE.equals(value);
    }
}
