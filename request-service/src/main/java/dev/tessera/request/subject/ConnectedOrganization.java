package dev.tessera.request.subject;

import java.util.UUID;

/** A connected organization as catalog-service's lookup answers it; {@code state} configured or proposed. */
public record ConnectedOrganization(UUID id, String displayName, String state) {

    public boolean configured() {
        return "configured".equalsIgnoreCase(state);
    }
}
