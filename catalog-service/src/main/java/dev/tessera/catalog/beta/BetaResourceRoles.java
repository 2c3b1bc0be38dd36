package dev.tessera.catalog.beta;

import static dev.tessera.platform.graph.beta.BetaJson.canonical;
import static dev.tessera.platform.graph.beta.BetaJson.rename;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.platform.graph.beta.BetaMapping;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/** Beta {@code accessPackageResourceRoles} ↔ v1.0 {@code resourceRoles} (of a catalog). */
@ApplicationScoped
public class BetaResourceRoles implements BetaMapping {

    @Override
    public String betaSegment() {
        return "accessPackageResourceRoles";
    }

    @Override
    public String v1Segment() {
        return "resourceRoles";
    }

    @Override
    public Map<String, String> properties() {
        return Map.of("accessPackageResource", "resource");
    }

    @Override
    public ObjectNode requestToV1(ObjectNode beta) {
        return refToV1(beta);
    }

    @Override
    public ObjectNode entityToBeta(ObjectNode v1) {
        return toBeta(v1);
    }

    static ObjectNode refToV1(ObjectNode beta) {
        canonical(beta, "id", "displayName", "description", "originId", "originSystem");
        rename(beta, "accessPackageResource", "resource");
        if (beta.get("resource") instanceof ObjectNode resource) {
            BetaResources.refToV1(resource);
        }
        return beta;
    }

    static ObjectNode toBeta(ObjectNode v1) {
        JsonNode resource = v1.remove("resource");
        if (resource instanceof ObjectNode o) {
            v1.set("accessPackageResource", BetaResources.toBeta(o));
        }
        return v1;
    }
}
