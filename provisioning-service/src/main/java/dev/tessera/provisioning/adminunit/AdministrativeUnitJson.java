package dev.tessera.provisioning.adminunit;

import java.util.UUID;

/** microsoft.graph.administrativeUnit on the wire: the properties Tessera keeps. */
public record AdministrativeUnitJson(UUID id, String description, String displayName, String visibility) {

    static AdministrativeUnitJson of(AdministrativeUnit unit) {
        return new AdministrativeUnitJson(unit.id, unit.description, unit.displayName, unit.visibility);
    }
}
