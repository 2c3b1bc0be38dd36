package dev.tessera.provisioning.group;

import dev.tessera.platform.em.MembershipRule;
import dev.tessera.platform.graph.GraphException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** What a valid group is, and how a body changes one. Pure: no I/O. */
final class GroupRules {

    private static final Pattern MAIL_NICKNAME = Pattern.compile("^[\\x21-\\x7E&&[^@()\\\\\\[\\]\";:<>,]]{1,64}$");
    static final String DYNAMIC_MEMBERSHIP = "DynamicMembership";
    static final String ON = "On";
    static final String PAUSED = "Paused";
    private static final List<String> GROUP_TYPES = List.of("Unified", DYNAMIC_MEMBERSHIP);
    private static final List<String> PROCESSING_STATES = List.of(ON, PAUSED);
    private static final List<String> VISIBILITIES = List.of("Public", "Private", "HiddenMembership");

    private GroupRules() {
    }

    static void validateCreate(GroupBody body) {
        if (body == null) {
            throw GraphException.badRequest("A group body is required.");
        }
        required(body.displayName(), "displayName");
        required(body.mailNickname(), "mailNickname");
        // Left out, they take Graph's defaults; sent as null, they are a mistake (was an NPE, a 500).
        for (String property : List.of("mailEnabled", "securityEnabled")) {
            if (body.has(property) && valueOf(body, property) == null) {
                throw GraphException.invalidField(property, "Property '" + property + "' must be true or false, not null.");
            }
        }
        validateValues(body);
        boolean securityEnabled = body.securityEnabled() == null || body.securityEnabled();
        if (Boolean.TRUE.equals(body.isAssignableToRole()) && !securityEnabled) {
            throw GraphException.invalidField("isAssignableToRole",
                    "A group assignable to roles must have securityEnabled set to true.");
        }
        boolean dynamic = canonicalGroupTypes(body.groupTypes()).contains(DYNAMIC_MEMBERSHIP);
        validateDynamic(dynamic, body.membershipRule(), body.has("membershipRule"), body);
        if (dynamic && Boolean.TRUE.equals(body.isAssignableToRole())) {
            throw GraphException.invalidField("isAssignableToRole",
                    "A group assignable to roles cannot have dynamic membership; its members must be assigned.");
        }
    }

    /**
     * A dynamic group needs a rule Tessera can evaluate; any other group takes neither a rule nor a
     * processing state.
     */
    private static void validateDynamic(boolean dynamic, String rule, boolean ruleSent, GroupBody body) {
        if (dynamic) {
            if (rule == null || rule.isBlank()) {
                throw GraphException.invalidField("membershipRule",
                        "Property 'membershipRule' is required for a group whose groupTypes contains DynamicMembership.");
            }
            if (ruleSent) {
                parseRule(rule);
            }
            if (body.has("membershipRuleProcessingState") && body.membershipRuleProcessingState() == null) {
                throw GraphException.invalidField("membershipRuleProcessingState",
                        "Property 'membershipRuleProcessingState' must be On or Paused, not null.");
            }
            return;
        }
        for (String property : List.of("membershipRule", "membershipRuleProcessingState")) {
            Object value = property.equals("membershipRule") ? body.membershipRule()
                    : body.membershipRuleProcessingState();
            if (body.has(property) && value != null) {
                throw GraphException.invalidField(property, "Property '" + property + "' can only be set on a "
                        + "group whose groupTypes contains DynamicMembership.");
            }
        }
    }

    /** The rule, parsed; what Tessera cannot evaluate is a 400 that says what and where. */
    static MembershipRule parseRule(String rule) {
        try {
            return MembershipRule.parse(rule);
        } catch (MembershipRule.InvalidRuleException e) {
            throw GraphException.invalidField("membershipRule", "Invalid value specified for property "
                    + "'membershipRule' of resource 'Group': " + e.getMessage());
        }
    }

    static void validatePatch(GroupBody body, DirectoryGroup group) {
        if (body == null) {
            throw GraphException.badRequest("A group body is required.");
        }
        for (String property : List.of("displayName", "mailNickname", "mailEnabled", "securityEnabled")) {
            if (body.has(property) && isBlank(valueOf(body, property))) {
                throw GraphException.invalidField(property, "Property '" + property + "' cannot be cleared.");
            }
        }
        if (body.has("isAssignableToRole")
                && !Boolean.valueOf(group.assignableToRole).equals(body.isAssignableToRole())) {
            throw GraphException.invalidField("isAssignableToRole",
                    "Property 'isAssignableToRole' can only be set when the group is created.");
        }
        if (body.has("securityEnabled") && group.assignableToRole && Boolean.FALSE.equals(body.securityEnabled())) {
            throw GraphException.invalidField("securityEnabled",
                    "A group assignable to roles must stay security-enabled.");
        }
        validateValues(body);
        boolean wasDynamic = group.isDynamic();
        if (body.has("groupTypes")
                && canonicalGroupTypes(body.groupTypes()).contains(DYNAMIC_MEMBERSHIP) != wasDynamic) {
            throw GraphException.invalidField("groupTypes", wasDynamic
                    ? "DynamicMembership cannot be removed from groupTypes; create an assigned group instead."
                    : "DynamicMembership can only be set when the group is created.");
        }
        String rule = body.has("membershipRule") ? body.membershipRule() : group.membershipRule;
        validateDynamic(wasDynamic, rule, body.has("membershipRule"), body);
    }

