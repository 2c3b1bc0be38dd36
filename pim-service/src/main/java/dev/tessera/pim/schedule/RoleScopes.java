package dev.tessera.pim.schedule;

import dev.tessera.common.DirectoryRoles;
import dev.tessera.pim.directory.AdministrativeUnits;
import dev.tessera.pim.directory.Directory;
import dev.tessera.pim.roledefinition.RoleDefinition;
import dev.tessera.platform.graph.GraphException;
import dev.tessera.platform.graph.RemoteErrors;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The scope of a directory role assignment or eligibility, as Graph's unifiedRoleAssignment and the
 * schedule requests have it (docs/pim.md "Scopes"): exactly one of {@code directoryScopeId} and
 * {@code appScopeId}. {@code directoryScopeId} is {@code /} (the whole directory),
 * {@code /administrativeUnits/{id}} (the members of one unit, for a role Entra lets be scoped so) or
 * {@code /{objectId}} of an application — a service principal of the directory, Tessera's only kind of
 * application object — for a role that administers applications. {@code appScopeId} is {@code /}
 * (tenant-wide app scope): Tessera has no app-specific scopes of its own. A scope is checked against
 * the directory with pim-service's service token; an outage is a 503.
 */
@ApplicationScoped
public class RoleScopes {

    /** Built-in roles Entra lets be assigned at an administrative-unit scope that Tessera knows. */
    public static final Set<String> AU_SCOPABLE = Set.of(DirectoryRoles.HELPDESK_ADMINISTRATOR,
            DirectoryRoles.USER_ADMINISTRATOR, DirectoryRoles.GROUPS_ADMINISTRATOR);

    /** Built-in roles Entra lets be assigned over one application (its object id). */
    public static final Set<String> APP_SCOPABLE = Set.of(DirectoryRoles.APPLICATION_ADMINISTRATOR,
            DirectoryRoles.CLOUD_APPLICATION_ADMINISTRATOR);

    public static final String TENANT_WIDE = "/";

    private static final String GUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
    private static final Pattern UNIT = Pattern.compile("(?i)/administrativeUnits/(" + GUID + ")");
    private static final Pattern APPLICATION = Pattern.compile("/(" + GUID + ")");

    /** A scope as given: exactly one of the two is non-null. */
    public record Scope(String directoryScopeId, String appScopeId) {

        public boolean isAdministrativeUnit() {
            return directoryScopeId != null && UNIT.matcher(directoryScopeId).matches();
        }

        public boolean isApplication() {
            return directoryScopeId != null && APPLICATION.matcher(directoryScopeId).matches();
        }
    }

    @Inject
    AdministrativeUnits administrativeUnits;

    @Inject
    Directory directory;

    /**
     * The scope's form (no directory lookup): 400 with {@code error.target} naming the property when
     * both or neither are given, the directory scope has none of the three forms, or the app scope is
     * not {@code /}. Blank counts as absent.
     */
    public static Scope parse(String directoryScopeId, String appScopeId) {
        String directory = blankToNull(directoryScopeId);
        String app = blankToNull(appScopeId);
        if (directory == null && app == null) {
            throw GraphException.invalidField("directoryScopeId",
                    "Either 'directoryScopeId' (\"/\" for the whole directory) or 'appScopeId' is required.");
        }
        if (directory != null && app != null) {
            throw GraphException.invalidField("appScopeId",
                    "Only one of 'directoryScopeId' and 'appScopeId' may be given.");
        }
        if (app != null && !app.equals(TENANT_WIDE)) {
            throw GraphException.invalidField("appScopeId", "'" + app + "' is not an app scope of the directory "
                    + "provider; use \"/\" (tenant-wide app scope), or 'directoryScopeId' to limit the scope.");
        }
        if (directory != null && !directory.equals(TENANT_WIDE) && !UNIT.matcher(directory).matches()
                && !APPLICATION.matcher(directory).matches()) {
            throw GraphException.invalidField("directoryScopeId", "'" + directory + "' is not a directory scope; use "
                    + "\"/\", \"/administrativeUnits/{id}\" or \"/{objectId}\" of an application.");
        }
        return new Scope(directory, app);
    }

    /**
     * The scope suits the role and names an object of the directory: a unit that exists for a role that
     * may be scoped to one, a service principal that exists for a role that administers applications.
     * A custom role may be given either (its permissions decide what it means there).
     */
    public Uni<Void> check(RoleDefinition role, Scope scope) {
        if (scope.isAdministrativeUnit()) {
            if (role.builtIn && !AU_SCOPABLE.contains(role.templateId)) {
                throw GraphException.invalidField("directoryScopeId", "Role '" + role.displayName
                        + "' cannot be assigned at an administrative-unit scope; use \"/\".");
            }
            String unitId = last(scope.directoryScopeId());
            return administrativeUnits.exists(unitId)
                    .onFailure().transform(e -> RemoteErrors.asGraphError(e, "directory",
                            "administrative unit '" + unitId + "'"))
                    .invoke(exists -> {
                        if (!exists) {
                            throw GraphException.invalidField("directoryScopeId", "Administrative unit '" + unitId
                                    + "' does not exist in the directory.");
                        }
                    }).replaceWithVoid();
        }
        if (scope.isApplication()) {
            if (role.builtIn && !APP_SCOPABLE.contains(role.templateId)) {
                throw GraphException.invalidField("directoryScopeId", "Role '" + role.displayName
                        + "' cannot be assigned over one application; use \"/\".");
            }
            UUID objectId = UUID.fromString(last(scope.directoryScopeId()));
            return directory.servicePrincipalExists(objectId)
                    .onFailure().transform(e -> RemoteErrors.asGraphError(e, "directory",
                            "application '" + objectId + "'"))
                    .invoke(exists -> {
                        if (!exists) {
                            throw GraphException.invalidField("directoryScopeId", "'" + objectId
                                    + "' is not an application (service principal) of the directory.");
                        }
                    }).replaceWithVoid();
        }
        return Uni.createFrom().voidItem();
    }

    private static String last(String scope) {
        return scope.substring(scope.lastIndexOf('/') + 1);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
