package dev.tessera.platform.messaging.events;

import java.time.Instant;
import java.util.UUID;

/**
 * {@value EventTypes#PIM_ROLE_COMMAND_RESULT} on {@value Topics#PIM_EVENTS} (key = principal id):
 * pim-service's answer to one {@link PimRoleCommand}, matched by {@code commandId}.
 *
 * <p>{@code outcome}: {@code done} (the schedule exists / is gone; {@code scheduleId} names it),
 * {@code deferred} (a removal inside the five-minute window; retry at {@code notBefore}) or
 * {@code failed} (with {@code reason}, e.g. an unknown role definition).
 */
public record PimRoleCommandResult(
        UUID commandId,
        UUID assignmentId,
        String operation,
        String outcome,
        String scheduleId,
        Instant notBefore,
        String reason) {

    public static final String DONE = "done";
    public static final String DEFERRED = "deferred";
    public static final String FAILED = "failed";
}
