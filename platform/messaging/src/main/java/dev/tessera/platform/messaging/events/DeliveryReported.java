package dev.tessera.platform.messaging.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * {@value EventTypes#DELIVERY_REPORTED}: the outcome of delivering ({@code grant}) or removing
 * ({@code remove}) an assignment's resource roles. {@code outcome} is {@code delivered},
 * {@code partiallyDelivered} or {@code deliveryFailed} for grants, {@code removed} or
 * {@code removalFailed} for removals.
 */
public record DeliveryReported(
        UUID assignmentId,
        UUID requestId,
        String operation,
        String outcome,
        Instant completedDateTime,
        List<RoleDelivery> roles) {

    public static final String GRANT = "grant";
    public static final String REMOVE = "remove";

    /** Per resource role: {@code delivered}, {@code failed} or {@code removed}, with the reason if failed. */
    public record RoleDelivery(UUID roleId, String roleDisplayName, String status, String error) {
    }
}
