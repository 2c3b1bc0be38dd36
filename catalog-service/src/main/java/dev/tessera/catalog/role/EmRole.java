package dev.tessera.catalog.role;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The built-in entitlement-management roles, with the ids, names and resource actions Graph lists
 * under {@code /roleManagement/entitlementManagement/roleDefinitions}. Catalog creator is held
 * tenant-wide; the other four in one catalog.
 */
public enum EmRole {

    CATALOG_OWNER("ae79f266-94d4-4dab-b730-feca7e132178", "Catalog owner", true,
            List.of("microsoft.entitlementManagement/allEntities/allTasks")),
    CATALOG_READER("44272f93-9762-48e8-af59-1b5351b1d6b3", "Catalog reader", true,
            List.of("microsoft.entitlementManagement/allEntities/Read")),
    ACCESS_PACKAGE_MANAGER("7f480852-ebdc-47d4-87de-0d8498384a83", "AccessPackages manager", true,
            List.of("microsoft.entitlementManagement/AccessPackageCatalog/AccessPackage/allTasks",
                    "microsoft.entitlementManagement/AccessPackageCatalog/allEntities/Read")),
    CATALOG_CREATOR("ba92d953-d8e0-4e39-a797-0cbedb0a89e8", "Catalog creator", false,
            List.of("microsoft.entitlementManagement/AccessPackageCatalog/Create")),
    ACCESS_PACKAGE_ASSIGNMENT_MANAGER("e2182095-804a-4656-ae11-64734e9b7ae5", "AccessPackage assignment manager", true,
            List.of("microsoft.entitlementManagement/AccessPackageCatalog/AccessPackage/GrantRequests/allTasks",
                    "microsoft.entitlementManagement/AccessPackageCatalog/AccessPackage/Grants/allTasks",
                    "microsoft.entitlementManagement/AccessPackageCatalog/allEntities/Read"));

    private final UUID id;
    private final String displayName;
    private final boolean catalogScoped;
    private final List<String> allowedResourceActions;

    EmRole(String id, String displayName, boolean catalogScoped, List<String> allowedResourceActions) {
        this.id = UUID.fromString(id);
        this.displayName = displayName;
        this.catalogScoped = catalogScoped;
        this.allowedResourceActions = allowedResourceActions;
    }

    public UUID id() {
        return id;
    }

    public String displayName() {
        return displayName;
    }

    /** Held in one catalog ({@code appScopeId}); otherwise tenant-wide ({@code directoryScopeId "/"}). */
    public boolean catalogScoped() {
        return catalogScoped;
    }

    public List<String> allowedResourceActions() {
        return allowedResourceActions;
    }

    public static Optional<EmRole> byId(UUID id) {
        return Arrays.stream(values()).filter(r -> r.id.equals(id)).findFirst();
    }
}
