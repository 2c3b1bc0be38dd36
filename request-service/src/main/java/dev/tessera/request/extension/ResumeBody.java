package dev.tessera.request.extension;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Body of {@code assignmentRequests/{id}/resume} (Graph v1.0). */
public record ResumeBody(String source, String type, Data data) {

    /** accessPackageAssignmentRequestCallbackData. */
    public record Data(@JsonProperty("@odata.type") String odataType, String stage,
            String customExtensionStageInstanceId, String customExtensionStageInstanceDetail, String state) {
    }
}
