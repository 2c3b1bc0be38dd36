package dev.tessera.catalog.resource;

/** POST body of {@code resourceRequests}: which resource goes into (or out of) which catalog. */
public record ResourceRequestBody(ResourceRequestType requestType, ResourceRef resource, IdRef catalog,
        String justification) {

    /** By {@code originId} + {@code originSystem} to add; by {@code id} (or origin) to update or remove. */
    public record ResourceRef(String id, String displayName, String description, String originId,
            String originSystem) {
    }

    public record IdRef(String id) {
    }
}
