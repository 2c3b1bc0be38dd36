package dev.tessera.pim.schedule;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Graph shapes of PIM requests, schedules and instances. */
public final class PimJson {

    private PimJson() {
    }

    public record Expiration(String type, Instant endDateTime, String duration) {
    }

    public record ScheduleInfo(Instant startDateTime, Object recurrence, Expiration expiration) {

        static ScheduleInfo of(Instant start, Instant end, String type, String duration) {
            return new ScheduleInfo(start, null, new Expiration(type == null ? "notSpecified" : type, end, duration));
        }
    }

    public record TicketInfo(String ticketNumber, String ticketSystem) {
    }

    public record Request(String id, String status, Instant createdDateTime, Instant completedDateTime,
            String approvalId, String customData, String action, String principalId, String roleDefinitionId,
            String directoryScopeId, String appScopeId, boolean isValidationOnly, String targetScheduleId,
            String justification, Map<String, Object> createdBy, ScheduleInfo scheduleInfo, TicketInfo ticketInfo) {

        static Request of(RoleScheduleRequest r) {
            Map<String, Object> user = new java.util.LinkedHashMap<>();
            user.put("displayName", null);
            user.put("id", r.createdBy.toString());
            Map<String, Object> createdBy = new java.util.LinkedHashMap<>();
            createdBy.put("application", null);
            createdBy.put("device", null);
            createdBy.put("user", user);
            boolean removal = "adminRemove".equals(r.action) || "selfDeactivate".equals(r.action);
            return new Request(r.id.toString(), r.status, r.createdAt, r.completedAt,
                    r.approvalId == null ? null : r.approvalId.toString(), null, r.action,
                    r.principalId.toString(), r.roleDefinitionId, r.directoryScopeId, r.appScopeId,
                    r.isValidationOnly, r.targetScheduleId == null ? null : r.targetScheduleId.toString(),
                    r.justification, createdBy,
                    removal ? null : ScheduleInfo.of(r.startAt, r.endAt, r.expirationType, r.duration),
                    new TicketInfo(r.ticketNumber, r.ticketSystem));
        }
    }

    public record Schedule(String id, String principalId, String roleDefinitionId, String directoryScopeId,
            String appScopeId, Instant createdDateTime, Instant modifiedDateTime, String createdUsing, String status,
            ScheduleInfo scheduleInfo, String assignmentType, String memberType) {

        static Schedule of(RoleSchedule s) {
            return new Schedule(s.id.toString(), s.principalId.toString(), s.roleDefinitionId, s.directoryScopeId,
                    s.appScopeId, s.createdAt, s.modifiedAt, s.createdUsing.toString(), s.status,
                    ScheduleInfo.of(s.startAt, s.endAt, s.expirationType, s.duration), s.assignmentType, s.memberType);
        }

        /** A group's schedule as a member of the group sees it: theirs, through the group. */
        static Schedule inherited(RoleSchedule s, UUID member) {
            Schedule own = of(s);
            return new Schedule(own.id(), member.toString(), own.roleDefinitionId(), own.directoryScopeId(),
                    own.appScopeId(), own.createdDateTime(), own.modifiedDateTime(), own.createdUsing(), own.status(),
                    own.scheduleInfo(), own.assignmentType(), "Group");
        }
    }

    /** An assignment instance; eligibility instances leave the assignment-only fields null. */
    public record Instance(String id, String principalId, String roleDefinitionId, String directoryScopeId,
            String appScopeId, Instant startDateTime, Instant endDateTime, String assignmentType, String memberType,
            String roleAssignmentOriginId, String roleAssignmentScheduleId, String roleEligibilityScheduleId) {

        static Instance of(RoleSchedule s) {
            boolean assignment = ScheduleKind.ASSIGNMENT.equals(s.kind);
            return new Instance(s.id.toString(), s.principalId.toString(), s.roleDefinitionId, s.directoryScopeId,
                    s.appScopeId, s.startAt, s.endAt, s.assignmentType, s.memberType,
                    assignment ? s.id.toString() : null, assignment ? s.id.toString() : null,
                    assignment ? null : s.id.toString());
        }

        /** A group's instance as a member of the group sees it (memberType Group, origin the group's schedule). */
        static Instance inherited(RoleSchedule s, UUID member) {
            Instance own = of(s);
            return new Instance(own.id(), member.toString(), own.roleDefinitionId(), own.directoryScopeId(),
                    own.appScopeId(), own.startDateTime(), own.endDateTime(), own.assignmentType(), "Group",
                    own.roleAssignmentOriginId(), own.roleAssignmentScheduleId(), own.roleEligibilityScheduleId());
        }
    }
}
