package dev.tessera.catalog.accesspackage;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tessera.catalog.resource.ResourceJson;
import java.time.Instant;

/** accessPackageResourceRoleScope on the wire ({@code id} = {@code <roleId>_<scopeId>}). */
public record RoleScopeJson(
        String id,
        Instant createdDateTime,
        @JsonInclude(JsonInclude.Include.NON_NULL) ResourceJson.Role role,
        @JsonInclude(JsonInclude.Include.NON_NULL) ResourceJson.Scope scope) {
}
