package dev.tessera.catalog.beta;

import static dev.tessera.platform.graph.beta.BetaJson.camel;
import static dev.tessera.platform.graph.beta.BetaJson.canonical;
import static dev.tessera.platform.graph.beta.BetaJson.mapText;
import static dev.tessera.platform.graph.beta.BetaJson.pascal;
import static dev.tessera.platform.graph.beta.BetaJson.rename;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.platform.graph.beta.BetaMapping;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/** Beta {@code accessPackageCatalogs} ↔ v1.0 {@code catalogs} (docs/beta.md). */
@ApplicationScoped
public class BetaCatalogs implements BetaMapping {

    @Override
    public String betaSegment() {
        return "accessPackageCatalogs";
    }

    @Override
    public String v1Segment() {
        return "catalogs";
    }

    @Override
    public Map<String, String> properties() {
        return Map.of("catalogStatus", "state", "accessPackageResources", "resources",
                "accessPackageResourceRoles", "resourceRoles");
    }

    @Override
    public ObjectNode requestToV1(ObjectNode beta) {
        canonical(beta, "displayName", "description", "isExternallyVisible", "catalogType");
        rename(beta, "catalogStatus", "state");
        mapText(beta, "state", s -> camel(s));
        beta.remove("catalogType"); // read-only in v1.0 as in beta: set by the service
        return beta;
    }

    @Override
    public ObjectNode entityToBeta(ObjectNode v1) {
        return toBeta(v1);
    }

    static ObjectNode toBeta(ObjectNode v1) {
        rename(v1, "state", "catalogStatus");
        mapText(v1, "catalogStatus", s -> pascal(s));
        mapText(v1, "catalogType", s -> pascal(s));
        BetaItems.renameEach(v1, "accessPackages", "accessPackages", o -> BetaAccessPackages.toBeta(o));
        return v1;
    }
}
