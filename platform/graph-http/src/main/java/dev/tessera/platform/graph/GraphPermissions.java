package dev.tessera.platform.graph;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which Graph permission a call needs, per endpoint family, as Microsoft Graph names them: the one
 * table every service's {@link GraphPermissionFilter} applies before any API method runs, and the one the
 * authorization matrix (docs/security.md) points to. A delegated token needs one of the listed scopes
 * in {@code scp}, an app-only token one of them as an application permission in {@code roles}; then the
 * service checks the caller's role. Reads are GET and HEAD (and the few POSTed actions that only
 * read), everything else writes. A path no family
 * covers is denied: a new endpoint needs a row here first.
 */
public final class GraphPermissions {

    /** Graph's refusal of a token that lacks the operation's permission. */
    public static final String DENIED_CODE = "Authorization_RequestDenied";
    public static final String DENIED_MESSAGE = "Insufficient privileges to complete the operation.";

    /**
     * What one family of endpoints needs. {@code ownRead}: further scopes that suffice to read only the
     * caller themself (User.Read on {@code /me} and {@code /users/{their own id}}).
     */
    public record Family(String name, List<String> read, List<String> write, List<String> ownRead) {

        Family(String name, List<String> read, List<String> write) {
            this(name, read, write, List.of());
        }

        /** The same family with further permissions that also suffice (e.g. GroupMember.ReadWrite.All on members). */
        Family plus(String suffix, List<String> moreRead, List<String> moreWrite) {
            return new Family(name + suffix, concat(read, moreRead), concat(write, moreWrite), List.of());
        }
    }

    /** A path pattern (Graph segments; {@code {}} one segment, a trailing {@code **} any rest) and its family. */
    public record Rule(String pattern, Family family) {

        Pattern regex() {
            StringBuilder regex = new StringBuilder("^");
            for (String segment : pattern.substring(1).split("/")) {
                switch (segment) {
                    case "**" -> regex.append("(/[^/]+)*");
                    case "{}" -> regex.append("/[^/]+");
                    default -> regex.append('/').append(Pattern.quote(segment));
                }
            }
            return Pattern.compile(regex.append("$").toString(), Pattern.CASE_INSENSITIVE);
        }
    }

    /** What a call needs: any one of {@code anyOf}; {@code ownAnyOf} also suffices when it reads the caller themself. */
    public record Required(String family, boolean write, List<String> anyOf, List<String> ownAnyOf) {

        /** Whether the granted scopes (or application permissions) include one that suffices. */
        public boolean allows(Collection<String> granted, boolean targetsSelf) {
            return anyOf.stream().anyMatch(granted::contains)
                    || (targetsSelf && ownAnyOf.stream().anyMatch(granted::contains));
        }
    }

    private static final String EM_READ = "EntitlementManagement.Read.All";
    private static final String EM_WRITE = "EntitlementManagement.ReadWrite.All";
    private static final String ROLES_READ = "RoleManagement.Read.Directory";
    private static final String ROLES_WRITE = "RoleManagement.ReadWrite.Directory";
    private static final String DIR_READ = "Directory.Read.All";
    private static final String DIR_WRITE = "Directory.ReadWrite.All";
    private static final String APP_ROLE_ASSIGNMENT_WRITE = "AppRoleAssignment.ReadWrite.All";

