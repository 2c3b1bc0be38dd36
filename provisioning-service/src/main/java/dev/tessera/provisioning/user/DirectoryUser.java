package dev.tessera.provisioning.user;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "directory_user")
public class DirectoryUser extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "display_name")
    public String displayName;

    @Column(name = "user_principal_name")
    public String userPrincipalName;

    @Column(name = "mail_nickname")
    public String mailNickname;

    public String mail;

    @Column(name = "given_name")
    public String givenName;

    public String surname;

    @Column(name = "job_title")
    public String jobTitle;

    public String department;

    @Column(name = "office_location")
    public String officeLocation;

    @Column(name = "mobile_phone")
    public String mobilePhone;

    @Column(name = "employee_id")
    public String employeeId;

    /** Graph's employeeHireDate: when the person starts (joiner workflows trigger on it). */
    @Column(name = "employee_hire_date")
    public Instant employeeHireDate;

    /** Graph's employeeLeaveDateTime: when the person leaves (leaver workflows trigger on it). */
    @Column(name = "employee_leave_date_time")
    public Instant employeeLeaveDateTime;

    @Enumerated(EnumType.STRING)
    @Column(name = "user_type")
    public UserType userType;

    /** {@code users/{id}/manager}: a navigation in Graph, not a property of the user. */
    @Column(name = "manager_id")
    public UUID managerId;

    @Column(name = "account_enabled")
    public Boolean accountEnabled;

    /** {@code Invitation} for a guest invited on delivery; null otherwise. */
    @Column(name = "creation_type")
    public String creationType;

    /** {@code PendingAcceptance} for an invited guest; null otherwise. */
    @Column(name = "external_user_state")
    public String externalUserState;

    @Column(name = "created_date_time")
    public Instant createdDateTime;

    /** The properties a dynamic group's membership rule reads, as the directory events report them. */
    public java.util.Map<String, Object> ruleAttributes() {
        return UserRules.attributes(this, UserRules.allAttributes());
    }
}
