package dev.tessera.catalog.resource;

import java.util.List;

/** POST body of {@code resourceRequests}: which resource goes into (or out of) which catalog. */
public record ResourceRequestBody(ResourceRequestType requestType, ResourceRef resource, IdRef catalog,
        String justification) {

    /**
     * By {@code originId} + {@code originSystem} to add; by {@code id} (or origin) to update or remove.
     * {@code attributes}, when given on adminAdd or adminUpdate, are the resource's attributes (all of them).
     */
    public record ResourceRef(String id, String displayName, String description, String originId,
            String originSystem, List<ResourceAttribute> attributes) {
    }

    public record IdRef(String id) {
    }
}
