package dev.tessera.provisioning.site;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The body of POST {@code /sites}. */
public record SiteBody(
        @JsonProperty("displayName") String displayName,
        @JsonProperty("webUrl") String webUrl,
        @JsonProperty("description") String description) {
}
