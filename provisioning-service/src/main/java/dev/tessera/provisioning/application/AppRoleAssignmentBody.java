package dev.tessera.provisioning.application;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The body of POST {@code appRoleAssignedTo}; ids are text so a bad one gets a 400 naming it. */
public record AppRoleAssignmentBody(
        @JsonProperty("principalId") String principalId,
        @JsonProperty("resourceId") String resourceId,
        @JsonProperty("appRoleId") String appRoleId) {
}
