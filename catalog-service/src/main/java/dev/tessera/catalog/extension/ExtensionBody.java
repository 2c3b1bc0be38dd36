package dev.tessera.catalog.extension;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * POST and PATCH body of a customWorkflowExtension. The configuration parts stay JSON so that what
 * Graph defines and Tessera does not use (the Logic App's subscription, the authentication) is echoed as given.
 */
public record ExtensionBody(
        @JsonProperty("@odata.type") String odataType,
        String displayName,
        String description,
        JsonNode endpointConfiguration,
        JsonNode authenticationConfiguration,
        JsonNode clientConfiguration,
        JsonNode callbackConfiguration) {
}
