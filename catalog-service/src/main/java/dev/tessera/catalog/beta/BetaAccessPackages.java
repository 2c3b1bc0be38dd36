package dev.tessera.catalog.beta;

import static dev.tessera.platform.graph.beta.BetaJson.canonical;
import static dev.tessera.platform.graph.beta.BetaJson.take;

import com.fasterxml.jackson.databind.JsonNode;
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
        BetaItems.renameEach(v1, "resourceRoleScopes", "accessPackageResourceRoleScopes", o -> BetaResourceRoleScopes.toBeta(o));
        BetaItems.renameEach(v1, "assignmentPolicies", "accessPackageAssignmentPolicies", o -> BetaAssignmentPolicies.toBeta(o));
        return v1;
    }
}
