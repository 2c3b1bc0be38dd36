package dev.tessera.platform.messaging.events;

import java.util.UUID;

/**
 * {@value EventTypes#RESOURCE_ROLE_SCOPE_ADDED} / {@value EventTypes#RESOURCE_ROLE_SCOPE_REMOVED} on
 * {@value Topics#CATALOG_EVENTS} (key = access package id): a resource role was added to or removed
 * from an access package, so provisioning-service gives it to (or takes it from) every current assignee.
 */
public record PackageResourceRoleChanged(UUID accessPackageId, ResourceRoleRef resourceRole) {
}
