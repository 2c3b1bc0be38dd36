package dev.tessera.provisioning.lifecycle;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A lifecycle workflow; {@code executionConditions} and {@code tasks} as Graph's JSON. */
@Entity
@Table(name = "lifecycle_workflow")
public class Workflow extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "display_name")
    public String displayName;

    public String description;

    public String category;

    @Column(name = "is_enabled")
    public boolean isEnabled;

    @Column(name = "is_scheduling_enabled")
    public boolean isSchedulingEnabled;

    @Column(name = "execution_conditions")
    public String executionConditions;

    public String tasks;

    public int version;

    /** When the current version was made: a scheduled run catches up on trigger days from then on. */
    @Column(name = "version_created_date_time")
    public Instant versionCreatedDateTime;

    @Column(name = "created_date_time")
    public Instant createdDateTime;

    @Column(name = "last_modified_date_time")
    public Instant lastModifiedDateTime;
}
