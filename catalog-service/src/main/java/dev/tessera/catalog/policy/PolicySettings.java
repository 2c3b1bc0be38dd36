package dev.tessera.catalog.policy;

import java.util.List;

/** The validated, defaulted settings of a policy: what is stored and what is returned. */
public record PolicySettings(
        AllowedTargetScope allowedTargetScope,
        List<SubjectSet> specificAllowedTargets,
        ExpirationPattern expiration,
        RequestorSettings requestorSettings,
        RequestApprovalSettings requestApprovalSettings,
        ReviewSettings reviewSettings,
        AutomaticRequestSettings automaticRequestSettings,
        NotificationSettings notificationSettings,
        List<Question> questions) {
}
