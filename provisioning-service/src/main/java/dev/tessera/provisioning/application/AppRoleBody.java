package dev.tessera.provisioning.application;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** One item of {@code appRoles} in a POST or PATCH body; ids are text so a bad one gets a named 400. */
public record AppRoleBody(
        @JsonProperty("id") String id,
        @JsonProperty("displayName") String displayName,
        @JsonProperty("description") String description,
        @JsonProperty("value") String value,
        @JsonProperty("isEnabled") Boolean isEnabled,
        @JsonProperty("allowedMemberTypes") List<String> allowedMemberTypes) {
}
