package dev.tessera.platform.em;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The user properties a catalog resource's attribute may write at delivery
 * ({@code accessPackageUserDirectoryAttributeStore}): string properties the directory's user object has
 * and Tessera lets a requestor's answer set, with the longest value the directory accepts. A user's
 * name, sign-in name, mail and type identify them and are never written from an answer.
 */
public final class UserDirectoryAttributes {

    /** {@code @odata.type} of the only destination Graph defines. */
    public static final String DESTINATION = "#microsoft.graph.accessPackageUserDirectoryAttributeStore";

    private static final Map<String, Integer> MAX_LENGTH = new LinkedHashMap<>();

    static {
        MAX_LENGTH.put("department", 64);
        MAX_LENGTH.put("jobTitle", 128);
        MAX_LENGTH.put("officeLocation", 128);
        MAX_LENGTH.put("employeeId", 16);
        MAX_LENGTH.put("mobilePhone", 64);
        MAX_LENGTH.put("givenName", 64);
        MAX_LENGTH.put("surname", 64);
    }

    private UserDirectoryAttributes() {
    }

    /** The property as the directory spells it, for a name given in any case; empty if not writable. */
    public static Optional<String> canonical(String name) {
        return name == null ? Optional.empty()
                : MAX_LENGTH.keySet().stream().filter(n -> n.equalsIgnoreCase(name)).findFirst();
    }

    public static int maxLength(String name) {
        return MAX_LENGTH.getOrDefault(name, 0);
    }

    public static Set<String> names() {
        return MAX_LENGTH.keySet();
    }
}
