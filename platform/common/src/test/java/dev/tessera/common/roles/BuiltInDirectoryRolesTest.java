package dev.tessera.common.roles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.common.DirectoryRoles;
import java.io.InputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The data file of built-in roles: what every consumer of it relies on. */
class BuiltInDirectoryRolesTest {

    static final Pattern GUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    static final Pattern ACTION = Pattern.compile("microsoft\\.[A-Za-z0-9.]+(/[A-Za-z0-9.*-]+){2,}");

    final List<BuiltInDirectoryRoles.Role> roles = BuiltInDirectoryRoles.all();

    @Test
    void thereAreWellOverAHundredRoles() {
        assertTrue(roles.size() > 100, roles.size() + " roles");
    }

    @Test
    void templateIdsAreUniqueLowerCaseGuids() {
        Set<String> seen = new HashSet<>();
        for (BuiltInDirectoryRoles.Role role : roles) {
            assertTrue(GUID.matcher(role.templateId()).matches(), role.displayName() + ": " + role.templateId());
            assertTrue(seen.add(role.templateId()), "duplicate template id " + role.templateId());
        }
    }

    @Test
    void displayNamesAreUniqueIgnoringCase() {
        Set<String> seen = new HashSet<>();
        for (BuiltInDirectoryRoles.Role role : roles) {
            assertFalse(role.displayName().isBlank(), role.templateId());
            assertTrue(seen.add(role.displayName().toLowerCase(Locale.ROOT)), "duplicate name " + role.displayName());
        }
    }

    @Test
    void everyRoleHasAShortDescriptionOfItsOwnAndAPrivilegedFlag() throws Exception {
        for (BuiltInDirectoryRoles.Role role : roles) {
            assertFalse(role.description() == null || role.description().isBlank(), role.displayName() + " has no description");
            assertTrue(role.description().length() <= 200, role.displayName() + ": one short sentence");
        }
        // the flag must be written, not defaulted to false by the reader
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(BuiltInDirectoryRoles.RESOURCE)) {
            JsonNode file = new ObjectMapper().readTree(in);
            assertEquals(roles.size(), file.size());
            for (JsonNode role : file) {
                assertTrue(role.path("isPrivileged").isBoolean(), role.path("displayName") + " has no isPrivileged");
            }
        }
    }

    @Test
    void actionsLookLikeEntraResourceActions() {
        for (BuiltInDirectoryRoles.Role role : roles) {
            for (String action : role.allowedResourceActions()) {
                assertTrue(ACTION.matcher(action).matches(), role.displayName() + ": " + action);
            }
            assertEquals(role.allowedResourceActions().size(), Set.copyOf(role.allowedResourceActions()).size(),
                    role.displayName() + " lists an action twice");
        }
        assertTrue(BuiltInDirectoryRoles.byName("Directory Readers").orElseThrow().allowedResourceActions()
                .contains("microsoft.directory/users/standard/read"));
    }

    @Test
    void theRolesTesseraServedBeforeKeepTheirIdsAndNames() {
        Map<String, String> known = Map.of(
                DirectoryRoles.GLOBAL_ADMINISTRATOR, "Global Administrator",
                DirectoryRoles.GLOBAL_READER, "Global Reader",
                DirectoryRoles.HELPDESK_ADMINISTRATOR, "Helpdesk Administrator",
                DirectoryRoles.USER_ADMINISTRATOR, "User Administrator",
                DirectoryRoles.GROUPS_ADMINISTRATOR, "Groups Administrator",
                DirectoryRoles.EXCHANGE_RECIPIENT_ADMINISTRATOR, "Exchange Recipient Administrator",
                DirectoryRoles.POWER_BI_ADMINISTRATOR, "Fabric Administrator",
                DirectoryRoles.PRIVILEGED_ROLE_ADMINISTRATOR, "Privileged Role Administrator",
                DirectoryRoles.IDENTITY_GOVERNANCE_ADMINISTRATOR, "Identity Governance Administrator");
        known.forEach((id, name) -> {
            BuiltInDirectoryRoles.Role role = BuiltInDirectoryRoles.byTemplateId(id).orElseThrow(() -> new AssertionError(name));
            assertEquals(name, role.displayName());
            assertFalse(role.allowedResourceActions().isEmpty(), name);
        });
        assertTrue(BuiltInDirectoryRoles.byTemplateId(DirectoryRoles.GLOBAL_ADMINISTRATOR).orElseThrow().isPrivileged());
        assertFalse(BuiltInDirectoryRoles.byName("directory readers").orElseThrow().isPrivileged());
    }

    @Test
    void resolveKnowsEveryBuiltInRoleByNameOrId() {
        assertEquals("88d8e3e3-8f55-4a1e-953a-9b9898b8876b", DirectoryRoles.resolve("Directory Readers").orElseThrow());
        assertEquals("88d8e3e3-8f55-4a1e-953a-9b9898b8876b", DirectoryRoles.resolve(" directory readers ").orElseThrow());
        assertEquals("88d8e3e3-8f55-4a1e-953a-9b9898b8876b",
                DirectoryRoles.resolve("88D8E3E3-8F55-4A1E-953A-9B9898B8876B").orElseThrow());
        assertEquals(DirectoryRoles.POWER_BI_ADMINISTRATOR, DirectoryRoles.resolve("Power BI Administrator").orElseThrow());
        assertEquals(DirectoryRoles.POWER_BI_ADMINISTRATOR, DirectoryRoles.resolve("Fabric Administrator").orElseThrow());
        for (BuiltInDirectoryRoles.Role role : roles) {
            assertEquals(role.templateId(), DirectoryRoles.resolve(role.displayName()).orElseThrow());
            assertTrue(DirectoryRoles.byName().containsKey(role.displayName()), role.displayName());
        }
        assertTrue(DirectoryRoles.resolve("No Such Role").isEmpty());
    }
}
