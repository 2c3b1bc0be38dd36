package dev.tessera.provisioning.delivery;

import dev.tessera.platform.messaging.events.DeliveryReported;
import dev.tessera.platform.messaging.events.ResourceRoleRef;
import dev.tessera.provisioning.group.GroupLink;
import java.util.UUID;

/**
 * What delivering one resource role comes to: the place in a group (or the app role or site role)
 * to write, a command to
 * pim-service whose answer is awaited ({@code pending}, with the command's id), or why it failed.
 */
record RoleOutcome(ResourceRoleRef role, GroupLink link, String status, String error, UUID pimCommandId,
        Placement placement) {

    static final String DELIVERED = "delivered";
    static final String FAILED = "failed";
    static final String REMOVED = "removed";
    static final String PENDING = "pending";
    static final String PENDING_REMOVAL = "pendingRemoval";

    static RoleOutcome delivered(ResourceRoleRef role, GroupLink link) {
        return new RoleOutcome(role, link, DELIVERED, null, null, null);
    }

    /** An app role or site role to give. */
    static RoleOutcome delivered(ResourceRoleRef role, Placement placement) {
        return new RoleOutcome(role, null, DELIVERED, null, null, placement);
    }

    static RoleOutcome failed(ResourceRoleRef role, String error) {
        return new RoleOutcome(role, null, FAILED, error, null, null);
    }

    /** A directory role: pim-service is asked, and the ledger row waits for its answer. */
    static RoleOutcome pending(ResourceRoleRef role) {
        return new RoleOutcome(role, null, PENDING, null, UUID.randomUUID(), null);
    }

    boolean isDelivered() {
        return DELIVERED.equals(status);
    }

    boolean isPending() {
        return PENDING.equals(status);
    }

    DeliveryReported.RoleDelivery report() {
        return new DeliveryReported.RoleDelivery(role.roleId(), role.roleDisplayName(), status, error);
    }
}
