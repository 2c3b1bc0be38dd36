package dev.tessera.provisioning;

/**
 * Directory event types published only by provisioning-service, next to the shared ones in
 * {@code EventTypes}: the payload is the shared {@code DirectoryChanged}, keyed by the object id of
 * the user or group concerned (docs/events.md).
 */
public final class DirectoryEventTypes {

    public static final String APP_ROLE_ASSIGNMENT_ADDED = "tessera.directory.appRoleAssignmentAdded.v1";
    public static final String APP_ROLE_ASSIGNMENT_REMOVED = "tessera.directory.appRoleAssignmentRemoved.v1";
    public static final String SITE_ROLE_MEMBER_ADDED = "tessera.directory.siteRoleMemberAdded.v1";
    public static final String SITE_ROLE_MEMBER_REMOVED = "tessera.directory.siteRoleMemberRemoved.v1";

    private DirectoryEventTypes() {
    }
}
