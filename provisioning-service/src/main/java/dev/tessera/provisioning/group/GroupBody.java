package dev.tessera.provisioning.group;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The body of POST and PATCH {@code /groups}. Setters record which properties were sent, so a
 * PATCH tells "absent" from {@code null}.
 */
public class GroupBody {

    /** Bookkeeping, no property: hidden from Jackson and from the OpenAPI document. */
    @JsonIgnore
    private final Set<String> present = new LinkedHashSet<>();

    private String displayName;
    private String description;
    private String mailNickname;
    private Boolean mailEnabled;
    private Boolean securityEnabled;
    private List<String> groupTypes;
    private Boolean isAssignableToRole;
    private String visibility;
    private String membershipRule;
    private String membershipRuleProcessingState;

    public Set<String> present() {
        return Set.copyOf(present);
    }

    public boolean has(String property) {
        return present.contains(property);
    }

    public void setDisplayName(String value) {
        present.add("displayName");
        displayName = value;
    }

    public void setDescription(String value) {
        present.add("description");
        description = value;
    }

    public void setMailNickname(String value) {
        present.add("mailNickname");
        mailNickname = value;
    }

    public void setMailEnabled(Boolean value) {
        present.add("mailEnabled");
        mailEnabled = value;
    }

    public void setSecurityEnabled(Boolean value) {
        present.add("securityEnabled");
        securityEnabled = value;
    }

    public void setGroupTypes(List<String> value) {
        present.add("groupTypes");
        groupTypes = value;
    }

    public void setIsAssignableToRole(Boolean value) {
        present.add("isAssignableToRole");
        isAssignableToRole = value;
    }

    public void setVisibility(String value) {
        present.add("visibility");
        visibility = value;
    }

    public void setMembershipRule(String value) {
        present.add("membershipRule");
        membershipRule = value;
    }

    public void setMembershipRuleProcessingState(String value) {
        present.add("membershipRuleProcessingState");
        membershipRuleProcessingState = value;
    }

    public String membershipRule() {
        return membershipRule;
    }

    public String membershipRuleProcessingState() {
        return membershipRuleProcessingState;
    }

    public String displayName() {
        return displayName;
    }

    public String description() {
        return description;
    }

    public String mailNickname() {
        return mailNickname;
    }

    public Boolean mailEnabled() {
        return mailEnabled;
    }

    public Boolean securityEnabled() {
        return securityEnabled;
    }

    public List<String> groupTypes() {
        return groupTypes;
    }

    public Boolean isAssignableToRole() {
        return isAssignableToRole;
    }

    public String visibility() {
        return visibility;
    }
}
