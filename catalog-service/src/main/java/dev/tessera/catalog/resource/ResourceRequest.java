package dev.tessera.catalog.resource;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "resource_request")
public class ResourceRequest extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "catalog_id")
    public UUID catalogId;

    @Column(name = "resource_id")
    public UUID resourceId;

    @Column(name = "request_type")
    public String requestType;

    public String state;

    @Column(name = "created_at")
    public Instant createdAt;
}
