package dev.tessera.platform.graph;

import dev.tessera.common.DirectoryRoles;
import dev.tessera.common.ServiceIdentity;
import dev.tessera.common.roles.DirectoryRoleSource;
import dev.tessera.common.roles.HeldDirectoryRole;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.InstantSource;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The authenticated caller of a request, read from the bearer token: {@code oid} is who they are,
 * {@code amr} how they signed in. A token is either <b>delegated</b> (a user signed in to an app; it
 * has {@code scp}, the scopes the app was consented): the user's directory roles are those Tessera's role
 * state holds for them, plus the token's {@code wids} where {@link TokenDirectoryRoles} trusts them, and
 * its {@code roles} claim grants nothing (anyone can give themselves an app role named like a Graph
 * permission in an app of their own); or <b>app-only</b> (client credentials: no {@code scp}): it is
 * judged by its {@code roles} (application permissions) alone, and {@code wids} grant nothing. Scopes
 * and application permissions per endpoint are checked once for every request by
 * {@link GraphPermissionFilter}; the predicates here decide the roles the services check.
 */
@RequestScoped
public class Caller {

    @Inject
    JsonWebToken jwt;

    @Inject
    SecurityIdentity identity;

    /** The directory roles Tessera itself holds for principals (pim-service's state); absent in plain libraries' tests. */
    @Inject
    Instance<DirectoryRoleSource> roleSources;

    @Inject
    InstantSource clock;

    /** Whether the token's {@code wids} count ({@link TokenDirectoryRoles}); Tessera's role state always does. */
    @ConfigProperty(name = TokenDirectoryRoles.PROPERTY, defaultValue = "auto")
    TokenDirectoryRoles tokenDirectoryRoles;

    public boolean isAuthenticated() {
        return identity != null && !identity.isAnonymous() && jwt != null && jwt.getRawToken() != null;
    }

    public UUID objectId() {
        requireAuthenticated();
        String oid = jwt.getClaim("oid");
        if (oid == null || !Ids.isGuid(oid)) {
            throw new GraphException(401, "InvalidAuthenticationToken", "The token has no valid 'oid' claim.");
        }
        return UUID.fromString(oid);
    }

    /**
     * The caller's email address as the token states it: the {@code email} claim, else {@code upn}
     * when that is an address (the sign-in name the issuer's administrators give). Not
     * {@code preferred_username}: it is a display hint a user may be able to change, and this address
     * decides whose requests a caller may make and see. Empty when the token names none; as given, so
     * compare it case-insensitively.
     */
    public Optional<String> email() {
        requireAuthenticated();
        for (String claim : new String[] {"email", "upn"}) {
            Object value = jwt.getClaim(claim);
            String text = value == null ? null : GraphClaims.text(value).trim();
            if (text != null && EMAIL.matcher(text).matches()) {
                return Optional.of(text);
            }
        }
        return Optional.empty();
    }

    /** Something@domain.tld: enough to tell an address from a plain sign-in name. */
    private static final Pattern EMAIL = Pattern.compile(
            "^[^@\\s]+@[^@\\s]+\\.[^@\\s.]+$");

    public String rawToken() {
        return jwt.getRawToken();
    }

    /** App-only: an authenticated token without {@code scp} (Entra's client-credentials tokens also say {@code idtyp: app}). */
    public boolean isAppOnly() {
        return isAuthenticated() && jwt.getClaim("scp") == null;
    }

    /**
     * A tenant-wide directory role of the signed-in user: in the token's {@code wids}, or held in Tessera's
     * role state (an active assignment, direct or through a role-assignable group, or an activation);
     * never for an app-only token.
     */
    public boolean hasDirectoryRole(String templateId) {
        return directoryRoleScopes(templateId).contains(HeldDirectoryRole.TENANT_WIDE);
    }

    /**
     * The directory scopes in which the signed-in user holds a directory role: {@code /} (tenant-wide),
     * {@code /administrativeUnits/{id}}, {@code /{objectId}} of an application. Empty when they hold it
     * nowhere; never anything for an app-only token. {@link #hasDirectoryRole} is the tenant-wide case.
     */
    public Set<String> directoryRoleScopes(String templateId) {
        if (!isAuthenticated() || isAppOnly() || templateId == null) {
            return Set.of();
        }
        Set<String> scopes = new java.util.HashSet<>();
        if (trustsTokenDirectoryRoles() && claimValues("wids").contains(templateId)) {
            scopes.add(HeldDirectoryRole.TENANT_WIDE);
        }
        for (HeldDirectoryRole role : heldRoles()) {
            if (templateId.equals(role.roleTemplateId()) && role.appScopeId() == null) {
                scopes.add(role.directoryScopeId());
            }
        }
        return scopes;
    }

