package dev.tessera.pim.schedule;

import java.time.Instant;

/** The POST body of a role{Assignment,Eligibility}ScheduleRequest, as Graph documents it. */
public record ScheduleRequestBody(
        String action,
        String principalId,
        String roleDefinitionId,
        String directoryScopeId,
        String appScopeId,
        String justification,
        ScheduleInfo scheduleInfo,
        TicketInfo ticketInfo,
        Boolean isValidationOnly) {

    public record ScheduleInfo(Instant startDateTime, Expiration expiration) {
    }

    public record Expiration(String type, Instant endDateTime, String duration) {
    }

    public record TicketInfo(String ticketNumber, String ticketSystem) {
    }
}
