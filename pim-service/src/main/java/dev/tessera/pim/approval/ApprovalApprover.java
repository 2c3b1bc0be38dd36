package dev.tessera.pim.approval;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.UUID;

/** Who may decide a step, copied from the policy when the request was made. */
@Entity
@Table(name = "role_approval_approver")
public class ApprovalApprover extends PanacheEntityBase {

    @Embeddable
    public record Key(@Column(name = "step_id") UUID stepId, @Column(name = "subject_type") String subjectType,
            @Column(name = "object_id") UUID objectId) implements Serializable {
    }

    @EmbeddedId
    public Key key;
}
