package dev.tessera.catalog.resource;

/** POST body of {@code resourceRequests}. */
public record ResourceRequestBody(String requestType, ResourceRef resource, IdRef catalog) {

    public record ResourceRef(String id, String displayName, String description, String originId, String originSystem) {
    }

    public record IdRef(String id) {
    }
}
