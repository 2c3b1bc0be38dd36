package dev.tessera.catalog.role;

import static dev.tessera.catalog.role.CatalogAction.EDIT_CATALOG;
import static dev.tessera.catalog.role.CatalogAction.MANAGE_ASSIGNMENTS;
import static dev.tessera.catalog.role.CatalogAction.MANAGE_PACKAGES;
import static dev.tessera.catalog.role.CatalogAction.MANAGE_RESOURCES;
import static dev.tessera.catalog.role.CatalogAction.MANAGE_ROLES;
import static dev.tessera.catalog.role.CatalogAction.READ;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The delegation table, role by role and action by action. */
class CatalogPermissionsTest {

    static final Map<EmRole, Set<CatalogAction>> EXPECTED = Map.of(
            EmRole.CATALOG_OWNER, EnumSet.allOf(CatalogAction.class),
            EmRole.CATALOG_READER, EnumSet.of(READ),
            EmRole.ACCESS_PACKAGE_MANAGER, EnumSet.of(READ, MANAGE_PACKAGES, MANAGE_ASSIGNMENTS),
            EmRole.ACCESS_PACKAGE_ASSIGNMENT_MANAGER, EnumSet.of(READ, MANAGE_ASSIGNMENTS),
            EmRole.CATALOG_CREATOR, EnumSet.noneOf(CatalogAction.class));

    @Test
    void eachRoleAllowsExactlyItsActions() {
        for (EmRole role : EmRole.values()) {
            for (CatalogAction action : CatalogAction.values()) {
                assertEquals(EXPECTED.get(role).contains(action), CatalogPermissions.allows(Set.of(role), action),
                        role + " / " + action);
            }
        }
    }

    @Test
    void noRoleAllowsNothing() {
        for (CatalogAction action : CatalogAction.values()) {
            assertFalse(CatalogPermissions.allows(Set.of(), action), action.toString());
            assertFalse(CatalogPermissions.allows(false, false, Set.of(), action), action.toString());
        }
    }

    @Test
    void rolesAddUp() {
        Set<EmRole> readerAndAssignmentManager = Set.of(EmRole.CATALOG_READER, EmRole.ACCESS_PACKAGE_ASSIGNMENT_MANAGER);
        assertTrue(CatalogPermissions.allows(readerAndAssignmentManager, MANAGE_ASSIGNMENTS));
        assertFalse(CatalogPermissions.allows(readerAndAssignmentManager, MANAGE_PACKAGES));
    }

    @Test
    void anEntitlementAdministratorMayDoEverythingAndAReaderOnlyRead() {
        for (CatalogAction action : CatalogAction.values()) {
            assertTrue(CatalogPermissions.allows(true, false, Set.of(), action), action.toString());
            assertEquals(action == READ, CatalogPermissions.allows(false, true, Set.of(), action), action.toString());
        }
        // a tenant reader who also owns the catalog may write it
        assertTrue(CatalogPermissions.allows(false, true, Set.of(EmRole.CATALOG_OWNER), EDIT_CATALOG));
    }

    @Test
    void onlyOwnersManageResourcesRolesAndTheCatalogItself() {
        for (CatalogAction action : Set.of(EDIT_CATALOG, MANAGE_RESOURCES, MANAGE_ROLES)) {
            assertEquals(Set.of(EmRole.CATALOG_OWNER), CatalogPermissions.rolesAllowing(action), action.toString());
        }
        assertEquals(Set.of(EmRole.CATALOG_OWNER, EmRole.ACCESS_PACKAGE_MANAGER, EmRole.ACCESS_PACKAGE_ASSIGNMENT_MANAGER),
                CatalogPermissions.rolesAllowing(MANAGE_ASSIGNMENTS));
    }
}
