package dev.tessera.provisioning;

import dev.tessera.common.DirectoryRoles;
import dev.tessera.platform.graph.Caller;
import dev.tessera.platform.graph.GraphException;
import dev.tessera.platform.graph.Ids;
import dev.tessera.provisioning.adminunit.AdministrativeUnitMemberRepository;
import dev.tessera.provisioning.group.DirectoryGroup;
import dev.tessera.provisioning.group.MembershipRepository;
import dev.tessera.provisioning.group.Relationship;
import dev.tessera.provisioning.user.DirectoryUser;
import dev.tessera.provisioning.user.UserRepository;
import dev.tessera.provisioning.user.UserType;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.UUID;

/**
 * Who may read and write the directory: every rule of docs/directory.md "Who may do what", in one
 * place, as Entra's built-in roles and protections have them. Delegated callers are judged by their
 * directory roles ({@code wids}), app-only callers by their application permissions
 * ({@link Caller#hasAppRole}). Identity Governance Administrator writes nothing here: it governs
 * access through entitlement management. Role-assignable groups and privileged users
 * ({@link PrivilegedPrincipals}) are changed only by a Global or Privileged Role Administrator.
 *
 * <p>A User or Groups Administrator whose role is scoped to administrative units
 * ({@code /administrativeUnits/{id}}, {@link Caller#directoryRoleScopes}) manages only the users
 * (groups) that are members of one of those units, as Entra has it; adding a group to a unit brings the
 * group into scope, not its members. Such an administrator creates no user or group with
 * {@code POST /users} or {@code POST /groups}: Entra creates them inside the unit
 * ({@code POST /directory/administrativeUnits/{id}/members} with the object), which Tessera does not
 * offer, so they are refused with a 403 that says so.
 */
@ApplicationScoped
public class DirectoryAccess {

    /** Entra's Directory Readers; not in {@link DirectoryRoles} because no other service knows it. */
    static final String DIRECTORY_READERS = "88d8e3e3-8f55-4a1e-953a-9b9898b8876b";

    /** Delegated roles that read every object and every property. */
    private static final Set<String> READER_ROLES = Set.of(DirectoryRoles.GLOBAL_ADMINISTRATOR,
            DirectoryRoles.USER_ADMINISTRATOR, DirectoryRoles.GROUPS_ADMINISTRATOR,
            DirectoryRoles.IDENTITY_GOVERNANCE_ADMINISTRATOR, DirectoryRoles.PRIVILEGED_ROLE_ADMINISTRATOR,
            DirectoryRoles.GLOBAL_READER, DIRECTORY_READERS);

    /** Application permissions that read the directory's objects (each endpoint family checks its own). */
    private static final Set<String> APP_READ = Set.of("Directory.Read.All", "Directory.ReadWrite.All",
            "User.Read.All", "User.ReadWrite.All", "User.ReadBasic.All", "Group.Read.All", "Group.ReadWrite.All",
            "GroupMember.Read.All", "GroupMember.ReadWrite.All", "Application.Read.All",
            "Application.ReadWrite.All", "AppRoleAssignment.ReadWrite.All", "Sites.Read.All",
            "Sites.FullControl.All", "AdministrativeUnit.Read.All", "AdministrativeUnit.ReadWrite.All");

    /** Application permissions that also read users' properties beyond the basic profile. */
    private static final Set<String> APP_READ_USERS = Set.of("Directory.Read.All", "Directory.ReadWrite.All",
            "User.Read.All", "User.ReadWrite.All");

    private static final Set<String> APP_WRITE_USERS = Set.of("User.ReadWrite.All", "Directory.ReadWrite.All");
    private static final Set<String> APP_WRITE_GROUPS = Set.of("Group.ReadWrite.All", "Directory.ReadWrite.All");
    private static final Set<String> APP_WRITE_LINKS = Set.of("GroupMember.ReadWrite.All", "Group.ReadWrite.All",
            "Directory.ReadWrite.All");
    private static final Set<String> APP_WRITE_APPLICATIONS = Set.of("Application.ReadWrite.All",
            "Directory.ReadWrite.All");
    private static final Set<String> APP_ASSIGN_APP_ROLES = Set.of("AppRoleAssignment.ReadWrite.All",
            "Application.ReadWrite.All", "Directory.ReadWrite.All");
    private static final Set<String> APP_WRITE_SITES = Set.of("Sites.FullControl.All", "Directory.ReadWrite.All");
    private static final Set<String> APP_WRITE_UNITS = Set.of("AdministrativeUnit.ReadWrite.All",
            "Directory.ReadWrite.All");

