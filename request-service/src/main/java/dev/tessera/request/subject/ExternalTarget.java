package dev.tessera.request.subject;

import java.util.Optional;
import java.util.UUID;

/**
 * Someone requested by email, with the organization their domain belongs to. {@code requestorObjectId}:
 * the token oid of an external person asking for themselves (null for an administrator's request);
 * {@code objectId}: their directory user when they already are one (a guest invited earlier), else null.
 */
public record ExternalTarget(String email, String displayName, Optional<ConnectedOrganization> organization,
        UUID requestorObjectId, UUID objectId) {

    /** An administrator's request for someone not in the directory. */
    public ExternalTarget(String email, String displayName, Optional<ConnectedOrganization> organization) {
        this(email, displayName, organization, null, null);
    }
}
