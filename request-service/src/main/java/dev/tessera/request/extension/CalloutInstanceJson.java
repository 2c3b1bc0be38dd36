package dev.tessera.request.extension;

/** Graph customExtensionCalloutInstance, as a request carries it. */
public record CalloutInstanceJson(String id, String customExtensionId, String status, String externalCorrelationId,
        String detail) {

    public static CalloutInstanceJson of(CustomExtensionCallout c) {
        return new CalloutInstanceJson(c.id.toString(), c.customExtensionId.toString(), c.status,
                c.externalCorrelationId, c.detail);
    }
}