    /** What an app needs besides the write permission to change role-assignable groups and privileged users. */
    private static final String APP_ROLE_MANAGEMENT = "RoleManagement.ReadWrite.Directory";

    static final String INSUFFICIENT = "Insufficient privileges to complete the operation.";

    @Inject
    Caller caller;

    @Inject
    UserRepository users;

    @Inject
    MembershipRepository memberships;

    @Inject
    PrivilegedPrincipals privileged;

    @Inject
    AdministrativeUnitMemberRepository unitMembers;

    /** Entra's prefix of an administrative-unit scope; only {@code /administrativeUnits/{guid}} counts. */
    static final String UNIT_SCOPE_PREFIX = "/administrativeUnits/";

    /** Roles Entra lets be scoped to an administrative unit that write users in Tessera. */
    private static final String[] UNIT_USER_ROLES = {DirectoryRoles.USER_ADMINISTRATOR};

    /** Roles Entra lets be scoped to an administrative unit that write groups in Tessera. */
    private static final String[] UNIT_GROUP_ROLES = {DirectoryRoles.USER_ADMINISTRATOR,
            DirectoryRoles.GROUPS_ADMINISTRATOR};

    // ---- users

    /**
     * {@code POST /users}: Global Administrator, tenant-wide User Administrator. One scoped to
     * administrative units only is told why not.
     */
    public void requireMayCreateUser() {
        if (mayManageOrdinaryUsers()) {
            return;
        }
        if (!unitScopes(UNIT_USER_ROLES).isEmpty()) {
            throw GraphException.forbidden("Your User Administrator role is scoped to administrative units: "
                    + "such an administrator creates users only inside a unit, which Tessera does not offer; "
                    + "a tenant-wide User Administrator or a Global Administrator may create users.");
        }
        throw denied();
    }

    /**
     * Update, disable, delete or change the manager of this user: a privileged user only by a Global
     * or Privileged Role Administrator, any other by a Global or User Administrator — or by a User
     * Administrator scoped to an administrative unit the user is a member of.
     */
    public Uni<Void> requireMayManageUser(DirectoryUser target) {
        requireMayChangeSomeUser();
        return privileged.isPrivileged(target.id).chain(isPrivileged -> {
            if (isPrivileged) {
                if (!mayManageProtected(APP_WRITE_USERS)) {
                    throw GraphException.forbidden("Only a Global Administrator or a Privileged Role "
                            + "Administrator may change user '" + target.id + "': they hold or are eligible for a "
                            + "directory role, or are a member of a role-assignable group.");
                }
                return Uni.createFrom().voidItem();
            }
            if (mayManageOrdinaryUsers()) {
                return Uni.createFrom().voidItem();
            }
            return requireInOneOf(unitScopes(UNIT_USER_ROLES), target.id);
        });
    }

    /** Before the target is looked up: whether the caller may change any user at all. */
    public void requireMayChangeSomeUser() {
        require(mayManageOrdinaryUsers() || mayManageProtected(APP_WRITE_USERS)
                || !unitScopes(UNIT_USER_ROLES).isEmpty());
    }

    // ---- groups

    /** {@code POST /groups}: a role-assignable group only by a Global or Privileged Role Administrator. */
    public void requireMayCreateGroup(boolean assignableToRole) {
        if (assignableToRole) {
            if (!mayManageProtected(APP_WRITE_GROUPS)) {
                throw GraphException.forbidden("Only a Global Administrator or a Privileged Role Administrator may "
                        + "create a group that can be assigned to roles.");
            }
            return;
        }
        if (mayManageOrdinaryGroups()) {
            return;
        }
        if (!unitScopes(UNIT_GROUP_ROLES).isEmpty()) {
            throw GraphException.forbidden("Your role is scoped to administrative units: such an administrator "
                    + "creates groups only inside a unit, which Tessera does not offer; a tenant-wide Groups or "
                    + "User Administrator or a Global Administrator may create groups.");
        }
        throw denied();
    }

    /** Before the group is looked up: whether the caller may change any group at all. */
    public void requireMayChangeSomeGroup() {
        require(mayManageOrdinaryGroups() || mayManageProtected(APP_WRITE_GROUPS)
                || !unitScopes(UNIT_GROUP_ROLES).isEmpty());
    }

