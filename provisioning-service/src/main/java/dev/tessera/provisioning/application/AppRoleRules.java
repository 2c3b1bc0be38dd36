package dev.tessera.provisioning.application;

import dev.tessera.platform.graph.GraphException;
import dev.tessera.platform.graph.Ids;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/** What a valid list of app roles is. Pure: no I/O. */
final class AppRoleRules {

    static final String USER = "User";
    static final String APPLICATION = "Application";
    private static final List<String> MEMBER_TYPES = List.of(USER, APPLICATION);
    private static final Pattern VALUE = Pattern.compile("^[^\\s.][^\\s]{0,249}$");

    private AppRoleRules() {
    }

    /** The roles in the order sent, with ids generated where none was given; a 400 naming the first mistake. */
    static List<AppRoleSpec> validate(List<AppRoleBody> roles) {
        if (roles == null) {
            return List.of();
        }
        List<AppRoleSpec> specs = new ArrayList<>();
        Set<UUID> ids = new HashSet<>();
        Set<String> values = new HashSet<>();
        for (int i = 0; i < roles.size(); i++) {
            AppRoleBody role = roles.get(i);
            String where = "appRoles[" + i + "]";
            if (role == null) {
                throw GraphException.invalidField("appRoles", "Item " + where + " must be an app role object.");
            }
            AppRoleSpec spec = spec(role, where);
            if (!ids.add(spec.id())) {
                throw GraphException.invalidField("appRoles", "App role id '" + spec.id()
                        + "' appears more than once in appRoles.");
            }
            if (spec.value() != null && !values.add(spec.value())) {
                throw GraphException.invalidField("appRoles", "App role value '" + spec.value()
                        + "' appears more than once in appRoles; values must be unique within an application.");
            }
            specs.add(spec);
        }
        return specs;
    }

    private static AppRoleSpec spec(AppRoleBody role, String where) {
        UUID id = role.id() == null ? UUID.randomUUID() : Ids.parse(role.id(), where + ".id");
        if (AppRole.DEFAULT_ACCESS.equals(id)) {
            throw GraphException.invalidField(where + ".id", "App role id '" + id
                    + "' is reserved for default access.");
        }
        if (role.displayName() == null || role.displayName().isBlank()) {
            throw GraphException.invalidField(where + ".displayName",
                    "Property 'displayName' of " + where + " is required.");
        }
        maxLength(role.displayName(), where + ".displayName", 256);
        maxLength(role.description(), where + ".description", 1024);
        if (role.value() != null && !VALUE.matcher(role.value()).matches()) {
            throw GraphException.invalidField(where + ".value", "Invalid app role value '" + role.value()
                    + "': it may not be empty, contain spaces, start with '.' or exceed 250 characters.");
        }
        return new AppRoleSpec(id, role.displayName().trim(), role.description(), role.value(),
                role.isEnabled() == null || role.isEnabled(), memberTypes(role.allowedMemberTypes(), where));
    }

    private static List<String> memberTypes(List<String> types, String where) {
        if (types == null) {
            return List.of(USER);
        }
        if (types.isEmpty()) {
            throw GraphException.invalidField(where + ".allowedMemberTypes",
                    "Property 'allowedMemberTypes' of " + where + " needs at least one of: User, Application.");
        }
        List<String> canonical = new ArrayList<>();
        for (String type : types) {
            String value = MEMBER_TYPES.stream().filter(t -> t.equalsIgnoreCase(type)).findFirst()
                    .orElseThrow(() -> GraphException.invalidField(where + ".allowedMemberTypes",
                            "Invalid value '" + type + "' for allowedMemberTypes; allowed values: User, Application."));
            if (!canonical.contains(value)) {
                canonical.add(value);
            }
        }
        return canonical;
    }

    static void maxLength(String value, String property, int max) {
        if (value != null && value.length() > max) {
            throw GraphException.invalidField(property, "Property '" + property + "' is longer than " + max
                    + " characters.");
        }
    }
}
