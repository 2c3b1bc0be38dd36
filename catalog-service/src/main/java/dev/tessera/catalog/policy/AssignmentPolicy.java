package dev.tessera.catalog.policy;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "assignment_policy")
public class AssignmentPolicy extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "access_package_id")
    public UUID accessPackageId;

    @Column(name = "catalog_id")
    public UUID catalogId;

    @Column(name = "display_name")
    public String displayName;

    public String description;

    @Column(name = "allowed_target_scope")
    public String allowedTargetScope;

    /** The normalised Graph JSON of the settings (targets, expiration, approval, questions, ...). */
    public String document;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "modified_at")
    public Instant modifiedAt;
}
