package dev.tessera.catalog.beta;

import static dev.tessera.platform.graph.beta.BetaJson.canonical;
import static dev.tessera.platform.graph.beta.BetaJson.rename;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.platform.graph.beta.BetaMapping;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/**
 * Beta {@code accessPackageResources} ↔ v1.0 {@code resources} (of a catalog), and the resource scope shape
 * (beta {@code accessPackageResourceScope}) used inside them and in resource role scopes.
 */
@ApplicationScoped
public class BetaResources implements BetaMapping {

    @Override
    public String betaSegment() {
        return "accessPackageResources";
    }

    @Override
    public String v1Segment() {
        return "resources";
    }

    @Override
    public Map<String, String> properties() {
        return Map.of("addedOn", "createdDateTime", "accessPackageResourceRoles", "roles",
                "accessPackageResourceScopes", "scopes");
    }

    @Override
    public ObjectNode requestToV1(ObjectNode beta) {
        return refToV1(beta);
    }

    @Override
    public ObjectNode entityToBeta(ObjectNode v1) {
        return toBeta(v1);
    }

    /** A resource reference in a beta body ({@code accessPackageResource}) as v1.0 reads it. */
    static ObjectNode refToV1(ObjectNode beta) {
        canonical(beta, "id", "displayName", "description", "originId", "originSystem");
        beta.remove("resourceType");
        return beta;
    }

    /** {@code resourceType} as beta shows it, from the origin system (Tessera keeps no separate type). */
    static String resourceType(String originSystem) {
        return switch (originSystem == null ? "" : originSystem) {
            case "AadGroup" -> "Security Group";
            case "AadApplication" -> "Application";
            case "SharePointOnline" -> "SharePoint Online Site";
            default -> originSystem;
        };
    }

    static ObjectNode toBeta(ObjectNode v1) {
        JsonNode created = v1.get("createdDateTime");
        if (created != null) {
            v1.set("addedOn", created);
        }
        if (v1.hasNonNull("originSystem")) {
            v1.put("resourceType", resourceType(v1.get("originSystem").asText()));
        }
        v1.put("isPendingOnboarding", false);
        BetaItems.renameEach(v1, "roles", "accessPackageResourceRoles", o -> BetaResourceRoles.toBeta(o));
        BetaItems.renameEach(v1, "scopes", "accessPackageResourceScopes", o -> scopeToBeta(o));
        return v1;
    }

    /** v1.0 accessPackageResourceScope → beta: {@code resource} is {@code accessPackageResource}. */
    static ObjectNode scopeToBeta(ObjectNode v1) {
        JsonNode resource = v1.remove("resource");
        if (resource instanceof ObjectNode o) {
            v1.set("accessPackageResource", toBeta(o));
        }
        return v1;
    }

    /** A beta scope reference as v1.0 reads it. */
    static ObjectNode scopeToV1(ObjectNode beta) {
        canonical(beta, "id", "displayName", "description", "originId", "originSystem", "isRootScope");
        rename(beta, "accessPackageResource", "resource");
        if (beta.get("resource") instanceof ObjectNode resource) {
            refToV1(resource);
        }
        return beta;
    }
}
