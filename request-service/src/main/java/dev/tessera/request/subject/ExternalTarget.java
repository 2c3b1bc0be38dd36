package dev.tessera.request.subject;

import java.util.Optional;

/** Someone requested by email who is not in the directory, with the organization their domain belongs to. */
public record ExternalTarget(String email, String displayName, Optional<ConnectedOrganization> organization) {
}
