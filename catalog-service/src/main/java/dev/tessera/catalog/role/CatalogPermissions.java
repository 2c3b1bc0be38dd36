package dev.tessera.catalog.role;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The decision table of delegated entitlement management, pure so it can be tested alone: which
 * catalog-scoped roles allow which action in their catalog. Tenant-wide administrators and readers
 * are decided before this table is asked (see {@link CatalogAccess}).
 */
public final class CatalogPermissions {

    private static final Map<EmRole, Set<CatalogAction>> TABLE = Map.of(
            EmRole.CATALOG_OWNER, EnumSet.allOf(CatalogAction.class),
            EmRole.CATALOG_READER, EnumSet.of(CatalogAction.READ),
            EmRole.ACCESS_PACKAGE_MANAGER, EnumSet.of(CatalogAction.READ, CatalogAction.MANAGE_PACKAGES,
                    CatalogAction.MANAGE_ASSIGNMENTS),
            EmRole.ACCESS_PACKAGE_ASSIGNMENT_MANAGER, EnumSet.of(CatalogAction.READ, CatalogAction.MANAGE_ASSIGNMENTS),
            EmRole.CATALOG_CREATOR, EnumSet.noneOf(CatalogAction.class));

    private CatalogPermissions() {
    }

    /** Whether any of these roles, held in a catalog, allows the action in that catalog. */
    public static boolean allows(Set<EmRole> rolesInCatalog, CatalogAction action) {
        return rolesInCatalog.stream().anyMatch(role -> TABLE.get(role).contains(action));
    }

    /**
     * The whole decision: a tenant-wide EM administrator may do everything, a tenant-wide EM reader
     * may read everything, anyone else what their roles in that catalog allow.
     */
    public static boolean allows(boolean entitlementAdmin, boolean entitlementReader, Set<EmRole> rolesInCatalog,
            CatalogAction action) {
        if (entitlementAdmin) {
            return true;
        }
        if (entitlementReader && action == CatalogAction.READ) {
            return true;
        }
        return allows(rolesInCatalog, action);
    }

    /** The roles that allow an action, e.g. to find the catalogs where a caller may manage assignments. */
    public static Set<EmRole> rolesAllowing(CatalogAction action) {
        Set<EmRole> roles = EnumSet.noneOf(EmRole.class);
        TABLE.forEach((role, actions) -> {
            if (actions.contains(action)) {
                roles.add(role);
            }
        });
        return roles;
    }
}
