package dev.tessera.provisioning.lifecycle;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One run of a workflow: an on-demand activation or a scheduled evaluation that found users. */
@Entity
@Table(name = "lifecycle_run")
public class WorkflowRun extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "workflow_id")
    public UUID workflowId;

    @Column(name = "workflow_version")
    public int workflowVersion;

    /** {@code scheduled} or {@code onDemand}. */
    @Column(name = "workflow_execution_type")
    public String workflowExecutionType;

    @Column(name = "scheduled_date_time")
    public Instant scheduledDateTime;

    @Column(name = "started_date_time")
    public Instant startedDateTime;

    @Column(name = "completed_date_time")
    public Instant completedDateTime;

    @Column(name = "last_updated_date_time")
    public Instant lastUpdatedDateTime;
}
