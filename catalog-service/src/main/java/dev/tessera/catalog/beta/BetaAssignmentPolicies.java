package dev.tessera.catalog.beta;

import static dev.tessera.platform.graph.beta.BetaJson.get;
import static dev.tessera.platform.graph.beta.BetaJson.isTrue;
import static dev.tessera.platform.graph.beta.BetaJson.take;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.platform.graph.beta.BetaJson;
import dev.tessera.platform.graph.beta.BetaMapping;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Beta {@code accessPackageAssignmentPolicies} ↔ v1.0 {@code assignmentPolicies} (docs/beta.md has the table):
 * {@code accessPackageId} ↔ {@code accessPackage}, {@code durationInDays}/{@code expirationDateTime} ↔
 * {@code expiration}, {@code requestorSettings{scopeType, acceptRequests, allowedRequestors}} ↔
 * {@code allowedTargetScope}, {@code specificAllowedTargets}, {@code requestorSettings.enableTargetsTo…},
 * {@code requestApprovalSettings{isApprovalRequired, approvalMode, approvalStages}} ↔
 * {@code requestApprovalSettings{isApprovalRequiredForAdd, stages}}.
 */
@ApplicationScoped
public class BetaAssignmentPolicies implements BetaMapping {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** Beta {@code scopeType} ↔ v1.0 {@code allowedTargetScope}; the first of each pair is the way back. */
    static final Map<String, String> SCOPE_TO_V1 = Map.of(
            "NoSubjects", "notSpecified",
            "SpecificDirectorySubjects", "specificDirectoryUsers",
            "SpecificConnectedOrganizationSubjects", "specificConnectedOrganizationUsers",
            "AllConfiguredConnectedOrganizationSubjects", "allConfiguredConnectedOrganizationUsers",
            "AllExistingConnectedOrganizationSubjects", "allConfiguredConnectedOrganizationUsers",
            "AllExistingDirectoryMemberUsers", "allMemberUsers",
            "AllExistingDirectorySubjects", "allDirectoryUsers",
            "AllExternalSubjects", "allExternalUsers");
    static final Map<String, String> SCOPE_TO_BETA = Map.of(
            "notSpecified", "NoSubjects",
            "specificDirectoryUsers", "SpecificDirectorySubjects",
            "specificConnectedOrganizationUsers", "SpecificConnectedOrganizationSubjects",
            "allConfiguredConnectedOrganizationUsers", "AllConfiguredConnectedOrganizationSubjects",
            "allMemberUsers", "AllExistingDirectoryMemberUsers",
            "allDirectoryUsers", "AllExistingDirectorySubjects",
            "allExternalUsers", "AllExternalSubjects");
    /** The subject sets whose beta {@code id} is a named v1.0 property. */
    static final Map<String, String> SUBJECT_ID = Map.of(
            "#microsoft.graph.singleUser", "userId",
            "#microsoft.graph.groupMembers", "groupId",
            "#microsoft.graph.connectedOrganizationMembers", "connectedOrganizationId",
            "#microsoft.graph.singleServicePrincipal", "servicePrincipalId");

    private static final Pattern DAYS = Pattern.compile("P(\\d+)D");
    private static final Pattern MINUTES = Pattern.compile("PT(\\d+)M");
    private static final Pattern HOURS = Pattern.compile("PT(\\d+)H");

    @Override
    public String betaSegment() {
        return "accessPackageAssignmentPolicies";
    }

    @Override
    public String v1Segment() {
        return "assignmentPolicies";
    }

    @Override
    public Map<String, String> properties() {
        return Map.of("accessPackageId", "accessPackage/id", "accessPackageCatalog", "catalog");
    }

