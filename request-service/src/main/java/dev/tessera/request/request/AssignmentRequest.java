package dev.tessera.request.request;

import dev.tessera.request.assignment.Assignment;
import dev.tessera.request.policy.Schedule;
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
import org.hibernate.annotations.Formula;
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

    /*
     * Who the requestor is, as request-service's directory view last heard (the $expand=requestor
     * subject), read with the request in the same statement so a page stays one query. Read-only.
     */
    @Formula("(select u.display_name from directory_user u where u.object_id = requestor_object_id)")
    public String requestorDisplayName;

    @Formula("(select u.principal_name from directory_user u where u.object_id = requestor_object_id)")
    public String requestorPrincipalName;

    @Formula("(select u.mail from directory_user u where u.object_id = requestor_object_id)")
    public String requestorEmail;

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

    /** What the policy's customExtensionStageSettings bound at submission (JSON of CalloutPlan list), or null. */
    @Column(name = "custom_extensions")
    public String customExtensions;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "completed_at")
    public Instant completedAt;

    /** A new request, {@code submitted}/{@code Accepted}, for a package under a policy. */
    public static AssignmentRequest submitted(RequestType type, UUID accessPackageId, UUID assignmentPolicyId,
            UUID targetObjectId, UUID requestorObjectId, String justification, Instant now) {
        AssignmentRequest request = new AssignmentRequest();
        request.id = UUID.randomUUID();
        request.requestType = type;
        request.state = RequestState.submitted;
        request.status = "Accepted";
        request.accessPackageId = accessPackageId;
        request.assignmentPolicyId = assignmentPolicyId;
        request.targetObjectId = targetObjectId;
        request.requestorObjectId = requestorObjectId;
        request.justification = justification;
        request.createdAt = now;
        return request;
    }

    /** A new request about an existing assignment (an update or a removal), for its package, policy and target. */
    public static AssignmentRequest about(Assignment assignment, RequestType type, UUID requestorObjectId,
            String justification, Instant now) {
        AssignmentRequest request = submitted(type, assignment.accessPackageId, assignment.assignmentPolicyId,
                assignment.targetObjectId, requestorObjectId, justification, now);
        request.assignmentId = assignment.id;
        request.targetSubject = assignment.targetSubject;
        return request;
    }

    /**
     * Whether the user made the request or is its target: by object id, or as the external requestor
     * whose subject it targets (their token's oid, which stays theirs after the guest exists).
     */
    public boolean isFor(UUID user) {
        return user.equals(requestorObjectId) || user.equals(targetObjectId)
                || targetSubject != null && user.equals(targetSubject.requestorObjectId);
    }

    /** The schedule the request asks for. */
    public AssignmentRequest scheduled(Schedule schedule) {
        scheduleStart = schedule.start();
        scheduleEnd = schedule.end();
        scheduleDuration = schedule.duration();
        expirationType = schedule.expirationType();
        return this;
    }
}
