package dev.tessera.request.approval;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One approver's decision on one stage. */
@Entity
@Table(name = "approval_decision")
public class ApprovalDecision extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "stage_id")
    public UUID stageId;

    @Column(name = "approver_id")
    public UUID approverId;

    public String decision;

    public String justification;

    @Column(name = "decided_at")
    public Instant decidedAt;
}
