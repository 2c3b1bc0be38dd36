package dev.tessera.request.beta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.platform.graph.beta.BetaEnum;
import dev.tessera.platform.graph.beta.BetaMapping;
import dev.tessera.platform.graph.GraphException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Beta {@code accessPackageAssignmentRequests} ↔ v1.0 {@code assignmentRequests} (request-service).
 * <ul>
 * <li>Bodies: the beta resource's own ({@code requestType}, {@code accessPackageAssignment:{…}},
 * {@code justification}, {@code answers}, {@code schedule}) and the beta PowerShell module's flattened parameter
 * sets ({@code -AccessPackageId -AssignmentPolicyId -TargetId [-StartDate]} and
 * {@code -AccessPackageAssignmentId}), which post those keys at the top level; both become v1.0's
 * {@code assignment:{…}}. Beta's PascalCase {@code requestType} becomes v1.0's member ({@link #REQUEST_TYPE}).</li>
 * <li>Answers: v1.0's {@code state} / {@code status} are beta's {@code requestState} (PascalCase) /
 * {@code requestStatus} (v1.0's {@code Delivered} is beta's {@code Fulfilled}), {@code completedDateTime} is
 * {@code completedDate}, the {@code assignment} navigation is {@code accessPackageAssignment} in the
 * {@link AccessPackageAssignmentsMapping beta assignment shape}.</li>
 * </ul>
 * The beans live in request-service, which serves both sets: the edge of a service translates only its own
 * sets ({@code BetaMappings}), so other services keep answering these beta paths with the not-served 404.
 */
@ApplicationScoped
public class AccessPackageAssignmentRequestsMapping implements BetaMapping {

    /**
     * Beta requestType strings → v1.0 accessPackageRequestType members: every v1.0 member, and beta's
     * {@code *Extend} types, which v1.0 spells as {@code *Update} (an extension updates the assignment's schedule).
     */
    public static final BetaEnum REQUEST_TYPE = BetaEnum.of(
            "NotSpecified", "notSpecified",
            "UserAdd", "userAdd",
            "UserUpdate", "userUpdate",
            "UserRemove", "userRemove",
            "AdminAdd", "adminAdd",
            "AdminUpdate", "adminUpdate",
            "AdminRemove", "adminRemove",
            "SystemAdd", "systemAdd",
            "SystemUpdate", "systemUpdate",
            "SystemRemove", "systemRemove",
            "OnBehalfAdd", "onBehalfAdd",
            "unknownFutureValue", "unknownFutureValue",
            "UserExtend", "userUpdate",
            "AdminExtend", "adminUpdate",
            "SystemExtend", "systemUpdate");

    /** accessPackageRequestState: every v1.0 member and beta's requestState string for it. */
    public static final BetaEnum REQUEST_STATE = BetaEnum.of(
            "Submitted", "submitted",
            "PendingApproval", "pendingApproval",
            "Delivering", "delivering",
            "Delivered", "delivered",
            "DeliveryFailed", "deliveryFailed",
            "Denied", "denied",
            "Scheduled", "scheduled",
            "Canceled", "canceled",
            "PartiallyDelivered", "partiallyDelivered",
            "unknownFutureValue", "unknownFutureValue");

    /** v1.0's status strings that beta spells differently; the others (Accepted, PendingApproval, …) are the same. */
    public static final BetaEnum REQUEST_STATUS = BetaEnum.of("Fulfilled", "Delivered");

    /** The keys the beta module's flattened parameter sets post at the top level, and their v1.0 assignment key. */
    private static final Map<String, String> FLAT_ASSIGNMENT = Map.of(
            "accessPackageId", "accessPackageId",
            "assignmentPolicyId", "assignmentPolicyId",
            "targetId", "targetId",
            "accessPackageAssignmentId", "id");

    private static final Map<String, String> PROPERTIES;

    static {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("requestState", "state");
        p.put("requestStatus", "status");
        p.put("completedDate", "completedDateTime");
        p.put("accessPackageAssignment/id", "assignment/id");
        p.put("accessPackageAssignment", "assignment");
        PROPERTIES = Map.copyOf(p);
    }

    @Inject
    AccessPackageAssignmentsMapping assignments;

    public AccessPackageAssignmentRequestsMapping() {
    }

    /** Outside CDI (unit tests). */
    public AccessPackageAssignmentRequestsMapping(AccessPackageAssignmentsMapping assignments) {
        this.assignments = assignments;
    }

    @Override
    public String betaSegment() {
        return "accessPackageAssignmentRequests";
    }

    @Override
    public String v1Segment() {
        return "assignmentRequests";
    }

    @Override
    public Map<String, String> properties() {
        return PROPERTIES;
    }

    @Override
    public ObjectNode requestToV1(ObjectNode beta) {
        ObjectNode v1 = JsonNodeFactory.instance.objectNode();
        if (beta == null) {
            return v1;
        }
        ObjectNode flat = JsonNodeFactory.instance.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = beta.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            String key = field.getKey();
            JsonNode value = field.getValue();
            if (FLAT_ASSIGNMENT.containsKey(key)) {
                flat.set(FLAT_ASSIGNMENT.get(key), value);
                continue;
            }
            switch (key) {
                case "requestType" -> v1.set("requestType", value.isTextual()
                        ? v1.textNode(REQUEST_TYPE.toV1(value.asText())) : value);
                // the body's assignment reference has the same keys in both versions
                case "accessPackageAssignment" -> v1.set("assignment", value.deepCopy());
                case "startDate" -> flat.set("startDate", value);
                case "isValidationOnly" -> {
                    if (value.asBoolean(false)) {
                        throw GraphException.badRequest("isValidationOnly is not supported: Tessera's beta "
                                + "accessPackageAssignmentRequests always create the request (see docs/beta.md).");
                    }
                }
                // beta's read-only properties the module's -BodyParameter may echo back; v1.0 sets its own
                case "requestState", "requestStatus", "completedDate", "expirationDateTime",
                        "customExtensionHandlerInstances" -> { }
                default -> v1.set(key, value);
            }
        }
        JsonNode startDate = flat.remove("startDate");
        if (!flat.isEmpty()) {
            ObjectNode assignment = AccessPackageAssignmentsMapping.object(v1, "assignment");
            flat.fields().forEachRemaining(f -> {
                if (!assignment.has(f.getKey())) {
                    assignment.set(f.getKey(), f.getValue());
                }
            });
        }
        if (startDate != null && !startDate.isNull() && !v1.has("schedule")) {
            v1.putObject("schedule").set("startDateTime", startDate);
        }
        return v1;
    }

    @Override
    public ObjectNode entityToBeta(ObjectNode v1) {
        ObjectNode beta = JsonNodeFactory.instance.objectNode();
        if (v1 == null) {
            return beta;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = v1.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode value = field.getValue();
            switch (field.getKey()) {
                case "requestType" -> beta.set("requestType", text(beta, value, REQUEST_TYPE));
                case "state" -> beta.set("requestState", text(beta, value, REQUEST_STATE));
                case "status" -> beta.set("requestStatus", text(beta, value, REQUEST_STATUS));
                case "completedDateTime" -> beta.set("completedDate", value);
                case "assignment" -> beta.set("accessPackageAssignment",
                        value instanceof ObjectNode assignment ? assignments.entityToBeta(assignment) : value);
                default -> beta.set(field.getKey(), value);
            }
        }
        if (v1.has("requestType")) {
            // beta properties v1.0 does not have: Tessera never validates only, and a request does not expire
            if (!beta.has("isValidationOnly")) {
                beta.put("isValidationOnly", false);
            }
            if (!beta.has("expirationDateTime")) {
                beta.putNull("expirationDateTime");
            }
        }
        return beta;
    }

    private static JsonNode text(ObjectNode factory, JsonNode value, BetaEnum table) {
        return value != null && value.isTextual() ? factory.textNode(table.toBeta(value.asText())) : value;
    }

    /** For docs and tests: the beta requestType strings this mapping takes. */
    public static List<String> betaRequestTypes() {
        return List.of("NotSpecified", "UserAdd", "UserUpdate", "UserRemove", "AdminAdd", "AdminUpdate", "AdminRemove",
                "SystemAdd", "SystemUpdate", "SystemRemove", "OnBehalfAdd", "UserExtend", "AdminExtend", "SystemExtend");
    }
}
