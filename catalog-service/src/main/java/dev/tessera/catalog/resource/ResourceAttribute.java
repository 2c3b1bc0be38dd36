package dev.tessera.catalog.resource;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tessera.catalog.policy.Question;

/**
 * Graph {@code accessPackageResourceAttribute}: a value a requestor supplies for a resource, asked by
 * {@code source.question} and written at delivery to the user's directory property {@code name}
 * ({@code destination}: {@code accessPackageUserDirectoryAttributeStore}, the only one Graph defines).
 */
public record ResourceAttribute(
        Destination destination,
        Boolean isEditable,
        Boolean isPersistedOnAssignmentRemoval,
        String name,
        Source source) {

    /** {@code accessPackageResourceAttributeDestination}. */
    public record Destination(@JsonProperty("@odata.type") String odataType) {
    }

    /** {@code accessPackageResourceAttributeSource}: an {@code accessPackageResourceAttributeQuestion}. */
    public record Source(@JsonProperty("@odata.type") String odataType, Question question) {
    }
}
