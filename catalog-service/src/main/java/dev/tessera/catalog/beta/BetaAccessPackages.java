package dev.tessera.catalog.beta;

import static dev.tessera.platform.graph.beta.BetaJson.canonical;
import static dev.tessera.platform.graph.beta.BetaJson.take;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.platform.graph.beta.BetaMapping;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/** Beta {@code accessPackages} ↔ v1.0 {@code accessPackages}: {@code catalogId} is v1.0's {@code catalog}. */
@ApplicationScoped
public class BetaAccessPackages implements BetaMapping {

    @Override
    public String betaSegment() {
        return "accessPackages";
    }

    @Override
    public String v1Segment() {
        return "accessPackages";
    }

    @Override
    public Map<String, String> properties() {
        return Map.of("catalogId", "catalog/id", "accessPackageCatalog", "catalog",
                "accessPackageResourceRoleScopes", "resourceRoleScopes",
                "accessPackageAssignmentPolicies", "assignmentPolicies",
                "accessPackageResourceRole", "role", "accessPackageResourceScope", "scope");
    }

    @Override
    public ObjectNode requestToV1(ObjectNode beta) {
        canonical(beta, "displayName", "description", "isHidden");
        JsonNode catalogId = take(beta, "catalogId");
        if (catalogId != null && !catalogId.isNull()) {
            beta.putObject("catalog").put("id", catalogId.asText().trim());
        }
        take(beta, "isRoleScopesVisible"); // beta only, not kept
        return beta;
    }

    @Override
    public ObjectNode entityToBeta(ObjectNode v1) {
        return toBeta(v1);
    }

    static ObjectNode toBeta(ObjectNode v1) {
        JsonNode catalog = v1.remove("catalog");
        if (catalog instanceof ObjectNode o) {
            v1.put("catalogId", o.path("id").asText());
            v1.set("accessPackageCatalog", BetaCatalogs.toBeta(o));
        }
        v1.put("isRoleScopesVisible", false);
        JsonNode roleScopes = v1.remove("resourceRoleScopes");
        if (roleScopes instanceof ArrayNode list) {
            list.forEach(r -> {
                if (r instanceof ObjectNode o) {
                    BetaResourceRoleScopes.toBeta(o);
                }
            });
            v1.set("accessPackageResourceRoleScopes", list);
        }
        JsonNode policies = v1.remove("assignmentPolicies");
        if (policies instanceof ArrayNode list) {
            list.forEach(p -> {
                if (p instanceof ObjectNode o) {
                    BetaAssignmentPolicies.toBeta(o);
                }
            });
            v1.set("accessPackageAssignmentPolicies", list);
        }
        return v1;
    }
}
