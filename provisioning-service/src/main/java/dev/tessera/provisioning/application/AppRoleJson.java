package dev.tessera.provisioning.application;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.UUID;

/** microsoft.graph.appRole on the wire. */
public record AppRoleJson(
        List<String> allowedMemberTypes,
        String description,
        String displayName,
        UUID id,
        @JsonProperty("isEnabled") boolean isEnabled,
        String value) {

    static AppRoleJson of(AppRole role) {
        return new AppRoleJson(role.allowedMemberTypeList(), role.description, role.displayName, role.id(),
                role.enabled, role.roleValue);
    }
}
