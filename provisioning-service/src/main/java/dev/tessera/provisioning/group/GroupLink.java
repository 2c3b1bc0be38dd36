package dev.tessera.provisioning.group;

import java.util.UUID;

/** A place in a group — member or owner of {@code groupId} — regardless of its sources. */
public record GroupLink(UUID groupId, Relationship relationship) {
}
