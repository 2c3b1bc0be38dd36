package dev.tessera.catalog.connectedorganization;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tessera.platform.graph.GraphException;
import dev.tessera.platform.graph.Ids;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The body of a sponsor {@code $ref} add: {@code {"@odata.id":"https://graph.microsoft.com/v1.0/users/{id}"}}.
 * Any host (clients copy Graph's), with or without the version segment, and the
 * {@code directoryObjects/{id}} form are accepted, as provisioning-service accepts them for members.
 */
public record SponsorRef(@JsonProperty("@odata.id") String odataId) {

    private static final Pattern REF = Pattern.compile(
            "^(?:https?://[^/]+)?/?(?:(?:v1\\.0|beta)/)?(?:directoryObjects|users)/([^/?#]+)/?$",
            Pattern.CASE_INSENSITIVE);

    static UUID userId(SponsorRef body) {
        if (body == null || body.odataId() == null || body.odataId().isBlank()) {
            throw GraphException.invalidField("@odata.id", "Property '@odata.id' is required.");
        }
        Matcher matcher = REF.matcher(body.odataId().trim());
        if (!matcher.matches()) {
            throw GraphException.invalidField("@odata.id", "Invalid object reference '" + body.odataId()
                    + "': expected https://graph.microsoft.com/v1.0/users/{id}.");
        }
        return Ids.parse(matcher.group(1), "@odata.id");
    }
}
