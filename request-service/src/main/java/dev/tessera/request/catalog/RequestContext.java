package dev.tessera.request.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.platform.messaging.events.ResourceRoleRef;
import dev.tessera.request.policy.PolicyView;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What catalog-service tells request-service about a package in one call: the package, its policies
 * (as Graph JSON) and its resource roles.
 */
public record RequestContext(AccessPackage accessPackage, List<JsonNode> policies, List<ResourceRoleRef> resourceRoles) {

    public record AccessPackage(UUID id, String displayName, String description, boolean isHidden, UUID catalogId) {
    }

    public Optional<PolicyView> policy(UUID policyId) {
        return policies.stream()
                .filter(p -> policyId.toString().equalsIgnoreCase(p.path("id").asText()))
                .findFirst()
                .map(PolicyView::new);
    }
}