    /**
     * Whether this token's {@code wids} count: per {@code tessera.authorization.token-directory-roles}
     * ({@code auto}: only for a token Entra ID issued).
     */
    public boolean trustsTokenDirectoryRoles() {
        return isAuthenticated() && tokenDirectoryRoles.trustsWids(jwt.getIssuer());
    }

    /**
     * The roles Tessera's role state gives the signed-in user now (none for an app-only token; none while
     * this service's view has not read {@code tessera.pim.roles} to its end at start — readiness is DOWN then).
     */
    public java.util.List<HeldDirectoryRole> heldRoles() {
        if (!isAuthenticated() || isAppOnly() || roleSources == null || !roleSources.isResolvable()) {
            return java.util.List.of();
        }
        String oid = jwt.getClaim("oid");
        if (oid == null || !Ids.isGuid(oid)) {
            return java.util.List.of();
        }
        return roleSources.get().rolesOf(UUID.fromString(oid), clock.instant());
    }

    /** An application permission ({@code roles}) of an app-only token; never for a delegated token. */
    public boolean hasAppRole(String role) {
        return isAppOnly() && claimValues("roles").contains(role);
    }

    /** A delegated scope ({@code scp}) the user's app holds; never for an app-only token. */
    public boolean hasScope(String scope) {
        return isAuthenticated() && !isAppOnly() && claimValues("scp").contains(scope);
    }

    /** A Tessera service's own token: app-only with {@value ServiceIdentity#INTERNAL_PERMISSION}. */
    public boolean isService() {
        return hasAppRole(ServiceIdentity.INTERNAL_PERMISSION);
    }

    public boolean hasMfa() {
        return claimValues("amr").contains("mfa");
    }

    public boolean isGlobalAdministrator() {
        return hasDirectoryRole(DirectoryRoles.GLOBAL_ADMINISTRATOR);
    }

    /** May do all entitlement-management administration. */
    public boolean isEntitlementAdmin() {
        return isGlobalAdministrator()
                || hasDirectoryRole(DirectoryRoles.IDENTITY_GOVERNANCE_ADMINISTRATOR)
                || hasAppRole("EntitlementManagement.ReadWrite.All");
    }

    /** May read all entitlement-management configuration and state. */
    public boolean isEntitlementReader() {
        return isEntitlementAdmin()
                || hasDirectoryRole(DirectoryRoles.GLOBAL_READER)
                || hasAppRole("EntitlementManagement.Read.All");
    }

    /** May do all PIM administration. */
    public boolean isPrivilegedRoleAdmin() {
        return isGlobalAdministrator() || hasDirectoryRole(DirectoryRoles.PRIVILEGED_ROLE_ADMINISTRATOR)
                || hasAppRole("RoleManagement.ReadWrite.Directory");
    }

    /** May manage users and groups of the directory. */
    public boolean isDirectoryAdmin() {
        return isGlobalAdministrator()
                || hasDirectoryRole(DirectoryRoles.USER_ADMINISTRATOR)
                || hasDirectoryRole(DirectoryRoles.GROUPS_ADMINISTRATOR)
                || hasDirectoryRole(DirectoryRoles.IDENTITY_GOVERNANCE_ADMINISTRATOR)
                || hasAppRole("Directory.ReadWrite.All");
    }

    public void requireEntitlementAdmin() {
        if (!isEntitlementAdmin()) {
            throw GraphException.forbidden("Only an Identity Governance Administrator may do this.");
        }
    }

    public void requireEntitlementReader() {
        if (!isEntitlementReader()) {
            throw GraphException.forbidden("Insufficient privileges to read entitlement-management data.");
        }
    }

    private void requireAuthenticated() {
        if (!isAuthenticated()) {
            throw new GraphException(401, "InvalidAuthenticationToken", "Access token is empty.");
        }
    }

    /**
     * The permissions the token was granted for its app: the delegated scopes ({@code scp}) of a
     * user's token, the application permissions ({@code roles}) of an app-only one.
     */
    public Set<String> grantedPermissions() {
        if (!isAuthenticated()) {
            return Set.of();
        }
        return isAppOnly() ? claimValues("roles") : claimValues("scp");
    }

    private Set<String> claimValues(String claim) {
        return claimValues(jwt, claim);
    }

    /** A claim's values, whether the token holds it as a list or as a space-separated string. */
    static Set<String> claimValues(JsonWebToken jwt, String claim) {
        if (jwt == null) {
            return Set.of();
        }
        Object value = jwt.getClaim(claim);
        if (value instanceof Collection<?> values) {
            return values.stream().map(GraphClaims::text).collect(java.util.stream.Collectors.toSet());
        }
        if (value instanceof String || value instanceof jakarta.json.JsonString) {
            return Set.of(GraphClaims.text(value).trim().split("\\s+"));
        }
        if (value instanceof jakarta.json.JsonArray array) {
            return array.stream().map(GraphClaims::text).collect(java.util.stream.Collectors.toSet());
        }
        return Set.of();
    }
}
