package dev.tessera.request.bulk;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/** A member of the group of a bulk job: pending until a chunk creates, skips or fails it. */
@Entity
@Table(name = "bulk_assignment_member")
public class BulkAssignmentMember extends PanacheEntityBase {

    public static final String PENDING = "pending";
    public static final String CREATED = "created";
    public static final String SKIPPED = "skipped";
    public static final String FAILED = "failed";

    @Id
    public UUID id;

    @Column(name = "job_id")
    public UUID jobId;

    @Column(name = "member_id")
    public UUID memberId;

    public String status;

    public String reason;

    @Column(name = "request_id")
    public UUID requestId;
}
