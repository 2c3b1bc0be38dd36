package dev.tessera.platform.messaging.events;

import java.util.Map;
import java.util.UUID;

/**
 * Directory facts on {@value Topics#DIRECTORY_EVENTS} (type names in {@link EventTypes}): a user
 * created / updated / deleted, or a group membership added / removed ({@code groupId} set).
 */
public record DirectoryChanged(UUID objectId, UUID groupId, Map<String, Object> attributes) {
}
