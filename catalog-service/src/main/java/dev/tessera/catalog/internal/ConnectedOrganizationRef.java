package dev.tessera.catalog.internal;

import dev.tessera.catalog.connectedorganization.ConnectedOrganizationState;

/** The connected organization an external user's domain belongs to, as request-service needs it. */
public record ConnectedOrganizationRef(String id, String displayName, ConnectedOrganizationState state) {
}
