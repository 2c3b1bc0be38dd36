package dev.tessera.catalog.accesspackage;

import dev.tessera.platform.messaging.events.ResourceRoleRef;
import java.util.UUID;

/**
 * What catalog-service announces on {@code tessera.catalog.events} (key = access package id), so
 * provisioning-service can give a newly added resource role to every assignee, or take a removed one.
 */
public final class CatalogEvents {

    public static final String RESOURCE_ROLE_SCOPE_ADDED = "tessera.catalog.resourceRoleScopeAdded.v1";
    public static final String RESOURCE_ROLE_SCOPE_REMOVED = "tessera.catalog.resourceRoleScopeRemoved.v1";

    private CatalogEvents() {
    }

    /** {@value #RESOURCE_ROLE_SCOPE_ADDED}. */
    public record ResourceRoleScopeAdded(UUID accessPackageId, ResourceRoleRef resourceRole) {
    }

    /** {@value #RESOURCE_ROLE_SCOPE_REMOVED}. */
    public record ResourceRoleScopeRemoved(UUID accessPackageId, ResourceRoleRef resourceRole) {
    }
}
