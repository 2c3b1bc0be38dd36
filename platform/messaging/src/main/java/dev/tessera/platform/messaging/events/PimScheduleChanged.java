package dev.tessera.platform.messaging.events;

import java.time.Instant;
import java.util.UUID;

/**
 * {@value EventTypes#PIM_SCHEDULE_CHANGED} on {@value Topics#PIM_EVENTS} (key = principal id): an
 * eligible or active directory-role assignment changed, so other systems can react (revoke sessions,
 * audit). {@code kind} is {@code eligibility} or {@code assignment}; {@code assignmentType}
 * {@code Assigned} or {@code Activated} for assignments; {@code change} one of {@code created},
 * {@code started} (a future schedule began), {@code updated}, {@code removed}, {@code expired}.
 * {@code directoryScopeId} and {@code appScopeId} are the schedule's scope (exactly one is set; an
 * older record has no {@code appScopeId}).
 */
public record PimScheduleChanged(
        UUID scheduleId,
        String kind,
        String assignmentType,
        UUID principalId,
        String roleDefinitionId,
        String directoryScopeId,
        String change,
        Instant startDateTime,
        Instant endDateTime,
        UUID requestId,
        String appScopeId) {

    /** A schedule scoped by {@code directoryScopeId} alone (no app scope). */
    public PimScheduleChanged(UUID scheduleId, String kind, String assignmentType, UUID principalId,
            String roleDefinitionId, String directoryScopeId, String change, Instant startDateTime,
            Instant endDateTime, UUID requestId) {
        this(scheduleId, kind, assignmentType, principalId, roleDefinitionId, directoryScopeId, change,
                startDateTime, endDateTime, requestId, null);
    }
}
