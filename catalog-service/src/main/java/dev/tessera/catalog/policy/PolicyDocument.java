package dev.tessera.catalog.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.platform.graph.GraphException;
import dev.tessera.platform.graph.Ids;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Validates an accessPackageAssignmentPolicy body and normalises it to what Tessera returns:
 * camelCase enum values, {@code #microsoft.graph.} types, Booleans as Booleans (docs sometimes send
 * {@code "true"}), ids for questions. Pure: the clock's instant is passed in.
 */
public final class PolicyDocument {

    static final List<String> TARGET_SCOPES = List.of("notSpecified", "specificDirectoryUsers",
            "specificConnectedOrganizationUsers", "specificDirectoryServicePrincipals", "allMemberUsers",
            "allDirectoryUsers", "allDirectoryServicePrincipals", "allConfiguredConnectedOrganizationUsers",
            "allExternalUsers", "allDirectoryAgentIdentities", "unknownFutureValue");
    static final List<String> EXPIRATION_TYPES = List.of("notSpecified", "noExpiration", "afterDateTime", "afterDuration");
    static final List<String> SUBJECT_SETS = List.of("singleUser", "groupMembers", "requestorManager",
            "connectedOrganizationMembers", "attributeRuleMembers", "targetManager", "singleServicePrincipal",
            "internalSponsors", "externalSponsors", "targetUserSponsors", "targetApplicationOwners",
            "targetAgentIdentitySponsorsOrOwners");
    static final Map<String, String> REQUIRED_ID = Map.of("singleUser", "userId", "groupMembers", "groupId",
            "connectedOrganizationMembers", "connectedOrganizationId", "singleServicePrincipal", "servicePrincipalId");
    static final List<String> REQUESTOR_FLAGS = List.of("enableTargetsToSelfAddAccess", "enableTargetsToSelfUpdateAccess",
            "enableTargetsToSelfRemoveAccess", "allowCustomAssignmentSchedule", "enableOnBehalfRequestorsToAddAccess",
            "enableOnBehalfRequestorsToUpdateAccess", "enableOnBehalfRequestorsToRemoveAccess");
    static final List<String> APPROVER_LISTS = List.of("primaryApprovers", "fallbackPrimaryApprovers",
            "escalationApprovers", "fallbackEscalationApprovers");
    static final int MAX_STAGES = 3;

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private PolicyDocument() {
    }

    /** The settings part of the policy (everything but id, names, package and timestamps). */
    public static ObjectNode normalise(JsonNode body, Instant now) {
        if (body == null || !body.isObject()) {
            throw GraphException.badRequest("A JSON object body is required.");
        }
        ObjectNode doc = JSON.objectNode();
        String scope = enumValue(body.path("allowedTargetScope"), "allowedTargetScope", TARGET_SCOPES, "notSpecified");
        doc.put("allowedTargetScope", scope);
        ArrayNode targets = subjectSets(body.path("specificAllowedTargets"), "specificAllowedTargets");
        doc.set("specificAllowedTargets", targets);
        if (scope.startsWith("specific") && targets.isEmpty()) {
            throw GraphException.invalidField("specificAllowedTargets",
                    "allowedTargetScope '" + scope + "' needs at least one entry in 'specificAllowedTargets'.");
        }
        doc.set("expiration", expiration(body.path("expiration"), now));
        doc.set("requestorSettings", requestorSettings(body.path("requestorSettings")));
        doc.set("requestApprovalSettings", approvalSettings(body.path("requestApprovalSettings")));
        doc.set("reviewSettings", copyOrNull(body.get("reviewSettings")));
        doc.set("automaticRequestSettings", copyOrNull(body.get("automaticRequestSettings")));
        doc.set("notificationSettings", copyOrNull(body.get("notificationSettings")));
        doc.set("questions", questions(body.path("questions")));
        return doc;
    }

    static ObjectNode expiration(JsonNode node, Instant now) {
        ObjectNode out = JSON.objectNode();
        String type = enumValue(node.path("type"), "expiration.type", EXPIRATION_TYPES, "noExpiration");
        out.put("type", type);
        out.putNull("endDateTime");
        out.putNull("duration");
        if (type.equals("afterDuration")) {
            String duration = node.path("duration").asText("");
            checkDuration(duration, "expiration.duration");
            out.put("duration", duration);
        } else if (type.equals("afterDateTime")) {
            String end = node.path("endDateTime").asText("");
            Instant endAt;
            try {
                endAt = OffsetDateTime.parse(end).toInstant();
            } catch (DateTimeParseException e) {
                throw GraphException.invalidField("expiration.endDateTime", "'" + end + "' is not a date-time.");
            }
            if (!endAt.isAfter(now)) {
                throw GraphException.invalidField("expiration.endDateTime", "The expiration must be in the future.");
            }
            out.put("endDateTime", endAt.toString());
        }
        return out;
    }