    @Override
    public ObjectNode requestToV1(ObjectNode beta) {
        ObjectNode v1 = JSON.objectNode();
        copy(beta, v1, "displayName");
        copy(beta, v1, "description");
        JsonNode packageId = take(beta, "accessPackageId");
        if (packageId != null && !packageId.isNull()) {
            v1.putObject("accessPackage").put("id", packageId.asText().trim());
        }
        JsonNode days = take(beta, "durationInDays");
        JsonNode until = take(beta, "expirationDateTime");
        if (days != null && !days.isNull()) {
            v1.putObject("expiration").put("type", "afterDuration").put("duration", "P" + days.asText().trim() + "D");
        } else if (until != null && !until.isNull()) {
            v1.putObject("expiration").put("type", "afterDateTime").put("endDateTime", until.asText().trim());
        } else if (days != null || until != null) {
            v1.putObject("expiration").put("type", "noExpiration");
        }
        JsonNode canExtend = take(beta, "canExtend");
        if (get(beta, "requestorSettings") instanceof ObjectNode requestor) {
            String scopeType = text(get(requestor, "scopeType"));
            if (scopeType != null) {
                v1.put("allowedTargetScope", SCOPE_TO_V1.entrySet().stream()
                        .filter(e -> e.getKey().equalsIgnoreCase(scopeType)).map(Map.Entry::getValue)
                        .findFirst().orElse(scopeType)); // unknown: v1.0 refuses it by name
            }
            JsonNode allowed = get(requestor, "allowedRequestors");
            if (allowed instanceof ArrayNode list) {
                v1.set("specificAllowedTargets", subjectsToV1(list));
            }
            boolean accept = isTrue(get(requestor, "acceptRequests"));
            boolean extend = canExtend == null || canExtend.isNull() || isTrue(canExtend);
            ObjectNode settings = v1.putObject("requestorSettings");
            settings.put("enableTargetsToSelfAddAccess", accept);
            settings.put("enableTargetsToSelfUpdateAccess", accept && extend);
            settings.put("enableTargetsToSelfRemoveAccess", accept);
            settings.put("allowCustomAssignmentSchedule", false);
            settings.put("enableOnBehalfRequestorsToAddAccess", false);
            settings.put("enableOnBehalfRequestorsToUpdateAccess", false);
            settings.put("enableOnBehalfRequestorsToRemoveAccess", false);
            settings.putArray("onBehalfRequestors");
        }
        if (get(beta, "requestApprovalSettings") instanceof ObjectNode approval) {
            ObjectNode settings = v1.putObject("requestApprovalSettings");
            settings.put("isApprovalRequiredForAdd", isTrue(get(approval, "isApprovalRequired")));
            settings.put("isApprovalRequiredForUpdate", isTrue(get(approval, "isApprovalRequiredForExtension")));
            settings.put("isRequestorJustificationRequired", isTrue(get(approval, "isRequestorJustificationRequired")));
            ArrayNode stages = settings.putArray("stages");
            for (JsonNode stage : array(get(approval, "approvalStages"))) {
                if (stage instanceof ObjectNode s) {
                    stages.add(stageToV1(s));
                }
            }
        }
        // anything else beta sends passes through under its own name: v1.0 ignores or refuses it
        beta.fields().forEachRemaining(f -> {
            if (!f.getKey().equalsIgnoreCase("requestorSettings") && !f.getKey().equalsIgnoreCase("requestApprovalSettings")
                    && !v1.has(f.getKey())) {
                v1.set(f.getKey(), f.getValue());
            }
        });
        return v1;
    }

    @Override
    public ObjectNode entityToBeta(ObjectNode v1) {
        return toBeta(v1);
    }

