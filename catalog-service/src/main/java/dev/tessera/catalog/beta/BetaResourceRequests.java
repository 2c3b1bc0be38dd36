package dev.tessera.catalog.beta;

import static dev.tessera.platform.graph.beta.BetaJson.camel;
import static dev.tessera.platform.graph.beta.BetaJson.canonical;
import static dev.tessera.platform.graph.beta.BetaJson.mapText;
import static dev.tessera.platform.graph.beta.BetaJson.pascal;
import static dev.tessera.platform.graph.beta.BetaJson.rename;
import static dev.tessera.platform.graph.beta.BetaJson.take;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.platform.graph.beta.BetaMapping;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/**
 * Beta {@code accessPackageResourceRequests} ↔ v1.0 {@code resourceRequests}: {@code catalogId} is v1.0's
 * {@code catalog}, {@code accessPackageResource} its {@code resource}, {@code requestState} its {@code state};
 * {@code requestStatus} (beta only) follows from the state.
 */
@ApplicationScoped
public class BetaResourceRequests implements BetaMapping {

    @Override
    public String betaSegment() {
        return "accessPackageResourceRequests";
    }

    @Override
    public String v1Segment() {
        return "resourceRequests";
    }

    @Override
    public Map<String, String> properties() {
        return Map.of("catalogId", "catalog/id", "accessPackageResource", "resource", "requestState", "state");
    }

    @Override
    public ObjectNode requestToV1(ObjectNode beta) {
        canonical(beta, "requestType", "justification");
        mapText(beta, "requestType", s -> camel(s));
        JsonNode catalogId = take(beta, "catalogId");
        if (catalogId != null && !catalogId.isNull()) {
            beta.putObject("catalog").put("id", catalogId.asText().trim());
        }
        rename(beta, "accessPackageResource", "resource");
        if (beta.get("resource") instanceof ObjectNode resource) {
            BetaResources.refToV1(resource);
        }
        take(beta, "executeImmediately");
        take(beta, "isValidationOnly");
        return beta;
    }

    @Override
    public ObjectNode entityToBeta(ObjectNode v1) {
        mapText(v1, "requestType", s -> pascal(s));
        JsonNode state = v1.remove("state");
        if (state != null && state.isTextual()) {
            v1.put("requestState", pascal(state.asText()));
            v1.put("requestStatus", status(state.asText()));
        }
        JsonNode catalog = v1.remove("catalog");
        if (catalog instanceof ObjectNode o) {
            v1.put("catalogId", o.path("id").asText());
        }
        JsonNode resource = v1.remove("resource");
        if (resource instanceof ObjectNode o) {
            v1.set("accessPackageResource", BetaResources.toBeta(o));
        }
        v1.put("executeImmediately", false);
        return v1;
    }

    /** Beta's {@code requestStatus} for a v1.0 state: resource requests are applied at once. */
    static String status(String state) {
        return switch (state) {
            case "delivered" -> "Fulfilled";
            case "submitted", "delivering", "pendingApproval", "scheduled" -> "Accepted";
            default -> pascal(state);
        };
    }
}
