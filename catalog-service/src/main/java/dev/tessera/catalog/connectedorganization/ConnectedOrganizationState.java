package dev.tessera.catalog.connectedorganization;

/** Graph {@code connectedOrganizationState}; constants are the wire names. */
public enum ConnectedOrganizationState {
    configured,
    proposed,
    unknownFutureValue
}