    static ObjectNode toBeta(ObjectNode v1) {
        JsonNode accessPackage = v1.get("accessPackage");
        if (accessPackage instanceof ObjectNode o) {
            v1.put("accessPackageId", o.path("id").asText());
            BetaAccessPackages.toBeta(o);
        }
        JsonNode catalog = v1.remove("catalog");
        if (catalog instanceof ObjectNode o) {
            v1.set("accessPackageCatalog", BetaCatalogs.toBeta(o));
        }
        JsonNode expiration = v1.remove("expiration");
        Integer days = null;
        String until = null;
        if (expiration instanceof ObjectNode e) {
            String type = e.path("type").asText();
            if (type.equals("afterDuration")) {
                days = durationDays(e.path("duration").asText());
            } else if (type.equals("afterDateTime")) {
                until = e.path("endDateTime").asText(null);
            }
        }
        if (days == null) {
            v1.putNull("durationInDays");
        } else {
            v1.put("durationInDays", days);
        }
        v1.put("expirationDateTime", until);
        JsonNode scope = v1.remove("allowedTargetScope");
        JsonNode targets = v1.remove("specificAllowedTargets");
        JsonNode requestor = v1.remove("requestorSettings");
        boolean accept = isTrue(requestor == null ? null : requestor.get("enableTargetsToSelfAddAccess"));
        boolean extend = isTrue(requestor == null ? null : requestor.get("enableTargetsToSelfUpdateAccess"));
        v1.put("canExtend", extend);
        ObjectNode requestorSettings = v1.putObject("requestorSettings");
        String scopeText = scope == null || scope.isNull() ? "notSpecified" : scope.asText();
        requestorSettings.put("scopeType", SCOPE_TO_BETA.getOrDefault(scopeText, BetaJson.pascal(scopeText)));
        requestorSettings.put("acceptRequests", accept);
        requestorSettings.set("allowedRequestors", subjectsToBeta(targets));
        JsonNode approval = v1.remove("requestApprovalSettings");
        ObjectNode approvalSettings = v1.putObject("requestApprovalSettings");
        boolean required = isTrue(approval == null ? null : approval.get("isApprovalRequiredForAdd"));
        approvalSettings.put("isApprovalRequired", required);
        approvalSettings.put("isApprovalRequiredForExtension",
                isTrue(approval == null ? null : approval.get("isApprovalRequiredForUpdate")));
        approvalSettings.put("isRequestorJustificationRequired",
                isTrue(approval == null ? null : approval.get("isRequestorJustificationRequired")));
        ArrayNode stages = approvalSettings.putArray("approvalStages");
        for (JsonNode stage : array(approval == null ? null : approval.get("stages"))) {
            if (stage instanceof ObjectNode s) {
                stages.add(stageToBeta(s));
            }
        }
        approvalSettings.put("approvalMode", !required || stages.isEmpty() ? "NoApproval"
                : stages.size() == 1 ? "SingleStage" : "Serial");
        return v1;
    }

    static ObjectNode stageToV1(ObjectNode beta) {
        ObjectNode v1 = JSON.objectNode();
        JsonNode timeout = get(beta, "approvalStageTimeOutInDays");
        if (timeout != null && !timeout.isNull()) {
            v1.put("durationBeforeAutomaticDenial", "P" + timeout.asText().trim() + "D");
        }
        v1.put("isApproverJustificationRequired", isTrue(get(beta, "isApproverJustificationRequired")));
        v1.put("isEscalationEnabled", isTrue(get(beta, "isEscalationEnabled")));
        JsonNode escalation = get(beta, "escalationTimeInMinutes");
        if (escalation != null && !escalation.isNull()) {
            v1.put("durationBeforeEscalation", "PT" + escalation.asText().trim() + "M");
        }
        ArrayNode primary = JSON.arrayNode();
        ArrayNode fallbackPrimary = JSON.arrayNode();
        for (JsonNode approver : array(get(beta, "primaryApprovers"))) {
            (isTrue(get(approver, "isBackup")) ? fallbackPrimary : primary).add(subjectToV1(approver));
        }
        ArrayNode escalationApprovers = JSON.arrayNode();
        ArrayNode fallbackEscalation = JSON.arrayNode();
        for (JsonNode approver : array(get(beta, "escalationApprovers"))) {
            (isTrue(get(approver, "isBackup")) ? fallbackEscalation : escalationApprovers).add(subjectToV1(approver));
        }
        v1.set("primaryApprovers", primary);
        v1.set("fallbackPrimaryApprovers", fallbackPrimary);
        v1.set("escalationApprovers", escalationApprovers);
        v1.set("fallbackEscalationApprovers", fallbackEscalation);
        return v1;
    }

