package dev.tessera.platform.messaging.events;

import java.util.UUID;

/**
 * {@value EventTypes#ASSIGNMENT_POLICY_DELETED} / {@value EventTypes#ACCESS_PACKAGE_DELETED} on
 * {@value Topics#CATALOG_EVENTS} (key = access package id): an assignment policy ({@code assignmentPolicyId}
 * set) or an access package ({@code assignmentPolicyId} null) was deleted, so request-service ends the
 * requests still open under it. {@code displayName} is the deleted object's, for the reason it shows.
 */
public record CatalogObjectDeleted(UUID accessPackageId, UUID assignmentPolicyId, String displayName) {
}
