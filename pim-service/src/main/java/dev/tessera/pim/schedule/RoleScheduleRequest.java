package dev.tessera.pim.schedule;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A role{Assignment,Eligibility}ScheduleRequest and its outcome. */
@Entity
@Table(name = "role_schedule_request")
public class RoleScheduleRequest extends PanacheEntityBase {

    @Id
    public UUID id;

    public String kind;

    public String action;

    public String status;

    @Column(name = "principal_id")
    public UUID principalId;

    @Column(name = "role_definition_id")
    public String roleDefinitionId;

    @Column(name = "directory_scope_id")
    public String directoryScopeId;

    @Column(name = "app_scope_id")
    public String appScopeId;

    public String justification;

    @Column(name = "ticket_number")
    public String ticketNumber;

    @Column(name = "ticket_system")
    public String ticketSystem;

    @Column(name = "start_at")
    public Instant startAt;

    @Column(name = "expiration_type")
    public String expirationType;

    @Column(name = "end_at")
    public Instant endAt;

    public String duration;

    @Column(name = "is_validation_only")
    public boolean isValidationOnly;

    @Column(name = "target_schedule_id")
    public UUID targetScheduleId;

    @Column(name = "created_by")
    public UUID createdBy;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "completed_at")
    public Instant completedAt;

    /** The approval this request waits for (its own id), when the policy asks for one. */
    @Column(name = "approval_id")
    public UUID approvalId;

    /** An activation's memberType: Direct, or Group when it uses a group's eligibility. */
    @Column(name = "member_type")
    public String memberType;

    /** The eligibility schedule an activation uses. */
    @Column(name = "activated_using")
    public UUID activatedUsing;
}
