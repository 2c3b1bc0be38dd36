package dev.tessera.pim.approval;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** The one approval step (SingleStage) of a schedule request that waits for approvers. */
@Entity
@Table(name = "role_approval_step")
public class ApprovalStep extends PanacheEntityBase {

    public static final String IN_PROGRESS = "InProgress";
    public static final String COMPLETED = "Completed";
    public static final String EXPIRED = "Expired";
    public static final String NOT_REVIEWED = "NotReviewed";

    @Id
    public UUID id;

    @Column(name = "request_id")
    public UUID requestId;

    @Column(name = "display_name")
    public String displayName;

    public String status;

    @Column(name = "review_result")
    public String reviewResult;

    @Column(name = "reviewed_by")
    public UUID reviewedBy;

    @Column(name = "reviewed_at")
    public Instant reviewedAt;

    public String justification;

    @Column(name = "justification_required")
    public boolean justificationRequired;

    @Column(name = "due_at")
    public Instant dueAt;

    @Column(name = "created_at")
    public Instant createdAt;
}
