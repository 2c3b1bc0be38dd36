package dev.tessera.provisioning.group;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

@Entity
@Table(name = "directory_group")
public class DirectoryGroup extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "display_name")
    public String displayName;

    public String description;

    @Column(name = "mail_nickname")
    public String mailNickname;

    public String mail;

    @Column(name = "mail_enabled")
    public boolean mailEnabled;

    @Column(name = "security_enabled")
    public boolean securityEnabled;

    /** Comma-separated groupTypes. */
    @Column(name = "group_types")
    public String groupTypes;

    @Column(name = "is_assignable_to_role")
    public boolean assignableToRole;

    public String visibility;

    /** The rule of a dynamic membership group (groupTypes contains DynamicMembership); null for others. */
    @Column(name = "membership_rule")
    public String membershipRule;

    /** {@code On} or {@code Paused} for a dynamic membership group; null for others. */
    @Column(name = "membership_rule_processing_state")
    public String membershipRuleProcessingState;

    @Column(name = "created_date_time")
    public Instant createdDateTime;

    public List<String> groupTypeList() {
        return groupTypes == null || groupTypes.isEmpty() ? List.of() : Arrays.asList(groupTypes.split(","));
    }

    public boolean isDynamic() {
        return groupTypeList().contains(GroupRules.DYNAMIC_MEMBERSHIP);
    }

    /** Its members follow its rule now: dynamic and not paused. */
    public boolean appliesRule() {
        return isDynamic() && GroupRules.ON.equals(membershipRuleProcessingState);
    }

    public void groupTypeList(List<String> types) {
        groupTypes = String.join(",", types);
    }
}
