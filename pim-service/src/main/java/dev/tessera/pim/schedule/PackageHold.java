package dev.tessera.pim.schedule;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * An access package assignment relies on a schedule (provisioning-service's assign command): the
 * schedule is ended for the package only when no other holder is left, and a schedule an
 * administrator or user made is not ended by the package's removal.
 */
@Entity
@Table(name = "role_schedule_package_hold")
public class PackageHold extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "schedule_id")
    public UUID scheduleId;

    @Column(name = "assignment_id")
    public UUID assignmentId;

    @Column(name = "command_id")
    public UUID commandId;

    /** When the package's grant ends; null for no end. */
    @Column(name = "end_at")
    public Instant endAt;

    @Column(name = "created_at")
    public Instant createdAt;
}
