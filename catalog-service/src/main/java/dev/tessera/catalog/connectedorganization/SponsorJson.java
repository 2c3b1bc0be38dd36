package dev.tessera.catalog.connectedorganization;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A sponsor as the directoryObject Graph lists: its type and id. Tessera keeps only the id (the
 * directory belongs to provisioning-service), so nothing else of the user is returned.
 */
@JsonPropertyOrder({"@odata.type", "id"})
public record SponsorJson(@JsonProperty("@odata.type") String odataType, String id) {

    static final String USER = "#microsoft.graph.user";

    static SponsorJson of(Sponsor sponsor) {
        return new SponsorJson(USER, sponsor.key.userId().toString());
    }
}
