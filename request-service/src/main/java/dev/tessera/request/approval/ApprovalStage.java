package dev.tessera.request.approval;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One approval stage of one request (Graph {@code approvalStage}). */
@Entity
@Table(name = "approval_stage")
public class ApprovalStage extends PanacheEntityBase {

    public static final String NOT_STARTED = "NotStarted";
    public static final String IN_PROGRESS = "InProgress";
    public static final String COMPLETED = "Completed";
    public static final String EXPIRED = "Expired";

    public static final String NOT_REVIEWED = "NotReviewed";
    public static final String APPROVED = "Approved";
    public static final String DENIED = "Denied";

    @Id
    public UUID id;

    @Column(name = "request_id")
    public UUID requestId;

    @Column(name = "stage_index")
    public int stageIndex;

    public String status;

    @Column(name = "review_result")
    public String reviewResult;

    @Column(name = "required_approvals")
    public int requiredApprovals;

    @Column(name = "justification_required")
    public boolean justificationRequired;

    @Column(name = "deny_after")
    public String denyAfter;

    @Column(name = "escalate_after")
    public String escalateAfter;

    public boolean escalated;

    public String justification;

    @Column(name = "reviewed_by")
    public UUID reviewedBy;

    @Column(name = "reviewed_at")
    public Instant reviewedAt;

    @Column(name = "started_at")
    public Instant startedAt;

    public boolean started() {
        return !NOT_STARTED.equals(status);
    }
}
