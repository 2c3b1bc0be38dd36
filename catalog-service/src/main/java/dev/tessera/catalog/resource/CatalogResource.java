package dev.tessera.catalog.resource;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** An accessPackageResource: a group (later also an application, site or directory role) in a catalog. */
@Entity
@Table(name = "catalog_resource")
public class CatalogResource {

    @Id
    public UUID id;

    @Column(name = "catalog_id")
    public UUID catalogId;

    @Column(name = "display_name")
    public String displayName;

    public String description;

    /** The object in its origin system: for a group, the group id. */
    @Column(name = "origin_id")
    public String originId;

    /** {@link OriginSystems}: a Graph string, not an enum. */
    @Column(name = "origin_system")
    public String originSystem;

    /** {@link ResourceAttribute}s as a JSON array, checked by {@link ResourceAttributeRules}. */
    public String attributes;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "modified_at")
    public Instant modifiedAt;
}
