package dev.tessera.catalog.policy;

import java.util.List;

/** POST and PUT body of an accessPackageAssignmentPolicy (PUT replaces the whole policy). */
public record PolicyBody(
        String displayName,
        String description,
        IdRef accessPackage,
        AllowedTargetScope allowedTargetScope,
        List<SubjectSet> specificAllowedTargets,
        ExpirationPattern expiration,
        RequestorSettings requestorSettings,
        RequestApprovalSettings requestApprovalSettings,
        ReviewSettings reviewSettings,
        AutomaticRequestSettings automaticRequestSettings,
        NotificationSettings notificationSettings,
        List<Question> questions) {

    public record IdRef(String id) {
    }
}
