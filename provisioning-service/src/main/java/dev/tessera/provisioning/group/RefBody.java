package dev.tessera.provisioning.group;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tessera.platform.graph.ODataRef;
import java.util.UUID;

/**
 * The body of a {@code $ref} add: {@code {"@odata.id": "https://graph.microsoft.com/v1.0/directoryObjects/{id}"}}.
 * Any host (clients copy Graph's), with or without the version segment, and the {@code users/{id}}
 * and {@code groups/{id}} forms are accepted; whether the object may be referenced there is the
 * service's business.
 */
public record RefBody(@JsonProperty("@odata.id") String odataId) {

    public UUID objectId() {
        return new ODataRef(odataId).id("directoryObjects", "users", "groups");
    }
}
