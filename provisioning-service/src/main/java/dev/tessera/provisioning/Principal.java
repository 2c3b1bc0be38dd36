package dev.tessera.provisioning;

import java.util.UUID;

/** A user or a group of the directory, as something that can hold an app role or belong to a unit. */
public record Principal(UUID id, Type type, String displayName) {

    /** As Graph spells {@code principalType}, and as stored. */
    public enum Type {
        User,
        Group
    }
}
