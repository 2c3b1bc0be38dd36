package dev.tessera.request.request;

import dev.tessera.request.subject.Subject;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "assignment_request")
public class AssignmentRequest extends PanacheEntityBase {

    @Id
    public UUID id;

    @Enumerated(EnumType.STRING)
    @Column(name = "request_type")
    public RequestType requestType;

    @Enumerated(EnumType.STRING)
    public RequestState state;

    public String status;

    @Column(name = "access_package_id")
    public UUID accessPackageId;

    @Column(name = "assignment_policy_id")
    public UUID assignmentPolicyId;

    @Column(name = "assignment_id")
    public UUID assignmentId;

    /** Null for an external user until provisioning-service has invited them (see {@link #targetSubject}). */
    @Column(name = "target_object_id")
    public UUID targetObjectId;

    /** The subject of a target requested by email; null for a target requested by object id. */
    @ManyToOne(fetch = FetchType.EAGER)
    @JoinColumn(name = "target_subject_id")
    public Subject targetSubject;

    @Column(name = "requestor_object_id")
    public UUID requestorObjectId;

    public String justification;

    /** The answers as sent (JSON array), echoed back. */
    public String answers;

    @Column(name = "schedule_start")
    public Instant scheduleStart;

    @Column(name = "schedule_end")
    public Instant scheduleEnd;

    @Column(name = "schedule_duration")
    public String scheduleDuration;

    @Column(name = "expiration_type")
    public String expirationType;

    /** Why delivery failed, for the requestor and the operator. */
    public String failure;

    /** For a request waiting for approval: what its grant will need (JSON of GrantContext). */
    @Column(name = "grant_context")
    public String grantContext;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "completed_at")
    public Instant completedAt;
}
