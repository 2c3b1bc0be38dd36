package dev.tessera.catalog.resource;

import java.util.List;
import java.util.Optional;

/** The {@code originSystem} values Graph uses (a string property, not an enum). */
public final class OriginSystems {

    public static final String AAD_GROUP = "AadGroup";
    public static final String AAD_APPLICATION = "AadApplication";
    public static final String SHAREPOINT_ONLINE = "SharePointOnline";
    public static final String DIRECTORY_ROLE = "DirectoryRole";

    static final List<String> KNOWN = List.of(AAD_GROUP, AAD_APPLICATION, SHAREPOINT_ONLINE, DIRECTORY_ROLE);

    private OriginSystems() {
    }

    /** The canonical spelling of a known origin system, whatever case the client used. */
    public static Optional<String> canonical(String value) {
        if (value == null) {
            return Optional.empty();
        }
        return KNOWN.stream().filter(known -> known.equalsIgnoreCase(value.trim())).findFirst();
    }
}
