package dev.tessera.platform.messaging.events;

/** CloudEvent type names: {@code tessera.<aggregate>.<fact>.v1}. */
public final class EventTypes {

    public static final String ASSIGNMENT_GRANTED = "tessera.assignment.granted.v1";
    public static final String ASSIGNMENT_REMOVED = "tessera.assignment.removed.v1";
    public static final String DELIVERY_REPORTED = "tessera.delivery.reported.v1";
    public static final String USER_CREATED = "tessera.directory.userCreated.v1";
    public static final String USER_UPDATED = "tessera.directory.userUpdated.v1";
    public static final String USER_DELETED = "tessera.directory.userDeleted.v1";
    public static final String GROUP_MEMBER_ADDED = "tessera.directory.groupMemberAdded.v1";
    public static final String GROUP_MEMBER_REMOVED = "tessera.directory.groupMemberRemoved.v1";
    public static final String GROUP_DELETED = "tessera.directory.groupDeleted.v1";
    public static final String PIM_ROLE_COMMAND = "tessera.pim.roleCommand.v1";
    public static final String PIM_ROLE_COMMAND_RESULT = "tessera.pim.roleCommandResult.v1";
    public static final String PIM_SCHEDULE_CHANGED = "tessera.pim.scheduleChanged.v1";
    public static final String PIM_APPROVAL_CHANGED = "tessera.pim.approvalChanged.v1";
    public static final String PIM_EFFECTIVE_ROLES_CHANGED = "tessera.pim.effectiveRolesChanged.v1";
    public static final String RESOURCE_ROLE_SCOPE_ADDED = "tessera.catalog.resourceRoleScopeAdded.v1";
    public static final String RESOURCE_ROLE_SCOPE_REMOVED = "tessera.catalog.resourceRoleScopeRemoved.v1";
    public static final String ASSIGNMENT_POLICY_DELETED = "tessera.catalog.assignmentPolicyDeleted.v1";
    public static final String ACCESS_PACKAGE_DELETED = "tessera.catalog.accessPackageDeleted.v1";

    private EventTypes() {
    }
}
