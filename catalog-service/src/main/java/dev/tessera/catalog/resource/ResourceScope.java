package dev.tessera.catalog.resource;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** An accessPackageResourceScope; every resource has its root scope (origin id = the resource's). */
@Entity
@Table(name = "resource_scope")
public class ResourceScope {

    @Id
    public UUID id;

    @Column(name = "resource_id")
    public UUID resourceId;

    @Column(name = "catalog_id")
    public UUID catalogId;

    @Column(name = "display_name")
    public String displayName;

    public String description;

    @Column(name = "origin_id")
    public String originId;

    @Column(name = "origin_system")
    public String originSystem;

    @Column(name = "is_root_scope")
    public boolean rootScope;

    @Column(name = "created_at")
    public Instant createdAt;
}