    static ObjectNode stageToBeta(ObjectNode v1) {
        ObjectNode beta = JSON.objectNode();
        Integer days = durationDays(v1.path("durationBeforeAutomaticDenial").asText());
        if (days == null) {
            beta.putNull("approvalStageTimeOutInDays");
        } else {
            beta.put("approvalStageTimeOutInDays", days);
        }
        beta.put("isApproverJustificationRequired", isTrue(v1.get("isApproverJustificationRequired")));
        beta.put("isEscalationEnabled", isTrue(v1.get("isEscalationEnabled")));
        Integer minutes = durationMinutes(v1.path("durationBeforeEscalation").asText());
        if (minutes == null) {
            beta.putNull("escalationTimeInMinutes");
        } else {
            beta.put("escalationTimeInMinutes", minutes);
        }
        ArrayNode primary = subjectsToBeta(v1.get("primaryApprovers"));
        subjectsToBeta(v1.get("fallbackPrimaryApprovers")).forEach(s -> primary.add(((ObjectNode) s).put("isBackup", true)));
        ArrayNode escalation = subjectsToBeta(v1.get("escalationApprovers"));
        subjectsToBeta(v1.get("fallbackEscalationApprovers")).forEach(s -> escalation.add(((ObjectNode) s).put("isBackup", true)));
        beta.set("primaryApprovers", primary);
        beta.set("escalationApprovers", escalation);
        return beta;
    }

    static ArrayNode subjectsToV1(ArrayNode beta) {
        ArrayNode v1 = JSON.arrayNode();
        beta.forEach(s -> v1.add(subjectToV1(s)));
        return v1;
    }

    /** Beta userSet ({@code id}, {@code isBackup}) → v1.0 subjectSet ({@code userId}…). */
    static JsonNode subjectToV1(JsonNode beta) {
        if (!(beta instanceof ObjectNode in)) {
            return beta;
        }
        ObjectNode v1 = in.deepCopy();
        BetaJson.rename(v1, "@odata.type", "@odata.type");
        take(v1, "isBackup");
        String idName = SUBJECT_ID.get(v1.path("@odata.type").asText());
        JsonNode id = take(v1, "id");
        if (idName != null && id != null) {
            v1.set(idName, id);
        } else if (id != null) {
            v1.set("id", id);
        }
        BetaJson.canonical(v1, "description", "managerLevel");
        return v1;
    }

    static ArrayNode subjectsToBeta(JsonNode v1) {
        ArrayNode beta = JSON.arrayNode();
        for (JsonNode s : array(v1)) {
            if (!(s instanceof ObjectNode in)) {
                continue;
            }
            ObjectNode out = in.deepCopy();
            String idName = SUBJECT_ID.get(out.path("@odata.type").asText());
            if (idName != null && out.has(idName)) {
                out.set("id", out.remove(idName));
            }
            out.put("isBackup", false);
            beta.add(out);
        }
        return beta;
    }

    /** An array, or PowerShell's {@code '[]'} written as a string, or nothing. */
    static Iterable<JsonNode> array(JsonNode node) {
        if (node instanceof ArrayNode list) {
            return list;
        }
        return JSON.arrayNode();
    }

    static Integer durationDays(String iso) {
        Matcher m = DAYS.matcher(iso == null ? "" : iso);
        return m.matches() ? Integer.valueOf(m.group(1)) : null;
    }

    static Integer durationMinutes(String iso) {
        Matcher m = MINUTES.matcher(iso == null ? "" : iso);
        if (m.matches()) {
            return Integer.valueOf(m.group(1));
        }
        Matcher h = HOURS.matcher(iso == null ? "" : iso);
        return h.matches() ? Integer.valueOf(h.group(1)) * 60 : null;
    }

    private static void copy(ObjectNode from, ObjectNode to, String name) {
        JsonNode value = take(from, name);
        if (value != null) {
            to.set(name, value);
        }
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText().trim();
    }
}
