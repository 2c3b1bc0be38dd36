package dev.tessera.catalog.connectedorganization;

import java.time.Instant;
import java.util.List;

/** connectedOrganization on the wire. */
public record ConnectedOrganizationJson(
        String id,
        String displayName,
        String description,
        List<IdentitySource> identitySources,
        ConnectedOrganizationState state,
        Instant createdDateTime,
        Instant modifiedDateTime) {

    static ConnectedOrganizationJson of(ConnectedOrganization o, List<IdentitySourceRow> sources) {
        return new ConnectedOrganizationJson(o.id.toString(), o.displayName, o.description,
                sources.stream().map(IdentitySources::of).toList(), o.state, o.createdAt, o.modifiedAt);
    }
}
