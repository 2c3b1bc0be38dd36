package dev.tessera.platform.messaging.events;

import dev.tessera.common.roles.HeldDirectoryRole;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * {@value EventTypes#PIM_EFFECTIVE_ROLES_CHANGED} on {@value Topics#PIM_ROLES} (a compacted topic, key =
 * principal id): the directory roles a user holds changed. {@code roles} is the whole set in force (or
 * starting later) after the change, so the latest record per key is the principal's state and a new
 * reader rebuilds everyone's roles from the topic alone; {@code version} grows with every change of
 * this principal (a reader ignores a record older than what it has). {@code changes} says what changed
 * and why, for systems downstream (docs/events.md).
 */
public record EffectiveRolesChanged(
        UUID principalId,
        long version,
        Instant changedAt,
        List<HeldDirectoryRole> roles,
        List<Change> changes) {

    /**
     * One role granted, activated or ended for the principal.
     *
     * @param change {@code granted} (an active assignment, direct or through a group, in force),
     *        {@code activated} (an eligibility activated), {@code updated} (its start or end moved) or {@code ended}
     * @param reason why, in a word (docs/events.md lists them): e.g. {@code adminAssign} (also a POST to
     *        roleAssignments), {@code accessPackage}, {@code backfill},
     *        {@code bootstrap}, {@code selfActivate}, {@code groupMemberAdded}, {@code expired},
     *        {@code adminRemove}, {@code selfDeactivate}, {@code groupMemberRemoved}, {@code userDeleted}
     */
    public record Change(
            String change,
            String roleDefinitionId,
            String roleTemplateId,
            String directoryScopeId,
            String appScopeId,
            String memberType,
            UUID scheduleId,
            UUID groupId,
            String reason,
            UUID requestId) {
    }
}
