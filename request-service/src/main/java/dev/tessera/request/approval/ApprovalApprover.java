package dev.tessera.request.approval;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/** Someone who may decide a stage: a primary (or fallback) approver, or an escalation approver. */
@Entity
@Table(name = "approval_approver")
public class ApprovalApprover extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "stage_id")
    public UUID stageId;

    @Column(name = "approver_id")
    public UUID approverId;

    public boolean escalation;

    static ApprovalApprover of(UUID stageId, UUID approverId, boolean escalation) {
        ApprovalApprover approver = new ApprovalApprover();
        approver.id = UUID.randomUUID();
        approver.stageId = stageId;
        approver.approverId = approverId;
        approver.escalation = escalation;
        return approver;
    }
}
