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
        List<Question> questions,
        List<CustomExtensionStageSetting> customExtensionStageSettings) {

    /** A body without custom extension stage settings (they stay as they are on a PUT). */
    public PolicyBody(String displayName, String description, IdRef accessPackage,
            AllowedTargetScope allowedTargetScope, List<SubjectSet> specificAllowedTargets, ExpirationPattern expiration,
            RequestorSettings requestorSettings, RequestApprovalSettings requestApprovalSettings,
            ReviewSettings reviewSettings, AutomaticRequestSettings automaticRequestSettings,
            NotificationSettings notificationSettings, List<Question> questions) {
        this(displayName, description, accessPackage, allowedTargetScope, specificAllowedTargets, expiration,
                requestorSettings, requestApprovalSettings, reviewSettings, automaticRequestSettings,
                notificationSettings, questions, null);
    }

    public record IdRef(String id) {
    }
}
