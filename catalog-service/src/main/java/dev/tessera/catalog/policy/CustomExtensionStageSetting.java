package dev.tessera.catalog.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Graph customExtensionStageSetting: at {@code stage}, call the catalog's custom workflow extension
 * {@code customExtension} (bound by id). Checked by {@code extension.StageSettings}.
 */
public record CustomExtensionStageSetting(String id, String stage, ExtensionRef customExtension) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ExtensionRef(@JsonProperty("@odata.type") String odataType, String id) {
    }
}
