package dev.tessera.catalog.accesspackage;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** An access package: resource roles of one catalog, granted together under assignment policies. */
@Entity
@Table(name = "access_package")
public class AccessPackage {

    @Id
    public UUID id;

    @Column(name = "catalog_id")
    public UUID catalogId;

    @Column(name = "display_name")
    public String displayName;

    public String description;

    @Column(name = "is_hidden")
    public boolean hidden;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "modified_at")
    public Instant modifiedAt;
}
