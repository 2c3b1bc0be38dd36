package dev.tessera.catalog.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tessera.catalog.accesspackage.AccessPackageJson;
import dev.tessera.catalog.catalog.CatalogJson;
import java.time.Instant;
import java.util.List;

/**
 * accessPackageAssignmentPolicy on the wire. {@code accessPackage}, {@code catalog} and
 * {@code questions} and {@code customExtensionStageSettings} are navigation properties: present only
 * when expanded (or created/replaced).
 */
public record PolicyJson(
        String id,
        String displayName,
        String description,
        AllowedTargetScope allowedTargetScope,
        List<SubjectSet> specificAllowedTargets,
        ExpirationPattern expiration,
        RequestorSettings requestorSettings,
        RequestApprovalSettings requestApprovalSettings,
        ReviewSettings reviewSettings,
        AutomaticRequestSettings automaticRequestSettings,
        NotificationSettings notificationSettings,
        Instant createdDateTime,
        Instant modifiedDateTime,
        @JsonInclude(JsonInclude.Include.NON_NULL) AccessPackageJson accessPackage,
        @JsonInclude(JsonInclude.Include.NON_NULL) CatalogJson catalog,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<Question> questions,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<CustomExtensionStageSetting> customExtensionStageSettings) {

    public PolicyJson withAccessPackage(AccessPackageJson expanded) {
        return new PolicyJson(id, displayName, description, allowedTargetScope, specificAllowedTargets, expiration,
                requestorSettings, requestApprovalSettings, reviewSettings, automaticRequestSettings,
                notificationSettings, createdDateTime, modifiedDateTime, expanded, catalog, questions,
                customExtensionStageSettings);
    }

    public PolicyJson withStageSettings(List<CustomExtensionStageSetting> settings) {
        return new PolicyJson(id, displayName, description, allowedTargetScope, specificAllowedTargets, expiration,
                requestorSettings, requestApprovalSettings, reviewSettings, automaticRequestSettings,
                notificationSettings, createdDateTime, modifiedDateTime, accessPackage, catalog, questions, settings);
    }

    public PolicyJson withCatalog(CatalogJson expanded) {
        return new PolicyJson(id, displayName, description, allowedTargetScope, specificAllowedTargets, expiration,
                requestorSettings, requestApprovalSettings, reviewSettings, automaticRequestSettings,
                notificationSettings, createdDateTime, modifiedDateTime, accessPackage, expanded, questions,
                customExtensionStageSettings);
    }
}
