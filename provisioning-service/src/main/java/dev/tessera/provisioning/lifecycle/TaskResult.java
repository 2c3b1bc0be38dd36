package dev.tessera.provisioning.lifecycle;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** Graph's taskProcessingResult: one task for one user; {@code task} is the workflow task's JSON. */
@Entity
@Table(name = "lifecycle_task_result")
public class TaskResult extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "user_result_id")
    public UUID userResultId;

    /** The task's executionSequence - 1: tasks run in this order. */
    public int position;

    public String task;

    @Column(name = "processing_status")
    public String processingStatus;

    @Column(name = "failure_reason")
    public String failureReason;

    /** The access-package assignment requests the task created (comma-separated), if any. */
    @Column(name = "request_ids")
    public String requestIds;

    @Column(name = "created_date_time")
    public Instant createdDateTime;

    @Column(name = "started_date_time")
    public Instant startedDateTime;

    @Column(name = "completed_date_time")
    public Instant completedDateTime;
}
