package dev.tessera.catalog.catalog;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "catalog")
public class Catalog extends PanacheEntityBase {

    public static final UUID GENERAL = UUID.fromString("4a8f1b9c-0000-4000-8000-000000000001");

    @Id
    public UUID id;

    @Column(name = "display_name")
    public String displayName;

    public String description;

    @Column(name = "catalog_type")
    public String catalogType;

    public String state;

    @Column(name = "is_externally_visible")
    public boolean externallyVisible;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "modified_at")
    public Instant modifiedAt;
}
