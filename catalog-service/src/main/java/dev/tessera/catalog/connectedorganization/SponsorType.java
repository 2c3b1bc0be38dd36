package dev.tessera.catalog.connectedorganization;

import dev.tessera.platform.graph.GraphException;

/** The two sponsor navigation properties of a connected organization. */
public enum SponsorType {
    internal("internalSponsors"),
    external("externalSponsors");

    private final String navigation;

    SponsorType(String navigation) {
        this.navigation = navigation;
    }

    public String navigation() {
        return navigation;
    }

    /** From the path segment, which the API's path template already limits to the two names. */
    public static SponsorType ofNavigation(String segment) {
        for (SponsorType type : values()) {
            if (type.navigation.equalsIgnoreCase(segment)) {
                return type;
            }
        }
        throw GraphException.notFound("Resource not found for the segment '" + segment + "'.");
    }
}
