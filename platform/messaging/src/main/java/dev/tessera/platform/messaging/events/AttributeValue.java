package dev.tessera.platform.messaging.events;

/**
 * A requestor's answer to a catalog resource's attribute question: the user property {@code name}
 * (a {@code dev.tessera.platform.em.UserDirectoryAttributes} name) is set to {@code value} at delivery,
 * and cleared when the assignment is removed unless {@code persistedOnRemoval}.
 */
public record AttributeValue(String name, String value, boolean persistedOnRemoval) {
}
