package dev.tessera.catalog.settings;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** The entitlementManagementSettings singleton: one row, created by the V4 migration with this id. */
@Entity
@Table(name = "entitlement_management_settings")
public class EntitlementManagementSettings {

    public static final UUID ID = UUID.fromString("4a8f1b9c-0000-4000-8000-000000000002");

    @Id
    public UUID id;

    @Enumerated(EnumType.STRING)
    @Column(name = "external_user_lifecycle_action")
    public ExternalUserLifecycleAction externalUserLifecycleAction;

    /** ISO-8601, e.g. {@code P30D}. */
    @Column(name = "duration_until_deleted_after_block")
    public String durationUntilExternalUserDeletedAfterBlocked;

    @Column(name = "modified_at")
    public Instant modifiedAt;
}
