package dev.tessera.common.roles;

import java.time.Instant;
import java.util.UUID;

/**
 * A directory role a principal holds in Tessera's role state (pim-service): a permanent or time-bound
 * active assignment, an activation of an eligibility, or either of those held by a role-assignable group
 * the principal is a member of. Eligibilities are not held roles. {@code directoryScopeId} is {@code /}
 * (tenant-wide), {@code /administrativeUnits/{id}} or {@code /{objectId}} of an application;
 * {@code appScopeId} is null unless the assignment is scoped to an app. {@code endDateTime} null = no end.
 *
 * @param memberType {@code Direct} (the principal's own schedule) or {@code Group} (through {@code groupId})
 * @param assignmentType {@code Assigned} (an administrator's active assignment) or {@code Activated}
 */
public record HeldDirectoryRole(
        String roleDefinitionId,
        String roleTemplateId,
        String displayName,
        String directoryScopeId,
        String appScopeId,
        Instant startDateTime,
        Instant endDateTime,
        String memberType,
        String assignmentType,
        UUID scheduleId,
        UUID groupId) {

    public static final String TENANT_WIDE = "/";

    /** In force at {@code now}: started and not yet ended. */
    public boolean inForce(Instant now) {
        return (startDateTime == null || !now.isBefore(startDateTime))
                && (endDateTime == null || now.isBefore(endDateTime));
    }

    public boolean isTenantWide() {
        return TENANT_WIDE.equals(directoryScopeId) && appScopeId == null;
    }
}
