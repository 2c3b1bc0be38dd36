package dev.tessera.platform.em;

import java.util.UUID;

/**
 * A connected organization a guest requestor belongs to (their mail's domain is one of its identity
 * sources), as the connected-organization requestor scopes need it: its id and whether it is
 * {@code configured} (rather than {@code proposed}).
 */
public record GuestOrganization(UUID id, boolean configured) {
}
