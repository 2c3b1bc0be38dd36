package dev.tessera.catalog.resource;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** An accessPackageResourceRole, e.g. a group's {@code Member} role with origin id {@code Member_<groupId>}. */
@Entity
@Table(name = "resource_role")
public class ResourceRole {

    @Id
    public UUID id;

    @Column(name = "resource_id")
    public UUID resourceId;

    /** Denormalised from the resource so "roles of this catalog" needs no join. */
    @Column(name = "catalog_id")
    public UUID catalogId;

    @Column(name = "display_name")
    public String displayName;

    public String description;

    @Column(name = "origin_id")
    public String originId;

    @Column(name = "origin_system")
    public String originSystem;

    @Column(name = "created_at")
    public Instant createdAt;
}
