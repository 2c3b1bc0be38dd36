package dev.tessera.request.subject;

import java.util.List;
import java.util.UUID;

/** A connected organization's sponsors as catalog-service's internal lookup answers them (user ids). */
public record Sponsors(UUID id, List<UUID> internalSponsors, List<UUID> externalSponsors) {

    public List<UUID> internalOrNone() {
        return internalSponsors == null ? List.of() : internalSponsors;
    }

    public List<UUID> externalOrNone() {
        return externalSponsors == null ? List.of() : externalSponsors;
    }
}
