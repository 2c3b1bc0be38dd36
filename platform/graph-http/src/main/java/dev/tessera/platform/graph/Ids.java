package dev.tessera.platform.graph;

import java.util.UUID;
import java.util.regex.Pattern;

/** Parses Graph object ids (GUID strings); anything else is a 400 that names the field. */
public final class Ids {

    private static final Pattern GUID = Pattern.compile(
            "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

    private Ids() {
    }

    public static boolean isGuid(String value) {
        return value != null && GUID.matcher(value).matches();
    }

    public static UUID parse(String value, String field) {
        if (value == null || value.isBlank()) {
            throw GraphException.invalidField(field, "Property '" + field + "' is required.");
        }
        if (!isGuid(value.trim())) {
            throw GraphException.invalidField(field, "Invalid object identifier '" + value + "' for '" + field + "'.");
        }
        return UUID.fromString(value.trim());
    }

    /** For path segments: an id that cannot exist is simply not found. */
    public static UUID pathId(String value, String what) {
        if (!isGuid(value)) {
            throw GraphException.badRequest("Invalid object identifier '" + value + "' for " + what + ".");
        }
        return UUID.fromString(value);
    }
}
