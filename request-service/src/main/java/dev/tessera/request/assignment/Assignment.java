package dev.tessera.request.assignment;

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
@Table(name = "assignment")
public class Assignment extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "access_package_id")
    public UUID accessPackageId;

    @Column(name = "access_package_name")
    public String accessPackageName;

    @Column(name = "catalog_id")
    public UUID catalogId;

    @Column(name = "assignment_policy_id")
    public UUID assignmentPolicyId;

    /** Null for an external user until provisioning-service has invited them (see {@link #targetSubject}). */
    @Column(name = "target_object_id")
    public UUID targetObjectId;

    /** The subject of a target requested by email; null for a target requested by object id. */
    @ManyToOne(fetch = FetchType.EAGER)
    @JoinColumn(name = "target_subject_id")
    public Subject targetSubject;

    /*
     * Who the target is, read with the assignment in the same statement (subqueries on primary keys, so
     * a page of assignments stays one query): the name, UPN and mail the directory events last reported
     * (request-service's directory view), else what the request gave for an external target. Read-only;
     * null on an assignment created in this session until it is read again.
     */
    @Formula("coalesce((select u.display_name from directory_user u where u.object_id = target_object_id),"
            + " (select s.display_name from access_package_subject s where s.id = target_subject_id))")
    public String targetDisplayName;

    @Formula("(select u.principal_name from directory_user u where u.object_id = target_object_id)")
    public String targetPrincipalName;

    @Formula("coalesce((select u.mail from directory_user u where u.object_id = target_object_id),"
            + " (select s.email from access_package_subject s where s.id = target_subject_id))")
    public String targetEmail;

    /** Whether the user is the target: by object id, or as the external requestor of its subject. */
    public boolean isFor(java.util.UUID user) {
        return user.equals(targetObjectId) || targetSubject != null && user.equals(targetSubject.requestorObjectId);
    }

    @Enumerated(EnumType.STRING)
    public AssignmentState state;

    public String status;

    @Column(name = "start_at")
    public Instant startAt;

    @Column(name = "end_at")
    public Instant endAt;

    @Column(name = "expiration_type")
    public String expirationType;

    public String duration;

    @Column(name = "expired_at")
    public Instant expiredAt;

    /** The package's resource roles at grant time (JSON list of ResourceRoleRef): what to take away later. */
    @Column(name = "resource_roles")
    public String resourceRoles;

    /**
     * The requestor's answers to the package's resource attributes at grant time (JSON list of
     * AttributeValue): written to the target at delivery, cleared at removal unless they persist.
     */
    @Column(name = "attribute_values")
    public String attributeValues;

    /** Per-role outcome of the last delivery (JSON), e.g. which role failed and why. */
    @Column(name = "delivery_detail")
    public String deliveryDetail;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "modified_at")
    public Instant modifiedAt;

    public boolean isLive() {
        return state != AssignmentState.expired;
    }
}
