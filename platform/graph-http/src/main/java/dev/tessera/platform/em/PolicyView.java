package dev.tessera.platform.em;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Read-only view of an accessPackageAssignmentPolicy as catalog-service serves it. Lenient the way
 * Graph is: Booleans may arrive as strings, enum values in any case.
 */
public record PolicyView(JsonNode json) {

    public UUID id() {
        return UUID.fromString(json.path("id").asText());
    }

    public String displayName() {
        return json.path("displayName").asText(null);
    }

    /** allowedTargetScope in lower case, {@code notspecified} when absent. */
    public String allowedTargetScope() {
        String scope = json.path("allowedTargetScope").asText("");
        return scope.isEmpty() ? "notspecified" : scope.toLowerCase(Locale.ROOT);
    }

    public List<JsonNode> specificAllowedTargets() {
        List<JsonNode> targets = new ArrayList<>();
        json.path("specificAllowedTargets").forEach(targets::add);
        return targets;
    }

    public boolean selfAddEnabled() {
        return flag(json.path("requestorSettings"), "enableTargetsToSelfAddAccess");
    }

    public boolean selfUpdateEnabled() {
        return flag(json.path("requestorSettings"), "enableTargetsToSelfUpdateAccess");
    }

    public boolean approvalRequiredForUpdate() {
        return flag(json.path("requestApprovalSettings"), "isApprovalRequiredForUpdate");
    }

    public boolean selfRemoveEnabled() {
        return flag(json.path("requestorSettings"), "enableTargetsToSelfRemoveAccess");
    }

    public boolean customScheduleAllowed() {
        return flag(json.path("requestorSettings"), "allowCustomAssignmentSchedule");
    }

    public boolean approvalRequiredForAdd() {
        return flag(json.path("requestApprovalSettings"), "isApprovalRequiredForAdd");
    }

    /** requestApprovalSettings.stages, in order (at most three). */
    public List<JsonNode> approvalStages() {
        List<JsonNode> stages = new ArrayList<>();
        json.path("requestApprovalSettings").path("stages").forEach(stages::add);
        return stages;
    }

    public boolean justificationRequired() {
        return flag(json.path("requestApprovalSettings"), "isRequestorJustificationRequired");
    }

    /** expiration.type in lower case: noexpiration, afterdatetime, afterduration or notspecified. */
    public String expirationType() {
        String type = json.path("expiration").path("type").asText("");
        return type.isEmpty() ? "notspecified" : type.toLowerCase(Locale.ROOT);
    }

    public String expirationDuration() {
        return json.path("expiration").path("duration").asText(null);
    }

    public String expirationEndDateTime() {
        return json.path("expiration").path("endDateTime").asText(null);
    }

    /** The @odata.type of a subject set without namespace, e.g. {@code singleuser}. */
    public static String subjectType(JsonNode subjectSet) {
        String type = subjectSet.path("@odata.type").asText("").toLowerCase(Locale.ROOT);
        int dot = type.lastIndexOf('.');
        return dot >= 0 ? type.substring(dot + 1) : type.replace("#", "");
    }

    public static boolean flag(JsonNode parent, String name) {
        JsonNode value = parent.path(name);
        return value.isBoolean() ? value.booleanValue() : "true".equalsIgnoreCase(value.asText());
    }
}
