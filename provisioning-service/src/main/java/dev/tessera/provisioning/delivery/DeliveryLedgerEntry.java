package dev.tessera.provisioning.delivery;

import dev.tessera.platform.messaging.events.ResourceRoleRef;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** What happened to one resource role of one assignment: delivered, failed (and why) or removed, and when. */
@Entity
@Table(name = "delivery_ledger")
public class DeliveryLedgerEntry extends PanacheEntityBase {

    @EmbeddedId
    public Key key;

    @Column(name = "access_package_id")
    public UUID accessPackageId;

    @Column(name = "role_display_name")
    public String roleDisplayName;

    @Column(name = "origin_system")
    public String originSystem;

    @Column(name = "resource_origin_id")
    public String resourceOriginId;

    @Column(name = "role_origin_id")
    public String roleOriginId;

    @Column(name = "target_id")
    public UUID targetId;

    public String status;

    public String error;

    @Column(name = "requested_at")
    public Instant requestedAt;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "delivered_at")
    public Instant deliveredAt;

    @Column(name = "failed_at")
    public Instant failedAt;

    @Column(name = "removed_at")
    public Instant removedAt;

    /** The request that created the assignment (for reports sent after the grant event). */
    @Column(name = "request_id")
    public UUID requestId;

    /** When the assignment ends, if it does (for directory-role commands sent later). */
    @Column(name = "end_at")
    public Instant endAt;

    /** The last command sent to pim-service for this row; its answer names it. */
    @Column(name = "pim_command_id")
    public UUID pimCommandId;

    /** The assignment was removed; its removal is reported once no row of it waits as pendingRemoval. */
    @Column(name = "assignment_removed")
    public boolean assignmentRemoved;

    /** The request that removed the assignment (null when the removal event named none). */
    @Column(name = "removal_request_id")
    public UUID removalRequestId;

    /** The resource role this row delivers, as far as the ledger knows it (enough to deliver or remove it again). */
    public ResourceRoleRef roleRef() {
        return new ResourceRoleRef(key.roleId, roleDisplayName, roleOriginId, originSystem, null, resourceOriginId, null);
    }

    @Embeddable
    public static class Key implements Serializable {

        @Column(name = "assignment_id")
        public UUID assignmentId;

        @Column(name = "role_id")
        public UUID roleId;

        public Key() {
        }

        public Key(UUID assignmentId, UUID roleId) {
            this.assignmentId = assignmentId;
            this.roleId = roleId;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(assignmentId, key.assignmentId)
                    && Objects.equals(roleId, key.roleId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(assignmentId, roleId);
        }
    }
}