    public static final Family ENTITLEMENT_MANAGEMENT = new Family("entitlementManagement",
            List.of(EM_READ, EM_WRITE), List.of(EM_WRITE));
    public static final Family DIRECTORY_ROLES = new Family("directoryRoles",
            List.of(ROLES_READ, "RoleManagement.Read.All", ROLES_WRITE, DIR_READ, DIR_WRITE), List.of(ROLES_WRITE));
    public static final Family ROLE_ELIGIBILITY = new Family("roleEligibilitySchedules",
            List.of("RoleEligibilitySchedule.Read.Directory", "RoleEligibilitySchedule.ReadWrite.Directory", ROLES_READ,
                    ROLES_WRITE),
            List.of("RoleEligibilitySchedule.ReadWrite.Directory", ROLES_WRITE));
    public static final Family ROLE_ASSIGNMENT_SCHEDULES = new Family("roleAssignmentSchedules",
            List.of("RoleAssignmentSchedule.Read.Directory", "RoleAssignmentSchedule.ReadWrite.Directory", ROLES_READ,
                    ROLES_WRITE),
            List.of("RoleAssignmentSchedule.ReadWrite.Directory", ROLES_WRITE));
    public static final Family ROLE_MANAGEMENT_POLICIES = new Family("roleManagementPolicies",
            List.of("RoleManagementPolicy.Read.Directory", "RoleManagementPolicy.ReadWrite.Directory", ROLES_READ,
                    ROLES_WRITE),
            List.of("RoleManagementPolicy.ReadWrite.Directory", ROLES_WRITE));
    public static final Family ROLE_ASSIGNMENT_APPROVALS = new Family("roleAssignmentApprovals",
            List.of(ROLES_READ, ROLES_WRITE, "RoleAssignmentSchedule.Read.Directory",
                    "RoleAssignmentSchedule.ReadWrite.Directory"),
            List.of(ROLES_WRITE, "RoleAssignmentSchedule.ReadWrite.Directory"));
    public static final Family USERS = new Family("users",
            List.of("User.ReadBasic.All", "User.Read.All", "User.ReadWrite.All", DIR_READ, DIR_WRITE),
            List.of("User.ReadWrite.All", DIR_WRITE), List.of("User.Read"));
    public static final Family GROUPS = new Family("groups",
            List.of("GroupMember.Read.All", "Group.Read.All", "Group.ReadWrite.All", DIR_READ, DIR_WRITE),
            List.of("Group.ReadWrite.All", DIR_WRITE));
    public static final Family SERVICE_PRINCIPALS = new Family("servicePrincipals",
            List.of("Application.Read.All", "Application.ReadWrite.All", DIR_READ, DIR_WRITE),
            List.of("Application.ReadWrite.All", DIR_WRITE));
    public static final Family SITES = new Family("sites",
            List.of("Sites.Read.All", "Sites.ReadWrite.All", "Sites.FullControl.All"), List.of("Sites.FullControl.All"));
    public static final Family ADMINISTRATIVE_UNITS = new Family("administrativeUnits",
            List.of("AdministrativeUnit.Read.All", "AdministrativeUnit.ReadWrite.All", DIR_READ, DIR_WRITE),
            List.of("AdministrativeUnit.ReadWrite.All", DIR_WRITE));

    public static final Family LIFECYCLE_WORKFLOWS = new Family("lifecycleWorkflows",
            List.of("LifecycleWorkflows.Read.All", "LifecycleWorkflows.ReadWrite.All"),
            List.of("LifecycleWorkflows.ReadWrite.All"));

    private static final String PIM = "/v1.0/roleManagement/directory/";

    /** First match wins: the narrower rows of a family come before its catch-all. */
    private static final List<Rule> RULES = List.of(
            new Rule("/v1.0/identityGovernance/entitlementManagement/**", ENTITLEMENT_MANAGEMENT),
            new Rule("/v1.0/roleManagement/entitlementManagement/**", ENTITLEMENT_MANAGEMENT),
            new Rule("/v1.0/identityGovernance/lifecycleWorkflows/**", LIFECYCLE_WORKFLOWS),
            new Rule(PIM + "roleDefinitions/**", DIRECTORY_ROLES),
            new Rule(PIM + "roleAssignments/**", DIRECTORY_ROLES),
            new Rule(PIM + "roleEligibilityScheduleRequests/**", ROLE_ELIGIBILITY),
            new Rule(PIM + "roleEligibilitySchedules/**", ROLE_ELIGIBILITY),
            new Rule(PIM + "roleEligibilityScheduleInstances/**", ROLE_ELIGIBILITY),
            new Rule(PIM + "roleAssignmentScheduleRequests/**", ROLE_ASSIGNMENT_SCHEDULES),
            new Rule(PIM + "roleAssignmentSchedules/**", ROLE_ASSIGNMENT_SCHEDULES),
            new Rule(PIM + "roleAssignmentScheduleInstances/**", ROLE_ASSIGNMENT_SCHEDULES),
            new Rule(PIM + "roleAssignmentApprovals/**", ROLE_ASSIGNMENT_APPROVALS),
            new Rule("/v1.0/policies/roleManagementPolicies/**", ROLE_MANAGEMENT_POLICIES),
            new Rule("/v1.0/policies/roleManagementPolicyAssignments/**", ROLE_MANAGEMENT_POLICIES),
            new Rule("/v1.0/users/{}/appRoleAssignments/**",
                    USERS.plus("/appRoleAssignments", List.of(APP_ROLE_ASSIGNMENT_WRITE), List.of(APP_ROLE_ASSIGNMENT_WRITE))),
            new Rule("/v1.0/users/**", USERS),
            new Rule("/v1.0/me/**", USERS),
            new Rule("/v1.0/groups/{}/members/**",
                    GROUPS.plus("/members", List.of(), List.of("GroupMember.ReadWrite.All"))),
            new Rule("/v1.0/groups/{}/owners/**",
                    GROUPS.plus("/owners", List.of(), List.of("GroupMember.ReadWrite.All"))),
            new Rule("/v1.0/groups/{}/appRoleAssignments/**",
                    GROUPS.plus("/appRoleAssignments", List.of(APP_ROLE_ASSIGNMENT_WRITE), List.of(APP_ROLE_ASSIGNMENT_WRITE))),
            new Rule("/v1.0/groups/**", GROUPS),
            new Rule("/v1.0/servicePrincipals/{}/appRoleAssignedTo/**",
                    SERVICE_PRINCIPALS.plus("/appRoleAssignedTo", List.of(APP_ROLE_ASSIGNMENT_WRITE),
                            List.of(APP_ROLE_ASSIGNMENT_WRITE))),
            new Rule("/v1.0/servicePrincipals/**", SERVICE_PRINCIPALS),
            new Rule("/v1.0/sites/**", SITES),
            new Rule("/v1.0/directory/administrativeUnits/**", ADMINISTRATIVE_UNITS));