    /**
     * Update or delete the group: a role-assignable one only by a Global or Privileged Role
     * Administrator; any other by a Global, User or Groups Administrator, or one of those two scoped to
     * an administrative unit the group is a member of.
     */
    public Uni<Void> requireMayManageGroup(DirectoryGroup group) {
        if (group.assignableToRole) {
            if (!mayManageProtected(APP_WRITE_GROUPS)) {
                throw protectedGroup(group);
            }
            return Uni.createFrom().voidItem();
        }
        if (mayManageOrdinaryGroups()) {
            return Uni.createFrom().voidItem();
        }
        return requireInOneOf(unitScopes(UNIT_GROUP_ROLES), group.id);
    }

    /**
     * Add or remove a member or owner: as for changing the group, and an owner of a group that is not
     * role-assignable manages its members and owners too.
     */
    public Uni<Void> requireMayManageLinks(DirectoryGroup group) {
        if (group.assignableToRole) {
            if (!mayManageProtected(APP_WRITE_LINKS)) {
                throw protectedGroup(group);
            }
            return Uni.createFrom().voidItem();
        }
        if (mayManageOrdinaryGroups() || app(APP_WRITE_LINKS)) {
            return Uni.createFrom().voidItem();
        }
        Set<UUID> units = unitScopes(UNIT_GROUP_ROLES);
        Uni<Boolean> inUnit = units.isEmpty() ? Uni.createFrom().item(false)
                : unitMembers.isMemberOfAny(units, group.id);
        return inUnit.chain(scoped -> scoped ? Uni.createFrom().voidItem()
                : memberships.sources(group.id, caller.objectId(), Relationship.OWNER).invoke(sources -> {
                    if (sources.isEmpty()) {
                        throw denied();
                    }
                }).replaceWithVoid());
    }

    // ---- applications, sites, administrative units: the administrators Entra gives each of them

    /** Creating a service principal: Global, Application and Cloud Application Administrators (tenant-wide). */
    public void requireMayManageApplications() {
        require(isApplicationAdmin() || app(APP_WRITE_APPLICATIONS));
    }

    /**
     * Changing or deleting this service principal, or its owners: as for creating one, or an Application
     * or Cloud Application Administrator whose role is scoped to this application ({@code /{objectId}}).
     */
    public void requireMayManageApplication(String servicePrincipalId) {
        require(isApplicationAdmin() || app(APP_WRITE_APPLICATIONS) || scopedToApplication(servicePrincipalId));
    }

    /** Assigning an app role of this service principal to a user or group: as for the application. */
    public void requireMayAssignAppRoles(String servicePrincipalId) {
        require(isApplicationAdmin() || app(APP_ASSIGN_APP_ROLES) || scopedToApplication(servicePrincipalId));
    }

    /** Sites and their roles: Global and SharePoint Administrators. */
    public void requireMayManageSites() {
        require(isGlobalAdmin() || has(DirectoryRoles.SHAREPOINT_ADMINISTRATOR) || app(APP_WRITE_SITES));
    }

    /** Administrative units and their members: Global and Privileged Role Administrators. */
    public void requireMayManageUnits() {
        require(isGlobalAdmin() || has(DirectoryRoles.PRIVILEGED_ROLE_ADMINISTRATOR) || app(APP_WRITE_UNITS));
    }

    // ---- reading

    /**
     * What the caller may read. Administrators, readers and app-only tokens with a read permission
     * are known from the token; anyone else is read from the directory: a member, a guest, or — not a
     * directory user at all — nobody who may read anything (403).
     */
    public Uni<DirectoryReader> reader() {
        UUID self = caller.objectId();
        boolean readerRole = READER_ROLES.stream().anyMatch(caller::hasDirectoryRole);
        if (readerRole || app(APP_READ)) {
            return Uni.createFrom().item(new DirectoryReader(DirectoryReader.Standing.EVERYTHING, self,
                    readerRole || app(APP_READ_USERS)));
        }
        return users.findById(self).map(user -> {
            if (user == null) {
                throw denied();
            }
            return new DirectoryReader(user.userType == UserType.Guest ? DirectoryReader.Standing.GUEST
                    : DirectoryReader.Standing.MEMBER, self, false);
        });
    }

    // ---- answers

