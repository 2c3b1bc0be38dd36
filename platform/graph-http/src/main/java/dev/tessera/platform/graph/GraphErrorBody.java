package dev.tessera.platform.graph;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The Graph error body: {@code {"error":{"code","message","target","details","innerError"}}}. */
public record GraphErrorBody(Error error) {

    public record Error(String code, String message, String target, List<Detail> details, InnerError innerError) {
    }

    public record Detail(String code, String message, String target) {
    }

    public record InnerError(
            String date,
            @JsonProperty("request-id") String requestId,
            @JsonProperty("client-request-id") String clientRequestId) {
    }
}
