package dev.tessera.provisioning;

import dev.tessera.common.DirectoryRoles;
import dev.tessera.platform.graph.Caller;
import dev.tessera.platform.graph.GraphException;
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

    // ---- users

    /** {@code POST /users}: Global Administrator, User Administrator. */
    public void requireMayCreateUser() {
        require(isGlobalAdmin() || has(DirectoryRoles.USER_ADMINISTRATOR) || app(APP_WRITE_USERS));
    }

    /**
     * Update, disable, delete or change the manager of this user: a privileged user only by a Global
     * or Privileged Role Administrator, any other by a Global or User Administrator.
     */
    public Uni<Void> requireMayManageUser(DirectoryUser target) {
        requireMayChangeSomeUser();
        return privileged.isPrivileged(target.id).invoke(isPrivileged -> {
            if (isPrivileged ? !mayManageProtected(APP_WRITE_USERS) : !mayManageOrdinaryUsers()) {
                throw GraphException.forbidden(isPrivileged ? "Only a Global Administrator or a Privileged Role "
                        + "Administrator may change user '" + target.id + "': they hold or are eligible for a "
                        + "directory role, or are a member of a role-assignable group." : INSUFFICIENT);
            }
        }).replaceWithVoid();
    }

    /** Before the target is looked up: whether the caller may change any user at all. */
    public void requireMayChangeSomeUser() {
        require(mayManageOrdinaryUsers() || mayManageProtected(APP_WRITE_USERS));
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
        require(mayManageOrdinaryGroups());
    }

    /** Before the group is looked up: whether the caller may change any group at all. */
    public void requireMayChangeSomeGroup() {
        require(mayManageOrdinaryGroups() || mayManageProtected(APP_WRITE_GROUPS));
    }

    /** Update or delete the group. */
    public void requireMayManageGroup(DirectoryGroup group) {
        if (group.assignableToRole ? !mayManageProtected(APP_WRITE_GROUPS) : !mayManageOrdinaryGroups()) {
            throw group.assignableToRole ? protectedGroup(group) : denied();
        }
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
        return memberships.sources(group.id, caller.objectId(), Relationship.OWNER).invoke(sources -> {
            if (sources.isEmpty()) {
                throw denied();
            }
        }).replaceWithVoid();
    }

    // ---- applications, sites, administrative units: the administrators Entra gives each of them

    /** Service principals and their owners: Global, Application and Cloud Application Administrators. */
    public void requireMayManageApplications() {
        require(isApplicationAdmin() || app(APP_WRITE_APPLICATIONS));
    }

    /** Assigning an app role to a user or group: as for the application. */
    public void requireMayAssignAppRoles() {
        require(isApplicationAdmin() || app(APP_ASSIGN_APP_ROLES));
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