    public static GraphException denied() {
        return GraphException.forbidden(INSUFFICIENT);
    }

    public static GraphException notFound(Object id) {
        return GraphException.notFound("Resource '" + id
                + "' does not exist or one of its queried reference-property objects are not present.");
    }

    // ---- the predicates

    /**
     * The administrative units in which the signed-in user holds one of these roles. Only a scope that
     * is exactly {@code /administrativeUnits/{guid}} counts: anything else (another kind of scope, a
     * trailing path, a malformed id) grants nothing here, and a tenant-wide role is not a unit.
     */
    Set<UUID> unitScopes(String... roles) {
        Set<UUID> units = new java.util.HashSet<>();
        for (String role : roles) {
            for (String scope : caller.directoryRoleScopes(role)) {
                unitOf(scope).ifPresent(units::add);
            }
        }
        return units;
    }

    /** An Application or Cloud Application Administrator role held over exactly this object ({@code /{guid}}). */
    private boolean scopedToApplication(String objectId) {
        if (!Ids.isGuid(objectId)) {
            return false;
        }
        UUID wanted = UUID.fromString(objectId);
        for (String role : new String[] {DirectoryRoles.APPLICATION_ADMINISTRATOR,
                DirectoryRoles.CLOUD_APPLICATION_ADMINISTRATOR}) {
            for (String scope : caller.directoryRoleScopes(role)) {
                if (scope != null && scope.length() == 37 && scope.charAt(0) == '/' && Ids.isGuid(scope.substring(1))
                        && UUID.fromString(scope.substring(1)).equals(wanted)) {
                    return true;
                }
            }
        }
        return false;
    }

    static java.util.Optional<UUID> unitOf(String scope) {
        if (scope == null || !scope.startsWith(UNIT_SCOPE_PREFIX)) {
            return java.util.Optional.empty();
        }
        String id = scope.substring(UNIT_SCOPE_PREFIX.length());
        return Ids.isGuid(id) ? java.util.Optional.of(UUID.fromString(id)) : java.util.Optional.empty();
    }

    /** 403 unless the object is a member of one of the units (none: always 403). */
    private Uni<Void> requireInOneOf(Set<UUID> units, UUID objectId) {
        if (units.isEmpty()) {
            throw denied();
        }
        return unitMembers.isMemberOfAny(units, objectId).invoke(member -> {
            if (!member) {
                throw denied();
            }
        }).replaceWithVoid();
    }

    private boolean mayManageOrdinaryUsers() {
        return isGlobalAdmin() || has(DirectoryRoles.USER_ADMINISTRATOR) || app(APP_WRITE_USERS);
    }

    private boolean mayManageOrdinaryGroups() {
        return isGlobalAdmin() || has(DirectoryRoles.USER_ADMINISTRATOR) || has(DirectoryRoles.GROUPS_ADMINISTRATOR)
                || app(APP_WRITE_GROUPS);
    }

    /**
     * Role-assignable groups and privileged users: Global and Privileged Role Administrators; an app
     * needs the write permission and RoleManagement.ReadWrite.Directory, as Graph asks for
     * role-assignable groups.
     */
    private boolean mayManageProtected(Set<String> appWrite) {
        return isGlobalAdmin() || has(DirectoryRoles.PRIVILEGED_ROLE_ADMINISTRATOR)
                || (app(appWrite) && caller.hasAppRole(APP_ROLE_MANAGEMENT));
    }

    private boolean isApplicationAdmin() {
        return isGlobalAdmin() || has(DirectoryRoles.APPLICATION_ADMINISTRATOR)
                || has(DirectoryRoles.CLOUD_APPLICATION_ADMINISTRATOR);
    }

    private boolean isGlobalAdmin() {
        return caller.isGlobalAdministrator();
    }

    private boolean has(String role) {
        return caller.hasDirectoryRole(role);
    }

    /** An application permission; {@link Caller#hasAppRole} counts only app-only tokens' {@code roles}. */
    private boolean app(Set<String> permissions) {
        return permissions.stream().anyMatch(caller::hasAppRole);
    }

    private static void require(boolean allowed) {
        if (!allowed) {
            throw denied();
        }
    }

    private static GraphException protectedGroup(DirectoryGroup group) {
        return GraphException.forbidden("Only a Global Administrator or a Privileged Role Administrator may change "
                + "group '" + group.id + "', its members or its owners: it can be assigned to roles.");
    }
}
