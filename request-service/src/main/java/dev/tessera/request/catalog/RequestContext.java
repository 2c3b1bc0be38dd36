package dev.tessera.request.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.platform.em.PolicyView;
import dev.tessera.platform.messaging.events.ResourceRoleRef;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What catalog-service tells request-service about a package in one call: the package, its policies
 * (as Graph JSON), its resource roles, what it is incompatible with, and what the calling user's EM
 * roles let them do with its assignments and requests: manage (adminAdd, adminUpdate, adminRemove,
 * cancel, reprocess) and read. Both flags are false in a context fetched without a user.
 */
public record RequestContext(AccessPackage accessPackage, List<JsonNode> policies, List<ResourceRoleRef> resourceRoles,
        Incompatible incompatible, boolean callerManagesAssignments, boolean callerReadsAssignments) {

    /** A package or group the requested package is incompatible with. */
    public record Named(String id, String displayName) {
    }

    /** Packages (in either direction) and groups whose holders may not have this package. */
    public record Incompatible(List<Named> accessPackages, List<Named> groups) {

        public static final Incompatible NONE = new Incompatible(List.of(), List.of());
    }

    public Incompatible incompatibleOrNone() {
        return incompatible == null ? Incompatible.NONE : incompatible;
    }

    public record AccessPackage(UUID id, String displayName, String description, boolean isHidden, UUID catalogId) {
    }

    public Optional<PolicyView> policy(UUID policyId) {
        return policies.stream()
                .filter(p -> policyId.toString().equalsIgnoreCase(p.path("id").asText()))
                .findFirst()
                .map(PolicyView::new);
    }
}
