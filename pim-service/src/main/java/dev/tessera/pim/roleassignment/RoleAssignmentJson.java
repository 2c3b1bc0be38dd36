package dev.tessera.pim.roleassignment;

import dev.tessera.pim.schedule.RoleSchedule;

/** Graph v1.0 unifiedRoleAssignment on the wire: an active assignment in force, its id the schedule's. */
public record RoleAssignmentJson(String id, String principalId, String roleDefinitionId, String directoryScopeId,
        String appScopeId, String condition) {

    static RoleAssignmentJson of(RoleSchedule schedule) {
        return new RoleAssignmentJson(schedule.id.toString(), schedule.principalId.toString(), schedule.roleDefinitionId,
                schedule.directoryScopeId, schedule.appScopeId, null);
    }
}
