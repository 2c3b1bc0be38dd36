package dev.tessera.catalog.resource;

import java.time.Instant;

/** accessPackageResourceRequest on the wire. */
public record ResourceRequestJson(String id, ResourceRequestType requestType, ResourceRequestState state,
        Instant createdDateTime) {

    public static ResourceRequestJson of(ResourceRequest r) {
        return new ResourceRequestJson(r.id.toString(), r.requestType, r.state, r.createdAt);
    }
}
