package dev.tessera.pim.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.platform.graph.GraphException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The 17 rules of a directory-role management policy, without I/O: their ids, their documented
 * defaults (Graph's list-rules example), the validation of a PATCH, and the {@link RolePolicy}
 * that PIM enforces. Rule bodies are Graph JSON, camelCase, with {@code @odata.type}.
 */
public final class PolicyRules {

    static final String NS = "#microsoft.graph.unifiedRoleManagementPolicy";
    static final String EXPIRATION = NS + "ExpirationRule";
    static final String ENABLEMENT = NS + "EnablementRule";
    static final String APPROVAL = NS + "ApprovalRule";
    static final String AUTH_CONTEXT = NS + "AuthenticationContextRule";
    static final String NOTIFICATION = NS + "NotificationRule";

    /** The rule ids in Graph's order. */
    public static final List<String> IDS;

    static {
        List<String> ids = new ArrayList<>(List.of(
                "Expiration_Admin_Eligibility", "Enablement_Admin_Eligibility",
                "Expiration_Admin_Assignment", "Enablement_Admin_Assignment",
                "Expiration_EndUser_Assignment", "Enablement_EndUser_Assignment",
                "Approval_EndUser_Assignment", "AuthenticationContext_EndUser_Assignment"));
        for (String target : List.of("Admin_Eligibility", "Admin_Assignment", "EndUser_Assignment")) {
            for (String recipient : List.of("Admin", "Requestor", "Approver")) {
                ids.add("Notification_" + recipient + "_" + target);
            }
        }
        IDS = List.copyOf(ids);
    }

    /** Activations last at least this long at most (the portal's 0.5 h) and at most 24 h. */
    static final Duration MIN_ACTIVATION = Duration.ofMinutes(30);
    static final Duration MAX_ACTIVATION = Duration.ofHours(24);
    /** Admin assignments may be limited to between five minutes and ten years. */
    static final Duration MIN_ASSIGNMENT = Duration.ofMinutes(5);
    static final Duration MAX_ASSIGNMENT = Duration.ofDays(3650);

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private PolicyRules() {
    }

    public static boolean exists(String ruleId) {
        return IDS.contains(ruleId);
    }

    /** {@code @odata.type} of a rule. */
    static String type(String ruleId) {
        return switch (ruleId.substring(0, ruleId.indexOf('_'))) {
            case "Expiration" -> EXPIRATION;
            case "Enablement" -> ENABLEMENT;
            case "Approval" -> APPROVAL;
            case "AuthenticationContext" -> AUTH_CONTEXT;
            default -> NOTIFICATION;
        };
    }

    /** The documented default body of a rule. */
    public static ObjectNode defaultRule(String ruleId) {
        ObjectNode rule = MAPPER.createObjectNode();
        rule.put("@odata.type", type(ruleId));
        rule.put("id", ruleId);
        switch (ruleId) {
            case "Expiration_Admin_Eligibility" -> expiration(rule, RolePolicy.DEFAULT.adminEligibility());
            case "Expiration_Admin_Assignment" -> expiration(rule, RolePolicy.DEFAULT.adminAssignment());
            case "Expiration_EndUser_Assignment" -> expiration(rule, RolePolicy.DEFAULT.activation());
            case "Enablement_Admin_Eligibility" -> enabled(rule, List.of());
            case "Enablement_Admin_Assignment" -> enabled(rule, List.of(RolePolicy.JUSTIFICATION));
            case "Enablement_EndUser_Assignment" -> enabled(rule, List.of(RolePolicy.MFA, RolePolicy.JUSTIFICATION));
            case "Approval_EndUser_Assignment" -> {
                ObjectNode setting = rule.putObject("setting");
                setting.put("isApprovalRequired", false);
                setting.put("isApprovalRequiredForExtension", false);
                setting.put("isRequestorJustificationRequired", true);
                setting.put("approvalMode", "SingleStage");
                ObjectNode stage = setting.putArray("approvalStages").addObject();
                stage.put("approvalStageTimeOutInDays", 1);
                stage.put("isApproverJustificationRequired", true);
                stage.put("escalationTimeInMinutes", 0);
                stage.put("isEscalationEnabled", false);
                stage.putArray("primaryApprovers");
                stage.putArray("escalationApprovers");
            }
            case "AuthenticationContext_EndUser_Assignment" -> {
                rule.put("isEnabled", false);
                rule.putNull("claimValue");
            }
            default -> {
                rule.put("notificationType", "Email");
                rule.put("recipientType", ruleId.split("_")[1]);
                rule.put("notificationLevel", "All");
                rule.put("isDefaultRecipientsEnabled", true);
                rule.putArray("notificationRecipients");
            }
        }
        ObjectNode target = rule.putObject("target");
        target.put("caller", ruleId.contains("_EndUser_") ? "EndUser" : "Admin");
        target.putArray("operations").add("all");
        target.put("level", ruleId.endsWith("_Eligibility") ? "Eligibility" : "Assignment");
        target.putArray("inheritableSettings");
        target.putArray("enforcedSettings");
        return rule;
    }

    private static void expiration(ObjectNode rule, RolePolicy.Expiration expiration) {
        rule.put("isExpirationRequired", expiration.required());
        rule.put("maximumDuration", iso(expiration.maximum()));
    }

    private static void enabled(ObjectNode rule, List<String> rules) {
        ArrayNode array = rule.putArray("enabledRules");
        rules.forEach(array::add);
    }

    /** ISO-8601 as Graph writes it: whole days as {@code P365D}, else {@code PT8H}/{@code PT1H45M}. */
    static String iso(Duration duration) {
        if (duration.toHours() > 24 && duration.toHours() % 24 == 0 && duration.toMinutesPart() == 0
                && duration.toSecondsPart() == 0) {
            return "P" + duration.toDays() + "D";
        }
        return duration.toString();
    }

    /**
     * Validates a PATCH of {@code ruleId} against the rule's current body and returns the new
     * body: the changeable properties of the patch over the current ones; id, type and target stay.
     */
    public static ObjectNode patch(String ruleId, ObjectNode current, JsonNode patch) {
        if (patch == null || !patch.isObject()) {
            throw GraphException.badRequest("The request body must be a rule object with its '@odata.type'.");
        }
        JsonNode odataType = patch.get("@odata.type");
        if (odataType == null || !odataType.isTextual()) {
            throw GraphException.invalidField("@odata.type", "The rule's '@odata.type' is required, e.g. '" + type(ruleId) + "'.");
        }
        String given = odataType.asText().startsWith("#") ? odataType.asText() : "#" + odataType.asText();
        if (!given.equalsIgnoreCase(type(ruleId))) {
            throw GraphException.invalidField("@odata.type", "Rule '" + ruleId + "' is a '" + type(ruleId).substring(1)
                    + "', not '" + given.substring(1) + "'.");
        }
        JsonNode id = patch.get("id");
        if (id != null && !id.isNull() && !ruleId.equals(id.asText())) {
            throw GraphException.invalidField("id", "The body's id '" + id.asText() + "' is not the rule '" + ruleId + "'.");
        }
        ObjectNode next = current.deepCopy();
        Set<String> allowed = switch (type(ruleId)) {
            case EXPIRATION -> Set.of("isExpirationRequired", "maximumDuration");
            case ENABLEMENT -> Set.of("enabledRules");
            case APPROVAL -> Set.of("setting");
            case AUTH_CONTEXT -> Set.of("isEnabled", "claimValue");
            default -> Set.of("notificationType", "recipientType", "notificationLevel", "isDefaultRecipientsEnabled",
                    "notificationRecipients");
        };
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = field.getKey();
            if (name.startsWith("@odata.") || name.equals("id") || name.equals("target")) {
                continue; // the target of a rule is fixed by its id
            }
            if (!allowed.contains(name)) {
                throw GraphException.invalidField(name, "'" + name + "' is not a property of " + type(ruleId).substring(1)
                        + "; it has " + String.join(", ", allowed.stream().sorted().toList()) + ".");
            }
            if (name.equals("setting") && field.getValue().isObject() && next.path("setting").isObject()) {
                // approvalSettings is merged: a PATCH may send only the properties it changes
                ObjectNode setting = ((ObjectNode) next.get("setting")).deepCopy();
                setting.setAll((ObjectNode) field.getValue());
                next.set(name, setting);
            } else {
                next.set(name, field.getValue());
            }
        }
        switch (type(ruleId)) {
            case EXPIRATION -> validateExpiration(ruleId, next);
            case ENABLEMENT -> validateEnablement(ruleId, next);
            case APPROVAL -> validateApproval(next);
            case AUTH_CONTEXT -> validateAuthContext(next);
            default -> validateNotification(ruleId, next);
        }
        return next;
    }

    private static void validateExpiration(String ruleId, ObjectNode rule) {
        boolean required = bool(rule, "isExpirationRequired");
        Duration maximum = duration(rule, "maximumDuration");
        boolean activation = ruleId.equals("Expiration_EndUser_Assignment");
        Duration min = activation ? MIN_ACTIVATION : MIN_ASSIGNMENT;
        Duration max = activation ? MAX_ACTIVATION : MAX_ASSIGNMENT;
        if (maximum.compareTo(min) < 0 || maximum.compareTo(max) > 0) {
            throw GraphException.invalidField("maximumDuration", "'maximumDuration' of " + ruleId + " must be between "
                    + iso(min) + " and " + iso(max) + ".");
        }
        if (activation && !required) {
            throw GraphException.invalidField("isExpirationRequired", "An activation always ends: "
                    + "'isExpirationRequired' of Expiration_EndUser_Assignment must be true.");
        }
        rule.put("isExpirationRequired", required);
        rule.put("maximumDuration", iso(maximum));
    }

    private static void validateEnablement(String ruleId, ObjectNode rule) {
        JsonNode rules = rule.get("enabledRules");
        if (rules == null || !rules.isArray()) {
            throw GraphException.invalidField("enabledRules", "'enabledRules' must be an array.");
        }
        Set<String> allowed = ruleId.equals("Enablement_EndUser_Assignment")
                ? Set.of(RolePolicy.MFA, RolePolicy.JUSTIFICATION, RolePolicy.TICKETING)
                : Set.of(RolePolicy.MFA, RolePolicy.JUSTIFICATION);
        Set<String> normalized = new LinkedHashSet<>();
        for (JsonNode value : rules) {
            String match = value.isTextual() ? allowed.stream().filter(a -> a.equalsIgnoreCase(value.asText())).findFirst()
                    .orElse(null) : null;
            if (match == null) {
                throw GraphException.invalidField("enabledRules", "'" + value.asText() + "' is not a rule of " + ruleId
                        + "; use " + String.join(", ", allowed.stream().sorted().toList()) + ".");
            }
            normalized.add(match);
        }
        enabled(rule, List.copyOf(normalized));
    }

    /** Longest approval stage: an activation is just in time, a week of waiting is plenty (Entra fixes 1 day). */
    static final int MAX_APPROVAL_DAYS = 7;

    private static final Set<String> SETTING_FIELDS = Set.of("isApprovalRequired", "isApprovalRequiredForExtension",
            "isRequestorJustificationRequired", "approvalMode", "approvalStages");
    private static final Set<String> STAGE_FIELDS = Set.of("approvalStageTimeOutInDays", "isApproverJustificationRequired",
            "escalationTimeInMinutes", "isEscalationEnabled", "primaryApprovers", "escalationApprovers");

    /**
     * approvalSettings of Approval_EndUser_Assignment: single stage only, no escalation, primary
     * approvers as {@code singleUser {userId}} or {@code groupMembers {groupId}}, at least one when
     * approval is required. Rewrites the setting in Graph's casing. Whether the approvers exist is
     * asked of the directory afterwards ({@link #approvers}).
     */
    private static void validateApproval(ObjectNode rule) {
        JsonNode given = rule.get("setting");
        if (given == null || !given.isObject()) {
            throw GraphException.invalidField("setting", "'setting' must be an approvalSettings object.");
        }
        ObjectNode setting = (ObjectNode) given;
        for (Iterator<String> names = setting.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!name.startsWith("@odata.") && !SETTING_FIELDS.contains(name)) {
                throw GraphException.invalidField("setting." + name, "'" + name + "' is not a property of approvalSettings; "
                        + "it has " + String.join(", ", SETTING_FIELDS.stream().sorted().toList()) + ".");
            }
        }
        boolean required = flag(setting, "isApprovalRequired", "setting.");
        boolean forExtension = flag(setting, "isApprovalRequiredForExtension", "setting.");
        boolean justification = flag(setting, "isRequestorJustificationRequired", "setting.");
        String mode = setting.path("approvalMode").asText("");
        String normalizedMode = List.of("SingleStage", "NoApproval").stream().filter(m -> m.equalsIgnoreCase(mode))
                .findFirst().orElse(null);
        if (normalizedMode == null) {
            throw GraphException.invalidField("setting.approvalMode", "'approvalMode' must be SingleStage"
                    + (List.of("Serial", "Parallel").stream().anyMatch(m -> m.equalsIgnoreCase(mode))
                            ? "; Tessera approves activations in one stage (" + mode + " is not supported)." : ", not '" + mode + "'."));
        }
        if ((required || forExtension) && normalizedMode.equals("NoApproval")) {
            throw GraphException.invalidField("setting.approvalMode", "Approval is required, so 'approvalMode' must be SingleStage.");
        }
        JsonNode stages = setting.get("approvalStages");
        if (stages == null || !stages.isArray() || stages.size() > 1) {
            throw GraphException.invalidField("setting.approvalStages", "'approvalStages' must be an array of one "
                    + "unifiedApprovalStage (approvalMode SingleStage).");
        }
        if ((required || forExtension) && stages.isEmpty()) {
            throw GraphException.invalidField("setting.approvalStages", "Approval is required: 'approvalStages' needs "
                    + "one stage with its primaryApprovers.");
        }
        ObjectNode normalized = MAPPER.createObjectNode();
        normalized.put("isApprovalRequired", required);
        normalized.put("isApprovalRequiredForExtension", forExtension);
        normalized.put("isRequestorJustificationRequired", justification);
        normalized.put("approvalMode", normalizedMode);
        ArrayNode normalizedStages = normalized.putArray("approvalStages");
        for (JsonNode stage : stages) {
            normalizedStages.add(validateStage(stage, required || forExtension));
        }
        rule.set("setting", normalized);
    }

    private static ObjectNode validateStage(JsonNode stage, boolean required) {
        String at = "setting.approvalStages[0].";
        if (!stage.isObject()) {
            throw GraphException.invalidField("setting.approvalStages[0]", "An approval stage must be a unifiedApprovalStage object.");
        }
        for (Iterator<String> names = stage.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!name.startsWith("@odata.") && !STAGE_FIELDS.contains(name)) {
                throw GraphException.invalidField(at + name, "'" + name + "' is not a property of unifiedApprovalStage.");
            }
        }
        JsonNode days = stage.get("approvalStageTimeOutInDays");
        if (days == null || !days.isIntegralNumber() || days.asInt() < 1 || days.asInt() > MAX_APPROVAL_DAYS) {
            throw GraphException.invalidField(at + "approvalStageTimeOutInDays", "'approvalStageTimeOutInDays' must be a "
                    + "whole number of days from 1 to " + MAX_APPROVAL_DAYS + " (Entra uses 1).");
        }
        boolean approverJustification = flag((ObjectNode) stage, "isApproverJustificationRequired", at);
        if (stage.path("isEscalationEnabled").asBoolean(false) || stage.path("escalationTimeInMinutes").asInt(0) != 0
                || stage.path("escalationApprovers").size() > 0) {
            throw GraphException.invalidField(at + "isEscalationEnabled", "Escalation is not part of PIM approvals for "
                    + "directory roles: 'isEscalationEnabled' must be false, 'escalationTimeInMinutes' 0 and "
                    + "'escalationApprovers' empty.");
        }
        JsonNode approvers = stage.get("primaryApprovers");
        if (approvers == null || !approvers.isArray()) {
            throw GraphException.invalidField(at + "primaryApprovers", "'primaryApprovers' must be an array of subject sets "
                    + "(#microsoft.graph.singleUser or #microsoft.graph.groupMembers).");
        }
        if (required && approvers.isEmpty()) {
            throw GraphException.invalidField(at + "primaryApprovers", "Approval is required: name at least one approver "
                    + "in 'primaryApprovers' (a #microsoft.graph.singleUser or #microsoft.graph.groupMembers).");
        }
        ObjectNode normalized = MAPPER.createObjectNode();
        normalized.put("approvalStageTimeOutInDays", days.asInt());
        normalized.put("isApproverJustificationRequired", approverJustification);
        normalized.put("escalationTimeInMinutes", 0);
        normalized.put("isEscalationEnabled", false);
        ArrayNode primary = normalized.putArray("primaryApprovers");
        Set<String> seen = new LinkedHashSet<>();
        int index = 0;
        for (JsonNode approver : approvers) {
            RolePolicy.Approver parsed = approver(approver, at + "primaryApprovers[" + index++ + "]");
            if (seen.add(parsed.type() + parsed.id())) {
                ObjectNode subject = primary.addObject();
                subject.put("@odata.type", "#microsoft.graph." + parsed.type());
                subject.put(parsed.group() ? "groupId" : "userId", parsed.id().toString());
                if (approver.hasNonNull("description")) {
                    subject.put("description", approver.get("description").asText());
                }
            }
        }
        normalized.putArray("escalationApprovers");
        return normalized;
    }

    private static RolePolicy.Approver approver(JsonNode approver, String at) {
        String type = approver.path("@odata.type").asText("");
        String bare = type.startsWith("#") ? type.substring(1) : type;
        boolean user = bare.equalsIgnoreCase("microsoft.graph.singleUser");
        boolean group = bare.equalsIgnoreCase("microsoft.graph.groupMembers");
        if (!user && !group) {
            throw GraphException.invalidField(at + ".@odata.type", "An approver must be a #microsoft.graph.singleUser "
                    + "{userId} or a #microsoft.graph.groupMembers {groupId}, not '" + type + "'.");
        }
        String property = user ? "userId" : "groupId";
        String id = approver.path(property).asText("");
        if (!id.matches("(?i)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")) {
            throw GraphException.invalidField(at + "." + property, "'" + property + "' of the approver must be an object id "
                    + "(GUID), not '" + id + "'.");
        }
        return new RolePolicy.Approver(user ? RolePolicy.Approver.USER : RolePolicy.Approver.GROUP,
                UUID.fromString(id.toLowerCase(Locale.ROOT)));
    }

    private static boolean flag(ObjectNode node, String name, String prefix) {
        JsonNode value = node.get(name);
        if (value == null || value.getNodeType() != JsonNodeType.BOOLEAN) {
            throw GraphException.invalidField(prefix + name, "'" + name + "' must be true or false.");
        }
        return value.asBoolean();
    }

    /** The primary approvers of a (validated) approval rule, each with the field that names it. */
    public static Map<String, RolePolicy.Approver> approvers(ObjectNode rule) {
        Map<String, RolePolicy.Approver> approvers = new java.util.LinkedHashMap<>();
        JsonNode stage = rule.path("setting").path("approvalStages").path(0);
        int index = 0;
        for (JsonNode approver : stage.path("primaryApprovers")) {
            String at = "setting.approvalStages[0].primaryApprovers[" + index++ + "]";
            RolePolicy.Approver parsed = approver(approver, at);
            approvers.put(at + "." + (parsed.group() ? "groupId" : "userId"), parsed);
        }
        return approvers;
    }

    static RolePolicy.Approval approvalOf(ObjectNode rule) {
        JsonNode setting = rule.path("setting");
        JsonNode stage = setting.path("approvalStages").path(0);
        return new RolePolicy.Approval(setting.path("isApprovalRequired").asBoolean(false),
                setting.path("isApprovalRequiredForExtension").asBoolean(false),
                setting.path("isRequestorJustificationRequired").asBoolean(true),
                stage.path("approvalStageTimeOutInDays").asInt(1),
                stage.path("isApproverJustificationRequired").asBoolean(true),
                List.copyOf(approvers(rule).values()));
    }

    private static void validateAuthContext(ObjectNode rule) {
        if (bool(rule, "isEnabled")) {
            throw GraphException.invalidField("isEnabled", "Authentication contexts are not supported: Tessera does not "
                    + "issue or check the 'acrs' claim. Require MultiFactorAuthentication in Enablement_EndUser_Assignment.");
        }
        rule.put("isEnabled", false);
    }

    private static void validateNotification(String ruleId, ObjectNode rule) {
        if (!"Email".equalsIgnoreCase(rule.path("notificationType").asText())) {
            throw GraphException.invalidField("notificationType", "'notificationType' must be Email.");
        }
        rule.put("notificationType", "Email");
        String recipient = ruleId.split("_")[1];
        if (!recipient.equalsIgnoreCase(rule.path("recipientType").asText())) {
            throw GraphException.invalidField("recipientType", "The recipientType of " + ruleId + " is " + recipient + ".");
        }
        rule.put("recipientType", recipient);
        String level = List.of("None", "Critical", "All").stream()
                .filter(l -> l.equalsIgnoreCase(rule.path("notificationLevel").asText())).findFirst()
                .orElseThrow(() -> GraphException.invalidField("notificationLevel", "'notificationLevel' must be None, Critical or All."));
        rule.put("notificationLevel", level);
        rule.put("isDefaultRecipientsEnabled", bool(rule, "isDefaultRecipientsEnabled"));
        JsonNode recipients = rule.get("notificationRecipients");
        if (recipients == null || !recipients.isArray()) {
            throw GraphException.invalidField("notificationRecipients", "'notificationRecipients' must be an array of email addresses.");
        }
        for (JsonNode address : recipients) {
            if (!address.isTextual() || !address.asText().matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
                throw GraphException.invalidField("notificationRecipients", "'" + address.asText() + "' is not an email address.");
            }
        }
    }

    private static boolean bool(ObjectNode rule, String name) {
        JsonNode value = rule.get(name);
        if (value == null || value.getNodeType() != JsonNodeType.BOOLEAN) {
            throw GraphException.invalidField(name, "'" + name + "' must be true or false.");
        }
        return value.asBoolean();
    }

    private static Duration duration(ObjectNode rule, String name) {
        JsonNode value = rule.get(name);
        String text = value == null || !value.isTextual() ? null : value.asText();
        try {
            if (text == null) {
                throw new DateTimeParseException("missing", "", 0);
            }
            String upper = text.toUpperCase(Locale.ROOT);
            // Duration.parse takes days (P365D) but not years or months, which a maximum does not need.
            return Duration.parse(upper);
        } catch (DateTimeParseException e) {
            throw GraphException.invalidField(name, "'" + name + "' must be an ISO-8601 duration such as PT8H or P180D, not "
                    + (text == null ? "missing" : "'" + text + "'") + ".");
        }
    }

    /** What PIM enforces, from a role's effective rules (every id present). */
    public static RolePolicy enforced(Map<String, ObjectNode> rules) {
        return new RolePolicy(
                expirationOf(rules.get("Expiration_Admin_Eligibility")),
                expirationOf(rules.get("Expiration_Admin_Assignment")),
                expirationOf(rules.get("Expiration_EndUser_Assignment")),
                enabledOf(rules.get("Enablement_Admin_Eligibility")),
                enabledOf(rules.get("Enablement_Admin_Assignment")),
                enabledOf(rules.get("Enablement_EndUser_Assignment")),
                approvalOf(rules.get("Approval_EndUser_Assignment")));
    }

    private static RolePolicy.Expiration expirationOf(ObjectNode rule) {
        return new RolePolicy.Expiration(rule.path("isExpirationRequired").asBoolean(),
                Duration.parse(rule.path("maximumDuration").asText()));
    }

    private static Set<String> enabledOf(ObjectNode rule) {
        Set<String> enabled = new LinkedHashSet<>();
        rule.path("enabledRules").forEach(r -> enabled.add(r.asText()));
        return Set.copyOf(enabled);
    }
}
