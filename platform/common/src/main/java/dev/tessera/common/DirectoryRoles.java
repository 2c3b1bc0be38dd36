package dev.tessera.common;

import dev.tessera.common.roles.BuiltInDirectoryRoles;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Built-in Entra directory roles by display name and template id. The ids are Microsoft's real
 * template ids: tokens carry them in the {@code wids} claim. The constants are the roles Tessera's
 * own code asks for; {@link #resolve} knows every built-in role of {@link BuiltInDirectoryRoles}
 * (the data file pim-service serves as role definitions) and the former name "Power BI
 * Administrator" of the Fabric Administrator.
 */
public final class DirectoryRoles {

    public static final String GLOBAL_ADMINISTRATOR = "62e90394-69f5-4237-9190-012177145e10";
    public static final String GLOBAL_READER = "f2ef992c-3afb-46b9-b7cf-a126ee74c451";
    public static final String HELPDESK_ADMINISTRATOR = "729827e3-9c14-49f7-bb1b-9608f156bbb8";
    public static final String USER_ADMINISTRATOR = "fe930be7-5e62-47db-91af-98c3a49a38b1";
    public static final String GROUPS_ADMINISTRATOR = "fdd7a751-b60b-444a-984c-02652fe8fa1c";
    public static final String EXCHANGE_RECIPIENT_ADMINISTRATOR = "31392ffb-586c-42d1-9346-e59415a2cc4e";
    public static final String POWER_BI_ADMINISTRATOR = "a9ea8996-122f-4c74-9520-8edcd192826c";
    public static final String PRIVILEGED_ROLE_ADMINISTRATOR = "e8611ab8-c189-46e8-94e1-60213ab1f814";
    public static final String IDENTITY_GOVERNANCE_ADMINISTRATOR = "45d8d3c5-c802-45c6-b32a-1d70b5e1e86e";
    public static final String APPLICATION_ADMINISTRATOR = "9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3";
    public static final String CLOUD_APPLICATION_ADMINISTRATOR = "158c047a-c907-4556-b7ef-446551a6b5f7";
    public static final String SHAREPOINT_ADMINISTRATOR = "f28a1f50-f6e7-4571-818b-6a12f2af6b6c";
    public static final String EXCHANGE_ADMINISTRATOR = "29232cdf-9323-42fd-ade2-1d097af3e4de";
    public static final String INTUNE_ADMINISTRATOR = "3a2c62db-5318-420d-8d74-23affee5d9d5";

    private static final Map<String, String> BY_NAME = new LinkedHashMap<>();

    static {
        BY_NAME.put("Global Administrator", GLOBAL_ADMINISTRATOR);
        BY_NAME.put("Global Reader", GLOBAL_READER);
        BY_NAME.put("Helpdesk Administrator", HELPDESK_ADMINISTRATOR);
        BY_NAME.put("User Administrator", USER_ADMINISTRATOR);
        BY_NAME.put("Groups Administrator", GROUPS_ADMINISTRATOR);
        BY_NAME.put("Exchange Recipient Administrator", EXCHANGE_RECIPIENT_ADMINISTRATOR);
        BY_NAME.put("Power BI Administrator", POWER_BI_ADMINISTRATOR);
        BY_NAME.put("Privileged Role Administrator", PRIVILEGED_ROLE_ADMINISTRATOR);
        BY_NAME.put("Identity Governance Administrator", IDENTITY_GOVERNANCE_ADMINISTRATOR);
        BY_NAME.put("Application Administrator", APPLICATION_ADMINISTRATOR);
        BY_NAME.put("Cloud Application Administrator", CLOUD_APPLICATION_ADMINISTRATOR);
        BY_NAME.put("SharePoint Administrator", SHAREPOINT_ADMINISTRATOR);
        BY_NAME.put("Exchange Administrator", EXCHANGE_ADMINISTRATOR);
        BY_NAME.put("Intune Administrator", INTUNE_ADMINISTRATOR);
    }

    private DirectoryRoles() {
    }

    /** Display name → template id of every known role (the built-in roles and the names above). */
    public static Map<String, String> byName() {
        Map<String, String> all = new LinkedHashMap<>(BY_NAME);
        BuiltInDirectoryRoles.all().forEach(r -> all.putIfAbsent(r.displayName(), r.templateId()));
        return Map.copyOf(all);
    }

    /** Resolves a display name (any case) or a template id to the template id. */
    public static Optional<String> resolve(String nameOrId) {
        if (nameOrId == null) {
            return Optional.empty();
        }
        String wanted = nameOrId.trim();
        if (BY_NAME.containsValue(wanted.toLowerCase(Locale.ROOT))) {
            return Optional.of(wanted.toLowerCase(Locale.ROOT));
        }
        Optional<String> builtIn = BuiltInDirectoryRoles.byTemplateId(wanted)
                .or(() -> BuiltInDirectoryRoles.byName(wanted))
                .map(BuiltInDirectoryRoles.Role::templateId);
        if (builtIn.isPresent()) {
            return builtIn;
        }
        return BY_NAME.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(wanted))
                .map(Map.Entry::getValue)
                .findFirst();
    }
}
