package dev.tessera.platform.messaging.events;

import java.time.Instant;
import java.util.UUID;

/**
 * {@value EventTypes#PIM_ROLE_COMMAND} on {@value Topics#PIM_COMMANDS}: provisioning-service asks
 * pim-service to create ({@code assign}) or remove ({@code remove}) a directory-role schedule that an
 * access package grants. {@code roleType} is {@code Eligible} or {@code Active}.
 */
public record PimRoleCommand(
        UUID commandId,
        UUID assignmentId,
        String operation,
        String roleType,
        UUID principalId,
        String roleDefinitionId,
        String directoryScopeId,
        Instant endDateTime) {
}
