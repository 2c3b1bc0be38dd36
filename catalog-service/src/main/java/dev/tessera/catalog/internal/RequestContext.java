package dev.tessera.catalog.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import dev.tessera.catalog.incompatible.Incompatibilities;
import dev.tessera.catalog.policy.PolicyJson;
import dev.tessera.platform.messaging.events.ResourceRoleRef;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * What request-service needs about an access package to decide a request, in one call: the package,
 * its policies (each as {@code GET /assignmentPolicies/{id}?$expand=questions} returns it) and the
 * resource roles an assignment delivers, what the package is incompatible with (packages in
 * either direction, groups) so that a conflicting request is refused, and the caller's: the EM
 * roles they hold in the package's catalog (role definition ids), whether those (or their being
 * an EM administrator) let them manage the package's assignments, and whether they let them read the
 * package's assignments and requests (every catalog role, an EM administrator or reader). request-service
 * decides its single-package actions from these two flags alone. {@code resourceAttributes}: the
 * resources of the package's roles that ask requestors for attributes, each with its attributes as
 * {@code catalogs/{id}/resources} returns them. {@code customExtensions}: the custom workflow extensions the
 * policies' {@code customExtensionStageSettings} bind, as {@code catalogs/{id}/customWorkflowExtensions} returns them.
 */
public record RequestContext(AccessPackage accessPackage, List<PolicyJson> policies,
        List<ResourceRoleRef> resourceRoles, Incompatibilities.ForRequests incompatible,
        List<String> callerCatalogRoles, boolean callerManagesAssignments, boolean callerReadsAssignments,
        List<ResourceAttributes> resourceAttributes,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ObjectNode> customExtensions) {

    public record ResourceAttributes(String resourceId, String displayName, @JsonRawValue String attributes) {
    }

    public record AccessPackage(String id, String displayName, String description, boolean isHidden,
            String catalogId) {
    }
}
