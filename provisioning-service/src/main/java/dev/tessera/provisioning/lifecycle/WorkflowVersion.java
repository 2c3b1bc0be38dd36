package dev.tessera.provisioning.lifecycle;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A version of a workflow as it was when its tasks or conditions changed. */
@Entity
@Table(name = "lifecycle_workflow_version")
public class WorkflowVersion extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "workflow_id")
    public UUID workflowId;

    @Column(name = "version_number")
    public int versionNumber;

    @Column(name = "display_name")
    public String displayName;

    public String description;

    public String category;

    @Column(name = "execution_conditions")
    public String executionConditions;

    public String tasks;

    @Column(name = "created_date_time")
    public Instant createdDateTime;

    static WorkflowVersion of(Workflow workflow, Instant now) {
        WorkflowVersion version = new WorkflowVersion();
        version.id = UUID.randomUUID();
        version.workflowId = workflow.id;
        version.versionNumber = workflow.version;
        version.displayName = workflow.displayName;
        version.description = workflow.description;
        version.category = workflow.category;
        version.executionConditions = workflow.executionConditions;
        version.tasks = workflow.tasks;
        version.createdDateTime = now;
        return version;
    }
}
