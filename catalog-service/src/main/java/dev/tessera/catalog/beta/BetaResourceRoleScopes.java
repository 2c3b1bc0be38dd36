package dev.tessera.catalog.beta;

import static dev.tessera.platform.graph.beta.BetaJson.rename;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.platform.graph.beta.BetaMapping;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/** Beta {@code accessPackageResourceRoleScopes} ↔ v1.0 {@code resourceRoleScopes} (of an access package). */
@ApplicationScoped
public class BetaResourceRoleScopes implements BetaMapping {

    @Override
    public String betaSegment() {
        return "accessPackageResourceRoleScopes";
    }

    @Override
    public String v1Segment() {
        return "resourceRoleScopes";
    }

    @Override
    public Map<String, String> properties() {
        return Map.of("accessPackageResourceRole", "role", "accessPackageResourceScope", "scope");
    }

    @Override
    public ObjectNode requestToV1(ObjectNode beta) {
        rename(beta, "accessPackageResourceRole", "role");
        rename(beta, "accessPackageResourceScope", "scope");
        if (beta.get("role") instanceof ObjectNode role) {
            BetaResourceRoles.refToV1(role);
        }
        if (beta.get("scope") instanceof ObjectNode scope) {
            BetaResources.scopeToV1(scope);
        }
        return beta;
    }

    @Override
    public ObjectNode entityToBeta(ObjectNode v1) {
        return toBeta(v1);
    }

    static ObjectNode toBeta(ObjectNode v1) {
        JsonNode role = v1.remove("role");
        if (role instanceof ObjectNode o) {
            v1.set("accessPackageResourceRole", BetaResourceRoles.toBeta(o));
        }
        JsonNode scope = v1.remove("scope");
        if (scope instanceof ObjectNode o) {
            v1.set("accessPackageResourceScope", BetaResources.scopeToBeta(o));
        }
        return v1;
    }
}
