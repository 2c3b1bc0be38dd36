package dev.tessera.devstack;

import java.util.List;
import java.util.Optional;

/**
 * Which service owns a Graph path: the "One base URL" table of docs ARCHITECTURE.md. Prefixes match
 * whole path segments ({@code /v1.0/users} matches {@code /v1.0/users/x}, not {@code /v1.0/usersX});
 * the first match wins, so the most specific prefixes come first.
 */
public final class GatewayRoutes {

    static final String EM = "/v1.0/identityGovernance/entitlementManagement";
    /** The Graph beta entitlement-management API (docs/beta.md), a translation at each service's edge. */
    static final String BETA_EM = "/beta/identityGovernance/entitlementManagement";

    /** A path prefix and the service that owns it. */
    public record Route(String prefix, String service) {
    }

    private static final List<Route> ROUTES = List.of(
            new Route(EM + "/assignmentRequests", LocalStack.REQUEST),
            new Route(EM + "/assignments", LocalStack.REQUEST),
            new Route(EM + "/accessPackageAssignmentApprovals", LocalStack.REQUEST),
            new Route(EM, LocalStack.CATALOG),
            new Route("/v1.0/roleManagement/entitlementManagement", LocalStack.CATALOG),
            new Route("/v1.0/identityGovernance/lifecycleWorkflows", LocalStack.PROVISIONING),
            new Route("/v1.0/users", LocalStack.PROVISIONING),
            new Route("/v1.0/groups", LocalStack.PROVISIONING),
            new Route("/v1.0/servicePrincipals", LocalStack.PROVISIONING),
            new Route("/v1.0/sites", LocalStack.PROVISIONING),
            new Route("/v1.0/directory", LocalStack.PROVISIONING),
            new Route("/v1.0/roleManagement/directory", LocalStack.PIM),
            new Route("/v1.0/policies/roleManagementPolicies", LocalStack.PIM),
            new Route("/v1.0/policies/roleManagementPolicyAssignments", LocalStack.PIM),
            // beta: each entity set goes to the owner of its v1.0 twin; the rest of beta entitlement management
            // to catalog-service, whose beta edge answers the 404 naming a set not served in beta
            new Route(BETA_EM + "/accessPackageAssignmentRequests", LocalStack.REQUEST),
            new Route(BETA_EM + "/accessPackageAssignments", LocalStack.REQUEST),
            new Route(BETA_EM, LocalStack.CATALOG));

    private GatewayRoutes() {
    }

    /** The routing table, most specific prefix first; deploy/'s Ingress must route the same way. */
    public static List<Route> routes() {
        return ROUTES;
    }

    /** The service for a request path, if any. A prefix matches whole segments only. */
    public static Optional<String> serviceFor(String path) {
        if (path == null) {
            return Optional.empty();
        }
        for (Route route : ROUTES) {
            if (matches(path, route.prefix())) {
                return Optional.of(route.service());
            }
        }
        return Optional.empty();
    }

    private static boolean matches(String path, String prefix) {
        if (!path.startsWith(prefix)) {
            return false;
        }
        if (path.length() == prefix.length()) {
            return true;
        }
        char next = path.charAt(prefix.length());
        return next == '/' || next == '?' || next == '(';
    }
}
