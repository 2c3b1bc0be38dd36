package dev.tessera.request.external;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The two properties of catalog-service's entitlementManagementSettings that the lifecycle acts on. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LifecycleSettings(String externalUserLifecycleAction, String durationUntilExternalUserDeletedAfterBlocked) {
}
