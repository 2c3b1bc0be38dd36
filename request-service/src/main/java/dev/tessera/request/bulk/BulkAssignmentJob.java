package dev.tessera.request.bulk;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One {@code tessera.assignGroupMembers} call and its progress. */
@Entity
@Table(name = "bulk_assignment_job")
public class BulkAssignmentJob extends PanacheEntityBase {

    public static final String RUNNING = "running";
    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";

    @Id
    public UUID id;

    @Column(name = "access_package_id")
    public UUID accessPackageId;

    @Column(name = "assignment_policy_id")
    public UUID assignmentPolicyId;

    @Column(name = "group_id")
    public UUID groupId;

    @Column(name = "requestor_object_id")
    public UUID requestorObjectId;

    public String justification;

    public String status;

    public int total;

    public int done;

    public int created;

    public int skipped;

    public int failed;

    /** The policy's Graph JSON as catalog-service answered at submission. */
    public String policy;

    /** Package name, catalog and resource roles, as a single adminAdd keeps them for a later grant. */
    @Column(name = "grant_context")
    public String grantContext;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "completed_at")
    public Instant completedAt;
}
