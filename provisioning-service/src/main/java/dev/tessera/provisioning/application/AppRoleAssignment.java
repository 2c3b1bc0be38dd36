package dev.tessera.provisioning.application;

import dev.tessera.provisioning.Principal;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A user or group holding an app role of a service principal (the resource). The principal id is
 * also kept in {@code userId} or {@code groupId}, whose foreign keys remove the assignment with
 * the principal.
 */
@Entity
@Table(name = "app_role_assignment")
public class AppRoleAssignment extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "resource_id")
    public UUID resourceId;

    @Column(name = "app_role_id")
    public UUID appRoleId;

    @Column(name = "principal_id")
    public UUID principalId;

    @Enumerated(EnumType.STRING)
    @Column(name = "principal_type")
    public Principal.Type principalType;

    @Column(name = "user_id")
    public UUID userId;

    @Column(name = "group_id")
    public UUID groupId;

    @Column(name = "created_date_time")
    public Instant createdDateTime;

    public static AppRoleAssignment of(UUID resourceId, UUID appRoleId, Principal principal, Instant at) {
        AppRoleAssignment assignment = new AppRoleAssignment();
        assignment.id = UUID.randomUUID();
        assignment.resourceId = resourceId;
        assignment.appRoleId = appRoleId;
        assignment.principalId = principal.id();
        assignment.principalType = principal.type();
        assignment.userId = principal.type() == Principal.Type.User ? principal.id() : null;
        assignment.groupId = principal.type() == Principal.Type.Group ? principal.id() : null;
        assignment.createdDateTime = at;
        return assignment;
    }
}