    static ObjectNode requestorSettings(JsonNode node) {
        ObjectNode out = JSON.objectNode();
        for (String flag : REQUESTOR_FLAGS) {
            out.put(flag, bool(node.path(flag), "requestorSettings." + flag));
        }
        out.set("onBehalfRequestors", subjectSets(node.path("onBehalfRequestors"), "requestorSettings.onBehalfRequestors"));
        return out;
    }

    static ObjectNode approvalSettings(JsonNode node) {
        ObjectNode out = JSON.objectNode();
        boolean add = bool(node.path("isApprovalRequiredForAdd"), "requestApprovalSettings.isApprovalRequiredForAdd");
        boolean update = bool(node.path("isApprovalRequiredForUpdate"), "requestApprovalSettings.isApprovalRequiredForUpdate");
        out.put("isApprovalRequiredForAdd", add);
        out.put("isApprovalRequiredForUpdate", update);
        out.put("isRequestorJustificationRequired", bool(node.path("isRequestorJustificationRequired"),
                "requestApprovalSettings.isRequestorJustificationRequired"));
        ArrayNode stages = out.putArray("stages");
        JsonNode given = node.path("stages");
        if (!given.isMissingNode() && !given.isNull() && !given.isArray()) {
            throw GraphException.invalidField("requestApprovalSettings.stages", "'stages' must be an array.");
        }
        if (given.size() > MAX_STAGES) {
            throw GraphException.invalidField("requestApprovalSettings.stages",
                    "A policy has at most " + MAX_STAGES + " approval stages.");
        }
        for (int i = 0; i < given.size(); i++) {
            stages.add(stage(given.get(i), "requestApprovalSettings.stages[" + i + "]"));
        }
        if ((add || update) && stages.isEmpty()) {
            throw GraphException.invalidField("requestApprovalSettings.stages",
                    "Approval is required, so at least one approval stage is needed.");
        }
        if (add || update) {
            for (int i = 0; i < stages.size(); i++) {
                if (stages.get(i).path("primaryApprovers").isEmpty()) {
                    throw GraphException.invalidField("requestApprovalSettings.stages[" + i + "].primaryApprovers",
                            "Each approval stage needs at least one primary approver.");
                }
            }
        }
        return out;
    }

    static ObjectNode stage(JsonNode node, String field) {
        ObjectNode out = JSON.objectNode();
        String denial = node.path("durationBeforeAutomaticDenial").asText("P14D");
        checkDuration(denial, field + ".durationBeforeAutomaticDenial");
        out.put("durationBeforeAutomaticDenial", denial);
        out.put("isApproverJustificationRequired", bool(node.path("isApproverJustificationRequired"),
                field + ".isApproverJustificationRequired"));
        boolean escalation = bool(node.path("isEscalationEnabled"), field + ".isEscalationEnabled");
        out.put("isEscalationEnabled", escalation);
        String escalateAfter = node.path("durationBeforeEscalation").asText("PT0S");
        if (escalation) {
            checkDuration(escalateAfter, field + ".durationBeforeEscalation");
        }
        out.put("durationBeforeEscalation", escalateAfter);
        for (String list : APPROVER_LISTS) {
            out.set(list, subjectSets(node.path(list), field + "." + list));
        }
        if (escalation && out.path("escalationApprovers").isEmpty()) {
            throw GraphException.invalidField(field + ".escalationApprovers", "Escalation needs escalation approvers.");
        }
        out.put("approverInformationVisibility", enumValue(node.path("approverInformationVisibility"),
                field + ".approverInformationVisibility", List.of("default", "notVisible", "visible"), "default"));
        if (node.has("tesseraRequiredApprovals")) {
            // Extension: a quorum of N approvals in this stage; plain Graph clients ignore it.
            out.put("tesseraRequiredApprovals", node.path("tesseraRequiredApprovals").asInt(1));
        }
        return out;
    }

