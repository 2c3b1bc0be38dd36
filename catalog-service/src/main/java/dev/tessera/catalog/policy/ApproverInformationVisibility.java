package dev.tessera.catalog.policy;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Graph {@code approverInformationVisibility}; {@code default} is a Java keyword, hence the rename. */
public enum ApproverInformationVisibility {
    @JsonProperty("default")
    DEFAULT,
    notVisible,
    visible,
    unknownFutureValue
}
