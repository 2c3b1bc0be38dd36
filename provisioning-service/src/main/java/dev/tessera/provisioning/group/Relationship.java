package dev.tessera.provisioning.group;

import dev.tessera.platform.graph.GraphException;

/** How a directory object belongs to a group: as a member or as an owner. */
public enum Relationship {
    MEMBER("member", "members"),
    OWNER("owner", "owners");

    private final String value;
    private final String navigation;

    Relationship(String value, String navigation) {
        this.value = value;
        this.navigation = navigation;
    }

    /** As stored in {@code group_membership.relationship}. */
    public String value() {
        return value;
    }

    /** The Graph navigation property: {@code members} or {@code owners}. */
    public String navigation() {
        return navigation;
    }

    public static Relationship ofValue(String value) {
        for (Relationship relationship : values()) {
            if (relationship.value.equals(value)) {
                return relationship;
            }
        }
        throw new IllegalArgumentException("Unknown relationship " + value);
    }

    public static Relationship ofNavigation(String navigation) {
        for (Relationship relationship : values()) {
            if (relationship.navigation.equals(navigation)) {
                return relationship;
            }
        }
        throw GraphException.notFound("Resource not found for the segment '" + navigation + "'.");
    }
}
