package dev.tessera.platform.graph;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The body of a {@code $ref} add, e.g. {@code {"@odata.id": "https://graph.microsoft.com/v1.0/groups/{id}"}}.
 * Any host (clients copy Graph's), with or without the version segment, is accepted; the path must be
 * one of the collections the caller names.
 */
public record ODataRef(@JsonProperty("@odata.id") String odataId) {

    /** The referenced object's id; {@code collections} are paths such as {@code groups} or {@code directoryObjects}. */
    public UUID id(String... collections) {
        if (odataId == null || odataId.isBlank()) {
            throw GraphException.invalidField("@odata.id", "Property '@odata.id' is required.");
        }
        String alternatives = Arrays.stream(collections).map(Pattern::quote).collect(Collectors.joining("|"));
        Matcher matcher = Pattern.compile("^(?:https?://[^/]+)?/?(?:(?:v1\\.0|beta)/)?(?:" + alternatives
                + ")/([^/?#]+)/?$", Pattern.CASE_INSENSITIVE).matcher(odataId.trim());
        if (!matcher.matches()) {
            throw GraphException.invalidField("@odata.id", "Invalid object reference '" + odataId
                    + "': expected https://graph.microsoft.com/v1.0/" + collections[0] + "/{id}.");
        }
        return Ids.parse(matcher.group(1), "@odata.id");
    }
}
