package dev.tessera.catalog.accesspackage;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tessera.catalog.catalog.CatalogJson;
import dev.tessera.catalog.policy.PolicyJson;
import java.time.Instant;
import java.util.List;

/** accessPackage on the wire; navigation properties only when expanded. */
public record AccessPackageJson(
        String id,
        String displayName,
        String description,
        boolean isHidden,
        Instant createdDateTime,
        Instant modifiedDateTime,
        @JsonInclude(JsonInclude.Include.NON_NULL) CatalogJson catalog,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<RoleScopeJson> resourceRoleScopes,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<PolicyJson> assignmentPolicies) {

    public static AccessPackageJson of(AccessPackage p) {
        return of(p, null, null, null);
    }

    public static AccessPackageJson of(AccessPackage p, CatalogJson catalog, List<RoleScopeJson> roleScopes,
            List<PolicyJson> policies) {
        return new AccessPackageJson(p.id.toString(), p.displayName, p.description, p.hidden, p.createdAt,
                p.modifiedAt, catalog, roleScopes, policies);
    }
}
