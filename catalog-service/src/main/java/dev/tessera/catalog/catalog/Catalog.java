package dev.tessera.catalog.catalog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** An accessPackageCatalog: a container of resources and the access packages built from them. */
@Entity
@Table(name = "catalog")
public class Catalog {

    /** The built-in "General" catalog, created by V1 with this fixed id. */
    public static final UUID GENERAL = UUID.fromString("4a8f1b9c-0000-4000-8000-000000000001");

    @Id
    public UUID id;

    @Column(name = "display_name")
    public String displayName;

    public String description;

    @Enumerated(EnumType.STRING)
    @Column(name = "catalog_type")
    public CatalogType catalogType;

    @Enumerated(EnumType.STRING)
    public CatalogState state;

    @Column(name = "is_externally_visible")
    public boolean externallyVisible;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "modified_at")
    public Instant modifiedAt;
}
