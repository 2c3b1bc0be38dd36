package dev.tessera.provisioning.lifecycle;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** Graph's userProcessingResult: one user's processing in one run. */
@Entity
@Table(name = "lifecycle_user_result")
public class UserResult extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "run_id")
    public UUID runId;

    @Column(name = "workflow_id")
    public UUID workflowId;

    @Column(name = "workflow_version")
    public int workflowVersion;

    @Column(name = "workflow_execution_type")
    public String workflowExecutionType;

    @Column(name = "subject_id")
    public UUID subjectId;

    /** queued, inProgress, completed, completedWithErrors, failed (lifecycleWorkflowProcessingStatus). */
    @Column(name = "processing_status")
    public String processingStatus;

    @Column(name = "scheduled_date_time")
    public Instant scheduledDateTime;

    @Column(name = "started_date_time")
    public Instant startedDateTime;

    @Column(name = "completed_date_time")
    public Instant completedDateTime;

    /** For a run started by an attribute or membership change: the directory event that triggered it. */
    @Column(name = "triggered_by")
    public String triggeredBy;
}
