package dev.tessera.provisioning.delivery;

import dev.tessera.platform.messaging.events.DeliveryReported;
import dev.tessera.platform.messaging.events.ResourceRoleRef;
import dev.tessera.provisioning.group.GroupLink;

/** What delivering one resource role comes to: the place in a group to write, or why it failed. */
record RoleOutcome(ResourceRoleRef role, GroupLink link, String status, String error) {

    static final String DELIVERED = "delivered";
    static final String FAILED = "failed";
    static final String REMOVED = "removed";

    static RoleOutcome delivered(ResourceRoleRef role, GroupLink link) {
        return new RoleOutcome(role, link, DELIVERED, null);
    }

    static RoleOutcome failed(ResourceRoleRef role, String error) {
        return new RoleOutcome(role, null, FAILED, error);
    }

    boolean isDelivered() {
        return DELIVERED.equals(status);
    }

    DeliveryReported.RoleDelivery report() {
        return new DeliveryReported.RoleDelivery(role.roleId(), role.roleDisplayName(), status, error);
    }
}
