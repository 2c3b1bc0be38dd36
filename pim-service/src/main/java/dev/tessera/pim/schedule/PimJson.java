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

    /** A schedule: assignment schedules carry assignmentType, eligibility schedules do not (Graph's types). */
    public interface Schedule {

        static Schedule of(RoleSchedule s) {
            return of(s, s.principalId.toString(), s.memberType);
        }

        /** A group's schedule as a member of the group sees it: theirs, through the group. */
        static Schedule inherited(RoleSchedule s, UUID member) {
            return of(s, member.toString(), "Group");
        }

        private static Schedule of(RoleSchedule s, String principalId, String memberType) {
            ScheduleInfo info = ScheduleInfo.of(s.startAt, s.endAt, s.expirationType, s.duration);
            return ScheduleKind.ASSIGNMENT.equals(s.kind)
                    ? new AssignmentSchedule(s.id.toString(), principalId, s.roleDefinitionId, s.directoryScopeId,
                            s.appScopeId, s.createdAt, s.modifiedAt, s.createdUsing.toString(), s.status, info,
                            s.assignmentType, memberType)
                    : new EligibilitySchedule(s.id.toString(), principalId, s.roleDefinitionId, s.directoryScopeId,
                            s.appScopeId, s.createdAt, s.modifiedAt, s.createdUsing.toString(), s.status, info, memberType);
        }
    }

    public record AssignmentSchedule(String id, String principalId, String roleDefinitionId, String directoryScopeId,
            String appScopeId, Instant createdDateTime, Instant modifiedDateTime, String createdUsing, String status,
            ScheduleInfo scheduleInfo, String assignmentType, String memberType) implements Schedule {
    }

    public record EligibilitySchedule(String id, String principalId, String roleDefinitionId, String directoryScopeId,
            String appScopeId, Instant createdDateTime, Instant modifiedDateTime, String createdUsing, String status,
            ScheduleInfo scheduleInfo, String memberType) implements Schedule {
    }

    /** An instance: assignment instances carry their origin, eligibility instances their schedule. */
    public interface Instance {

        static Instance of(RoleSchedule s) {
            return of(s, s.principalId.toString(), s.memberType);
        }

        /** A group's instance as a member of the group sees it (memberType Group, origin the group's schedule). */
        static Instance inherited(RoleSchedule s, UUID member) {
            return of(s, member.toString(), "Group");
        }

        private static Instance of(RoleSchedule s, String principalId, String memberType) {
            return ScheduleKind.ASSIGNMENT.equals(s.kind)
                    ? new AssignmentInstance(s.id.toString(), principalId, s.roleDefinitionId, s.directoryScopeId,
                            s.appScopeId, s.startAt, s.endAt, s.assignmentType, memberType, s.id.toString(),
                            s.id.toString())
                    : new EligibilityInstance(s.id.toString(), principalId, s.roleDefinitionId, s.directoryScopeId,
                            s.appScopeId, s.startAt, s.endAt, memberType, s.id.toString());
        }
    }

    public record AssignmentInstance(String id, String principalId, String roleDefinitionId, String directoryScopeId,
            String appScopeId, Instant startDateTime, Instant endDateTime, String assignmentType, String memberType,
            String roleAssignmentOriginId, String roleAssignmentScheduleId) implements Instance {
    }

    public record EligibilityInstance(String id, String principalId, String roleDefinitionId, String directoryScopeId,
            String appScopeId, Instant startDateTime, Instant endDateTime, String memberType,
            String roleEligibilityScheduleId) implements Instance {
    }
}
