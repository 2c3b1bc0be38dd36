package dev.tessera.pim.schedule;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** An eligible or active role assignment (Graph unifiedRole{Eligibility,Assignment}Schedule). */
@Entity
@Table(name = "role_schedule")
public class RoleSchedule extends PanacheEntityBase {

    @Id
    public UUID id;

    public String kind;

    @Column(name = "principal_id")
    public UUID principalId;

    @Column(name = "role_definition_id")
    public String roleDefinitionId;

    @Column(name = "directory_scope_id")
    public String directoryScopeId;

    @Column(name = "app_scope_id")
    public String appScopeId;

    @Column(name = "assignment_type")
    public String assignmentType;

    @Column(name = "member_type")
    public String memberType;

    public String status;

    @Column(name = "start_at")
    public Instant startAt;

    @Column(name = "end_at")
    public Instant endAt;

    @Column(name = "expiration_type")
    public String expirationType;

    public String duration;

    @Column(name = "created_using")
    public UUID createdUsing;

    @Column(name = "activated_using")
    public UUID activatedUsing;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "modified_at")
    public Instant modifiedAt;

    @Column(name = "ended_at")
    public Instant endedAt;

    /** {@value #REQUEST} (made by a schedule request) or {@value #PACKAGE} (made by an access package's command). */
    public String source;

    public static final String REQUEST = "request";
    public static final String PACKAGE = "package";

    public boolean inForce(Instant now) {
        return endedAt == null && !startAt.isAfter(now);
    }
}
