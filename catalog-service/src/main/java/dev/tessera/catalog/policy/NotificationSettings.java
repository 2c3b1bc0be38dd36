package dev.tessera.catalog.policy;

/** Graph {@code accessPackageNotificationSettings}. */
public record NotificationSettings(Boolean isAssignmentNotificationDisabled) {
}
