package dev.tessera.catalog.internal;

import dev.tessera.catalog.incompatible.Incompatibilities;
import dev.tessera.catalog.policy.PolicyJson;
import dev.tessera.platform.messaging.events.ResourceRoleRef;
import java.util.List;

/**
 * An auto-assignment policy (automaticRequestSettings.requestAccessForAllowedTargets) with what
 * request-service needs to grant its package without asking again: the package and the resource
 * roles an assignment delivers, and what the package is incompatible with (as for a request). The
 * policy is the Graph JSON {@code GET /assignmentPolicies/{id}} returns.
 */
public record AutomaticPolicy(RequestContext.AccessPackage accessPackage, PolicyJson policy,
        List<ResourceRoleRef> resourceRoles, Incompatibilities.ForRequests incompatible) {
}
