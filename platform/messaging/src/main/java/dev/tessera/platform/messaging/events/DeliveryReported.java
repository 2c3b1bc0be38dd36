package dev.tessera.platform.messaging.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * {@value EventTypes#DELIVERY_REPORTED}: the outcome of delivering ({@code grant}) or removing
 * ({@code remove}) an assignment's resource roles. {@code outcome} is {@code delivered},
 * {@code partiallyDelivered} or {@code deliveryFailed} for grants, {@code removed} or
 * {@code removalFailed} for removals. {@code targetObjectId} is the directory user the roles went to
 * (for a target that was invited as a guest on delivery, the object id it got); null in events from
 * before it was carried.
 */
public record DeliveryReported(
        UUID assignmentId,
        UUID requestId,
        String operation,
        String outcome,
        Instant completedDateTime,
        List<RoleDelivery> roles,
        UUID targetObjectId) {

    public DeliveryReported(UUID assignmentId, UUID requestId, String operation, String outcome,
            Instant completedDateTime, List<RoleDelivery> roles) {
        this(assignmentId, requestId, operation, outcome, completedDateTime, roles, null);
    }

    public static final String GRANT = "grant";
    public static final String REMOVE = "remove";

    /**
     * Per resource role: {@code delivered}, {@code failed}, {@code removed} or {@code pendingRemoval}, with
     * the reason if failed, and when its delivery started and ended (the delivery trace; null in events
     * from before they were carried).
     */
    public record RoleDelivery(UUID roleId, String roleDisplayName, String status, String error,
            Instant startedDateTime, Instant completedDateTime) {

        public RoleDelivery(UUID roleId, String roleDisplayName, String status, String error) {
            this(roleId, roleDisplayName, status, error, null, null);
        }
    }
}