    static ArrayNode subjectSets(JsonNode node, String field) {
        ArrayNode out = JSON.arrayNode();
        if (node.isMissingNode() || node.isNull()) {
            return out;
        }
        if (!node.isArray()) {
            throw GraphException.invalidField(field, "'" + field + "' must be an array.");
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode set = node.get(i);
            String type = odataType(set.path("@odata.type").asText(""));
            String at = field + "[" + i + "]";
            if (!set.isObject()) {
                throw GraphException.invalidField(at, "A subject set must be an object.");
            }
            String match = SUBJECT_SETS.stream().filter(t -> t.equalsIgnoreCase(type)).findFirst()
                    .orElseThrow(() -> GraphException.invalidField(at,
                            "Unknown subject set type '" + set.path("@odata.type").asText("") + "'."));
            ObjectNode copy = ((ObjectNode) set).deepCopy();
            copy.put("@odata.type", "#microsoft.graph." + match);
            String idField = REQUIRED_ID.get(match);
            if (idField != null) {
                Ids.parse(set.path(idField).asText(null), at + "." + idField);
            }
            if (match.equals("requestorManager") || match.equals("targetManager")) {
                copy.put("managerLevel", set.path("managerLevel").asInt(1));
            }
            out.add(copy);
        }
        return out;
    }

    static ArrayNode questions(JsonNode node) {
        ArrayNode out = JSON.arrayNode();
        if (node.isMissingNode() || node.isNull()) {
            return out;
        }
        if (!node.isArray()) {
            throw GraphException.invalidField("questions", "'questions' must be an array.");
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode question = node.get(i);
            String field = "questions[" + i + "]";
            String type = odataType(question.path("@odata.type").asText(""));
            String kind = type.equalsIgnoreCase("accessPackageTextInputQuestion") ? "accessPackageTextInputQuestion"
                    : type.equalsIgnoreCase("accessPackageMultipleChoiceQuestion") ? "accessPackageMultipleChoiceQuestion"
                    : null;
            if (kind == null) {
                throw GraphException.invalidField(field, "A question is an accessPackageTextInputQuestion or an "
                        + "accessPackageMultipleChoiceQuestion.");
            }
            if (question.path("text").asText("").isBlank()) {
                throw GraphException.invalidField(field + ".text", "A question needs its text.");
            }
            ObjectNode copy = ((ObjectNode) question).deepCopy();
            copy.put("@odata.type", "#microsoft.graph." + kind);
            String id = question.path("id").asText("");
            copy.put("id", Ids.isGuid(id) ? id : UUID.randomUUID().toString());
            copy.put("sequence", question.path("sequence").asInt(i));
            copy.put("isRequired", bool(question.path("isRequired"), field + ".isRequired"));
            copy.put("isAnswerEditable", bool(question.path("isAnswerEditable"), field + ".isAnswerEditable"));
            if (kind.equals("accessPackageTextInputQuestion") && question.hasNonNull("regexPattern")) {
                try {
                    java.util.regex.Pattern.compile(question.path("regexPattern").asText());
                } catch (java.util.regex.PatternSyntaxException e) {
                    throw GraphException.invalidField(field + ".regexPattern", "Invalid regular expression.");
                }
            }
            if (kind.equals("accessPackageMultipleChoiceQuestion") && question.path("choices").isEmpty()) {
                throw GraphException.invalidField(field + ".choices", "A multiple choice question needs choices.");
            }
            out.add(copy);
        }
        return out;
    }

    static void checkDuration(String iso, String field) {
        try {
            Duration duration = Duration.parse(iso);
            if (duration.isNegative() || duration.isZero()) {
                throw GraphException.invalidField(field, "'" + field + "' must be a positive duration.");
            }
        } catch (DateTimeParseException notTimeBased) {
            try {
                Period period = Period.parse(iso);
                if (period.isNegative() || period.isZero()) {
                    throw GraphException.invalidField(field, "'" + field + "' must be a positive duration.");
                }
            } catch (DateTimeParseException e) {
                throw GraphException.invalidField(field, "'" + iso + "' is not an ISO-8601 duration.");
            }
        }
    }

    static String enumValue(JsonNode node, String field, List<String> allowed, String fallback) {
        if (node.isMissingNode() || node.isNull()) {
            return fallback;
        }
        String text = node.asText();
        return allowed.stream().filter(a -> a.equalsIgnoreCase(text)).findFirst()
                .orElseThrow(() -> GraphException.invalidField(field, "Invalid value '" + text + "' for '" + field
                        + "'; allowed values: " + String.join(", ", allowed) + "."));
    }

    static boolean bool(JsonNode node, String field) {
        if (node.isMissingNode() || node.isNull()) {
            return false;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        String text = node.asText().toLowerCase(Locale.ROOT);
        if (text.equals("true") || text.equals("false")) {
            return Boolean.parseBoolean(text);
        }
        throw GraphException.invalidField(field, "'" + field + "' must be true or false.");
    }

    private static String odataType(String type) {
        String t = type.startsWith("#") ? type.substring(1) : type;
        return t.startsWith("microsoft.graph.") ? t.substring("microsoft.graph.".length()) : t;
    }

    private static JsonNode copyOrNull(JsonNode node) {
        return node == null || node.isNull() ? JSON.nullNode() : node.deepCopy();
    }
}
