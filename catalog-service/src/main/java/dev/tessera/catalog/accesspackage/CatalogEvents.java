package dev.tessera.catalog.accesspackage;

import dev.tessera.platform.messaging.events.ResourceRoleRef;
import java.util.UUID;

/** Catalog facts other services act on ({@code tessera.catalog.events}, key = access package id). */
public final class CatalogEvents {

    public static final String ROLE_SCOPE_ADDED = "tessera.catalog.resourceRoleScopeAdded.v1";
    public static final String ROLE_SCOPE_REMOVED = "tessera.catalog.resourceRoleScopeRemoved.v1";

    private CatalogEvents() {
    }

    /** A resource role added to or removed from a package: deliver it to (or take it from) every assignee. */
    public record RoleScopeChanged(UUID accessPackageId, ResourceRoleRef resourceRole) {
    }
}