    private static void validateValues(GroupBody body) {
        if (body.displayName() != null && body.displayName().length() > 256) {
            throw GraphException.invalidField("displayName", "Property 'displayName' is longer than 256 characters.");
        }
        if (body.description() != null && body.description().length() > 1024) {
            throw GraphException.invalidField("description", "Property 'description' is longer than 1024 characters.");
        }
        if (body.mailNickname() != null && !MAIL_NICKNAME.matcher(body.mailNickname()).matches()) {
            throw GraphException.invalidField("mailNickname", "Invalid value specified for property 'mailNickname' "
                    + "of resource 'Group': '" + body.mailNickname() + "'.");
        }
        canonicalGroupTypes(body.groupTypes());
        if (body.visibility() != null) {
            canonical(body.visibility(), VISIBILITIES, "visibility");
        }
        if (body.membershipRuleProcessingState() != null) {
            canonical(body.membershipRuleProcessingState(), PROCESSING_STATES, "membershipRuleProcessingState");
        }
    }

    static void apply(GroupBody body, DirectoryGroup group) {
        for (String property : body.present()) {
            switch (property) {
                case "displayName" -> group.displayName = body.displayName().trim();
                case "description" -> group.description = body.description();
                case "mailNickname" -> group.mailNickname = body.mailNickname();
                case "mailEnabled" -> group.mailEnabled = body.mailEnabled();
                case "securityEnabled" -> group.securityEnabled = body.securityEnabled();
                case "groupTypes" -> group.groupTypeList(canonicalGroupTypes(body.groupTypes()));
                case "isAssignableToRole" -> group.assignableToRole = Boolean.TRUE.equals(body.isAssignableToRole());
                case "visibility" -> group.visibility = body.visibility() == null ? null
                        : canonical(body.visibility(), VISIBILITIES, "visibility");
                case "membershipRule" -> group.membershipRule = body.membershipRule();
                case "membershipRuleProcessingState" -> group.membershipRuleProcessingState =
                        body.membershipRuleProcessingState() == null ? null
                                : canonical(body.membershipRuleProcessingState(), PROCESSING_STATES,
                                        "membershipRuleProcessingState");
                default -> throw new IllegalStateException("Unmapped group property " + property);
            }
        }
    }

    /** A new group with Graph's defaults for what the body leaves out. */
    static void applyDefaults(GroupBody body, DirectoryGroup group) {
        group.securityEnabled = body.securityEnabled() == null || body.securityEnabled();
        group.mailEnabled = Boolean.TRUE.equals(body.mailEnabled());
        group.groupTypes = "";
        apply(body, group);
        if (group.isDynamic() && group.membershipRuleProcessingState == null) {
            group.membershipRuleProcessingState = ON;
        }
    }

    private static List<String> canonicalGroupTypes(List<String> types) {
        if (types == null) {
            return List.of();
        }
        List<String> canonical = new ArrayList<>();
        for (String type : types) {
            String value = canonical(type, GROUP_TYPES, "groupTypes");
            if (!canonical.contains(value)) {
                canonical.add(value);
            }
        }
        return canonical;
    }

    private static String canonical(String value, List<String> allowed, String property) {
        for (String candidate : allowed) {
            if (candidate.equalsIgnoreCase(value)) {
                return candidate;
            }
        }
        throw GraphException.invalidField(property, "Invalid value '" + value + "' for property '" + property
                + "'; allowed values: " + String.join(", ", allowed) + ".");
    }

    private static Object valueOf(GroupBody body, String property) {
        return switch (property) {
            case "displayName" -> body.displayName();
            case "mailNickname" -> body.mailNickname();
            case "mailEnabled" -> body.mailEnabled();
            case "securityEnabled" -> body.securityEnabled();
            default -> throw new IllegalArgumentException(property);
        };
    }

    private static boolean isBlank(Object value) {
        return value == null || value instanceof String text && text.isBlank();
    }

    private static void required(String value, String property) {
        if (value == null || value.isBlank()) {
            throw GraphException.invalidField(property, "Property '" + property + "' is required.");
        }
    }
}
