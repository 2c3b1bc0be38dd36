package dev.tessera.request.request;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * accessPackageAssignmentRequest on the wire; navigation properties only when expanded. A single
 * request also carries {@code @tessera.deliveryTrace}, an instance annotation Graph clients ignore.
 */
public record AssignmentRequestJson(
        String id,
        RequestType requestType,
        RequestState state,
        String status,
        Instant createdDateTime,
        Instant completedDateTime,
        String justification,
        ScheduleJson schedule,
        List<JsonNode> answers,
        List<Object> customExtensionCalloutInstances,
        @JsonInclude(JsonInclude.Include.NON_NULL) Object accessPackage,
        @JsonInclude(JsonInclude.Include.NON_NULL) Object assignment,
        @JsonInclude(JsonInclude.Include.NON_NULL) Object requestor,
        @JsonProperty("@tessera.deliveryTrace") @JsonInclude(JsonInclude.Include.NON_NULL) Object deliveryTrace) {
}
