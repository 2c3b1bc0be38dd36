package dev.tessera.catalog.resource;

import java.time.Instant;

/** accessPackageResourceRequest on the wire. */
public record ResourceRequestJson(String id, String requestType, String state, Instant createdDateTime) {

    static ResourceRequestJson of(ResourceRequest r) {
        return new ResourceRequestJson(r.id.toString(), r.requestType, r.state, r.createdAt);
    }
}
