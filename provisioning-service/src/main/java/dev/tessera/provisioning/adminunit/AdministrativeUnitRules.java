package dev.tessera.provisioning.adminunit;

import dev.tessera.platform.graph.GraphException;
import java.util.List;

/** What a valid administrative unit is, and how a body changes one. Pure: no I/O. */
final class AdministrativeUnitRules {

    private static final List<String> VISIBILITIES = List.of("Public", "HiddenMembership");

    private AdministrativeUnitRules() {
    }

    static void validateCreate(AdministrativeUnitBody body) {
        if (body == null) {
            throw GraphException.badRequest("An administrativeUnit body is required.");
        }
        if (body.displayName() == null || body.displayName().isBlank()) {
            throw GraphException.invalidField("displayName", "Property 'displayName' is required.");
        }
        validateValues(body);
    }

    static void validatePatch(AdministrativeUnitBody body) {
        if (body == null) {
            throw GraphException.badRequest("An administrativeUnit body is required.");
        }
        if (body.has("displayName") && (body.displayName() == null || body.displayName().isBlank())) {
            throw GraphException.invalidField("displayName", "Property 'displayName' cannot be cleared.");
        }
        validateValues(body);
    }

    private static void validateValues(AdministrativeUnitBody body) {
        if (body.displayName() != null && body.displayName().length() > 256) {
            throw GraphException.invalidField("displayName", "Property 'displayName' is longer than 256 characters.");
        }
        if (body.description() != null && body.description().length() > 1024) {
            throw GraphException.invalidField("description", "Property 'description' is longer than 1024 characters.");
        }
        if (body.visibility() != null) {
            visibility(body.visibility());
        }
    }

    static void apply(AdministrativeUnitBody body, AdministrativeUnit unit) {
        for (String property : body.present()) {
            switch (property) {
                case "displayName" -> unit.displayName = body.displayName().trim();
                case "description" -> unit.description = body.description();
                case "visibility" -> unit.visibility = body.visibility() == null ? null : visibility(body.visibility());
                default -> throw new IllegalStateException("Unmapped administrativeUnit property " + property);
            }
        }
    }

    private static String visibility(String value) {
        return VISIBILITIES.stream().filter(v -> v.equalsIgnoreCase(value)).findFirst()
                .orElseThrow(() -> GraphException.invalidField("visibility", "Invalid value '" + value
                        + "' for property 'visibility'; allowed values: null, Public, HiddenMembership."));
    }
}
