package dev.tessera.catalog.policy;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * An accessPackageAssignmentPolicy. The nested parts of the Graph model are JSON text columns written
 * and read through {@link PolicyMapper} as the typed records in this package.
 */
@Entity
@Table(name = "assignment_policy")
public class AssignmentPolicy {

    @Id
    public UUID id;

    @Column(name = "access_package_id")
    public UUID accessPackageId;

    /** The access package's catalog (a package never changes catalog). */
    @Column(name = "catalog_id")
    public UUID catalogId;

    @Column(name = "display_name")
    public String displayName;

    public String description;

    @Enumerated(EnumType.STRING)
    @Column(name = "allowed_target_scope")
    public AllowedTargetScope allowedTargetScope;

    @Column(name = "specific_allowed_targets")
    public String specificAllowedTargets;

    public String expiration;

    @Column(name = "requestor_settings")
    public String requestorSettings;

    @Column(name = "request_approval_settings")
    public String requestApprovalSettings;

    @Column(name = "review_settings")
    public String reviewSettings;

    @Column(name = "automatic_request_settings")
    public String automaticRequestSettings;

    @Column(name = "notification_settings")
    public String notificationSettings;

    public String questions;

    @Column(name = "custom_extension_stage_settings")
    public String customExtensionStageSettings = "[]";

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "modified_at")
    public Instant modifiedAt;
}
