package dev.tessera.catalog.settings;

/** entitlementManagementSettings on the wire. */
public record SettingsJson(String id, ExternalUserLifecycleAction externalUserLifecycleAction,
        String durationUntilExternalUserDeletedAfterBlocked) {

    static SettingsJson of(EntitlementManagementSettings s) {
        return new SettingsJson(s.id.toString(), s.externalUserLifecycleAction,
                s.durationUntilExternalUserDeletedAfterBlocked);
    }
}
