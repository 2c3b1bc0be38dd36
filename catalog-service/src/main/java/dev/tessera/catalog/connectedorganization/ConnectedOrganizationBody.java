package dev.tessera.catalog.connectedorganization;

import java.util.List;

/** POST and PATCH body of a connected organization; on PATCH every property is optional and identitySources refused. */
public record ConnectedOrganizationBody(String displayName, String description, List<IdentitySource> identitySources,
        ConnectedOrganizationState state) {
}
