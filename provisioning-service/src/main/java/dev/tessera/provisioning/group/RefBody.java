package dev.tessera.provisioning.group;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tessera.platform.graph.GraphException;
import dev.tessera.platform.graph.Ids;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The body of a {@code $ref} add: {@code {"@odata.id": "https://graph.microsoft.com/v1.0/directoryObjects/{id}"}}.
 * Any host (clients copy Graph's), with or without the version segment, and the {@code users/{id}}
 * and {@code groups/{id}} forms are accepted; whether the object may be referenced there is the
 * service's business.
 */
public record RefBody(@JsonProperty("@odata.id") String odataId) {

    private static final Pattern REF = Pattern.compile(
            "^(?:https?://[^/]+)?/?(?:(?:v1\\.0|beta)/)?(?:directoryObjects|users|groups)/([^/?#]+)/?$",
            Pattern.CASE_INSENSITIVE);

    public UUID objectId() {
        if (odataId == null || odataId.isBlank()) {
            throw GraphException.invalidField("@odata.id", "Property '@odata.id' is required.");
        }
        Matcher matcher = REF.matcher(odataId.trim());
        if (!matcher.matches()) {
            throw GraphException.invalidField("@odata.id", "Invalid object reference '" + odataId
                    + "': expected https://graph.microsoft.com/v1.0/directoryObjects/{id}.");
        }
        return Ids.parse(matcher.group(1), "@odata.id");
    }
}
