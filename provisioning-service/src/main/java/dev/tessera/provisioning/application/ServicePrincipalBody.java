package dev.tessera.provisioning.application;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The body of POST and PATCH {@code /servicePrincipals}. Setters record which properties were sent,
 * so a PATCH tells "absent" from {@code null}.
 */
public class ServicePrincipalBody {

    /** Bookkeeping, no property: hidden from Jackson and from the OpenAPI document. */
    @JsonIgnore
    private final Set<String> present = new LinkedHashSet<>();

    private String displayName;
    private String appId;
    private String description;
    private Boolean accountEnabled;
    private List<AppRoleBody> appRoles;

    public boolean has(String property) {
        return present.contains(property);
    }

    public Set<String> present() {
        return Set.copyOf(present);
    }

    public void setDisplayName(String value) {
        present.add("displayName");
        displayName = value;
    }

    public void setAppId(String value) {
        present.add("appId");
        appId = value;
    }

    public void setDescription(String value) {
        present.add("description");
        description = value;
    }

    public void setAccountEnabled(Boolean value) {
        present.add("accountEnabled");
        accountEnabled = value;
    }

    public void setAppRoles(List<AppRoleBody> value) {
        present.add("appRoles");
        appRoles = value;
    }

    public String displayName() {
        return displayName;
    }

    public String appId() {
        return appId;
    }

    public String description() {
        return description;
    }

    public Boolean accountEnabled() {
        return accountEnabled;
    }

    public List<AppRoleBody> appRoles() {
        return appRoles;
    }
}