    private static final List<Pattern> PATTERNS = RULES.stream().map(Rule::regex).toList();

    private GraphPermissions() {
    }

    /** The table, in the order it is matched. */
    public static List<Rule> rules() {
        return RULES;
    }

    /**
     * Graph actions that are POSTed but only read, and take the read permission as Graph documents
     * (e.g. {@code accessPackages/{id}/getApplicablePolicyRequirements}: EntitlementManagement.Read.All).
     */
    private static final Set<String> READ_ACTIONS = Set.of("getapplicablepolicyrequirements");

    /** Reads are GET and HEAD; every other method writes. */
    public static boolean isWrite(String method) {
        String m = method.toUpperCase(Locale.ROOT);
        return !m.equals("GET") && !m.equals("HEAD");
    }

    /** Whether a call writes: a method other than GET or HEAD, unless it POSTs one of the read actions. */
    static boolean writes(String method, String normalizedPath) {
        if (!isWrite(method)) {
            return false;
        }
        String last = normalizedPath.substring(normalizedPath.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        return !(method.equalsIgnoreCase("POST") && READ_ACTIONS.contains(last));
    }

    /**
     * What a call to this Graph path (as served, e.g. {@code /v1.0/users/…}; no query) needs; empty when
     * no family covers the path, which is then denied. Dot segments match nothing.
     */
    public static Optional<Required> required(String method, String path) {
        String normalized = normalize(path);
        if (normalized == null) {
            return Optional.empty();
        }
        for (int i = 0; i < RULES.size(); i++) {
            if (PATTERNS.get(i).matcher(normalized).matches()) {
                Family family = RULES.get(i).family();
                boolean write = writes(method, normalized);
                return Optional.of(new Required(family.name(), write, write ? family.write() : family.read(),
                        write ? List.of() : family.ownRead()));
            }
        }
        return Optional.empty();
    }

    /**
     * Whether the path reads the caller themself: {@code /me}, or {@code /users/{id}} with the caller's
     * object id (nothing below it: User.Read reads the user's profile, not their memberships).
     */
    public static boolean targetsSelf(String path, String objectId) {
        String normalized = normalize(path);
        if (normalized == null) {
            return false;
        }
        String[] segments = normalized.substring(1).split("/");
        if (segments.length == 2 && segments[1].equalsIgnoreCase("me")) {
            return true;
        }
        return objectId != null && segments.length == 3 && segments[1].equalsIgnoreCase("users")
                && segments[2].equalsIgnoreCase(objectId);
    }

    /** Without a trailing slash or a query; null when a segment is empty or a dot segment. */
    static String normalize(String path) {
        if (path == null || !path.startsWith("/")) {
            return null;
        }
        int query = path.indexOf('?');
        String bare = query < 0 ? path : path.substring(0, query);
        if (bare.length() > 1 && bare.endsWith("/")) {
            bare = bare.substring(0, bare.length() - 1);
        }
        for (String segment : bare.substring(1).split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return null;
            }
        }
        return bare;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        b.stream().filter(p -> !all.contains(p)).forEach(all::add);
        return List.copyOf(all);
    }
}
