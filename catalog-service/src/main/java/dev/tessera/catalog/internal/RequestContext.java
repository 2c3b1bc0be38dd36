package dev.tessera.catalog.internal;

import dev.tessera.catalog.policy.PolicyJson;
import dev.tessera.platform.messaging.events.ResourceRoleRef;
import java.util.List;

/**
 * What request-service needs about an access package to decide a request, in one call: the package,
 * its policies (each as {@code GET /assignmentPolicies/{id}?$expand=questions} returns it) and the
 * resource roles an assignment delivers.
 */
public record RequestContext(AccessPackage accessPackage, List<PolicyJson> policies,
        List<ResourceRoleRef> resourceRoles) {

    public record AccessPackage(String id, String displayName, String description, boolean isHidden,
            String catalogId) {
    }
}
