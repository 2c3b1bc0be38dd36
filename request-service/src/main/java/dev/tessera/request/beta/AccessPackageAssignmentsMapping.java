package dev.tessera.request.beta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.platform.graph.beta.BetaV1Expand;
import dev.tessera.platform.graph.beta.BetaEnum;
import dev.tessera.platform.graph.beta.BetaMapping;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Beta {@code accessPackageAssignments} ↔ v1.0 {@code assignments} (request-service). Beta shows the foreign keys
 * {@code accessPackageId}, {@code assignmentPolicyId}, {@code catalogId}, {@code targetId} that v1.0 has only as
 * navigation properties, so the edge always expands those on the v1.0 request ({@link BetaV1Expand}); beta's
 * {@code assignmentState} / {@code assignmentStatus} are v1.0's {@code state} / {@code status}, the state in
 * PascalCase; beta's navigation {@code accessPackageAssignmentPolicy} is v1.0's {@code assignmentPolicy}.
 * Assignments are read-only in both versions (they change through requests).
 */
@ApplicationScoped
public class AccessPackageAssignmentsMapping implements BetaMapping, BetaV1Expand {

    /** accessPackageAssignmentState: every v1.0 member, and beta's PascalCase string for it. */
    public static final BetaEnum STATE = BetaEnum.of(
            "Delivering", "delivering",
            "PartiallyDelivered", "partiallyDelivered",
            "Delivered", "delivered",
            "Expired", "expired",
            "DeliveryFailed", "deliveryFailed",
            "unknownFutureValue", "unknownFutureValue");

    private static final Map<String, String> PROPERTIES;

    static {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("accessPackageAssignmentPolicy/id", "assignmentPolicy/id");
        p.put("accessPackageAssignmentPolicy", "assignmentPolicy");
        p.put("assignmentPolicyId", "assignmentPolicy/id");
        p.put("accessPackageId", "accessPackage/id");
        p.put("targetId", "target/objectId");
        p.put("assignmentState", "state");
        p.put("assignmentStatus", "status");
        PROPERTIES = Map.copyOf(p);
    }

    @Override
    public String betaSegment() {
        return "accessPackageAssignments";
    }

    @Override
    public String v1Segment() {
        return "assignments";
    }

    @Override
    public Map<String, String> properties() {
        return PROPERTIES;
    }

    @Override
    public List<String> v1Expand() {
        return List.of("accessPackage", "assignmentPolicy", "target");
    }

    /** Assignments are not written directly; a body is renamed as far as it maps, and v1.0 answers it. */
    @Override
    public ObjectNode requestToV1(ObjectNode beta) {
        ObjectNode v1 = JsonNodeFactory.instance.objectNode();
        if (beta == null) {
            return v1;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = beta.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            switch (field.getKey()) {
                case "assignmentState" -> v1.set("state", field.getValue().isTextual()
                        ? v1.textNode(STATE.toV1(field.getValue().asText())) : field.getValue());
                case "assignmentStatus" -> v1.set("status", field.getValue());
                case "accessPackageAssignmentPolicy" -> v1.set("assignmentPolicy", field.getValue());
                case "accessPackageId" -> object(v1, "accessPackage").set("id", field.getValue());
                case "assignmentPolicyId" -> object(v1, "assignmentPolicy").set("id", field.getValue());
                case "targetId" -> object(v1, "target").set("objectId", field.getValue());
                case "catalogId", "isExtended" -> { } // derived in beta; v1.0 has no such property
                default -> v1.set(field.getKey(), field.getValue());
            }
        }
        return v1;
    }

    /** The object property {@code name} of {@code node}, created when absent. */
    static ObjectNode object(ObjectNode node, String name) {
        JsonNode existing = node.get(name);
        return existing instanceof ObjectNode object ? object : node.putObject(name);
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
                case "state" -> beta.set("assignmentState", value.isTextual() ? beta.textNode(STATE.toBeta(value.asText())) : value);
                case "status" -> beta.set("assignmentStatus", value);
                case "assignmentPolicy" -> beta.set("accessPackageAssignmentPolicy", value);
                default -> beta.set(field.getKey(), value);
            }
        }
        JsonNode accessPackage = v1.get("accessPackage");
        if (accessPackage != null && accessPackage.hasNonNull("id")) {
            beta.set("accessPackageId", accessPackage.get("id"));
            JsonNode catalogId = accessPackage.path("catalog").path("id");
            if (catalogId.isMissingNode() || catalogId.isNull()) {
                catalogId = accessPackage.path("catalogId");
            }
            if (catalogId.isTextual()) {
                beta.set("catalogId", catalogId);
            }
        }
        JsonNode policy = v1.get("assignmentPolicy");
        if (policy != null && policy.hasNonNull("id")) {
            beta.set("assignmentPolicyId", policy.get("id"));
        }
        JsonNode target = v1.get("target");
        if (target != null && target.hasNonNull("objectId")) {
            beta.set("targetId", target.get("objectId"));
        }
        if (v1.has("state") && !v1.has("isExtended")) {
            // v1.0 has no extension flag; an extension is a new request and Tessera does not mark assignments
            beta.put("isExtended", false);
        }
        return beta;
    }
}
