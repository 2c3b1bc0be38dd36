package dev.tessera.catalog.settings;

/** PATCH body of the settings; every property is optional. */
public record SettingsBody(ExternalUserLifecycleAction externalUserLifecycleAction,
        String durationUntilExternalUserDeletedAfterBlocked) {
}
