package dev.tessera.catalog.resource;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** An accessPackageResourceRequest: the record of a resource added to, updated in or removed from a catalog. */
@Entity
@Table(name = "resource_request")
public class ResourceRequest {

    @Id
    public UUID id;

    @Column(name = "catalog_id")
    public UUID catalogId;

    @Column(name = "resource_id")
    public UUID resourceId;

    @Enumerated(EnumType.STRING)
    @Column(name = "request_type")
    public ResourceRequestType requestType;

    @Enumerated(EnumType.STRING)
    public ResourceRequestState state;

    @Column(name = "created_at")
    public Instant createdAt;
}
