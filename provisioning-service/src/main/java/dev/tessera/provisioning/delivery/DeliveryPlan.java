package dev.tessera.provisioning.delivery;

import dev.tessera.platform.graph.Ids;
import dev.tessera.platform.messaging.events.ResourceRoleRef;
import dev.tessera.provisioning.group.GroupLink;
import dev.tessera.provisioning.group.Relationship;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Decides, without I/O, what each resource role of a grant comes to. Only {@code AadGroup} roles are
 * delivered so far: {@code Member_<groupId>} makes the target a member, {@code Owner_<groupId>} an
 * owner.
 */
final class DeliveryPlan {

    static final String AAD_GROUP = "AadGroup";

    private DeliveryPlan() {
    }

    /** The groups the grant's AadGroup roles name, to look up before deciding. */
    static Set<UUID> groupIds(Collection<ResourceRoleRef> roles) {
        Set<UUID> ids = new LinkedHashSet<>();
        for (ResourceRoleRef role : roles) {
            groupLink(role).ifPresent(link -> ids.add(link.groupId()));
        }
        return ids;
    }

    static List<RoleOutcome> decide(UUID targetId, Collection<ResourceRoleRef> roles, boolean targetExists,
            Set<UUID> existingGroups) {
        List<RoleOutcome> outcomes = new ArrayList<>(roles.size());
        for (ResourceRoleRef role : roles) {
            outcomes.add(decide(targetId, role, targetExists, existingGroups));
        }
        return outcomes;
    }

    private static RoleOutcome decide(UUID targetId, ResourceRoleRef role, boolean targetExists,
            Set<UUID> existingGroups) {
        if (!AAD_GROUP.equalsIgnoreCase(role.originSystem())) {
            return RoleOutcome.failed(role, "Delivery of " + role.originSystem() + " resources is not supported yet");
        }
        Optional<GroupLink> link = groupLink(role);
        if (link.isEmpty()) {
            return RoleOutcome.failed(role, "Unrecognised group role '" + role.roleOriginId()
                    + "': expected Member_<groupId> or Owner_<groupId>");
        }
        if (!existingGroups.contains(link.get().groupId())) {
            return RoleOutcome.failed(role, "Group '" + link.get().groupId() + "' does not exist in the directory");
        }
        if (!targetExists) {
            return RoleOutcome.failed(role, "User '" + targetId + "' does not exist in the directory");
        }
        return RoleOutcome.delivered(role, link.get());
    }

    /** The outcome of the whole grant, as {@code DeliveryReported.outcome} spells it. */
    static String outcome(List<RoleOutcome> outcomes) {
        long delivered = outcomes.stream().filter(RoleOutcome::isDelivered).count();
        if (delivered == outcomes.size()) {
            return "delivered";
        }
        return delivered == 0 ? "deliveryFailed" : "partiallyDelivered";
    }

    static Optional<GroupLink> groupLink(ResourceRoleRef role) {
        if (!AAD_GROUP.equalsIgnoreCase(role.originSystem()) || role.roleOriginId() == null) {
            return Optional.empty();
        }
        String originId = role.roleOriginId().trim();
        int underscore = originId.indexOf('_');
        if (underscore < 0) {
            return Optional.empty();
        }
        String groupId = originId.substring(underscore + 1);
        if (!Ids.isGuid(groupId)) {
            return Optional.empty();
        }
        Relationship relationship = switch (originId.substring(0, underscore).toLowerCase(Locale.ROOT)) {
            case "member" -> Relationship.MEMBER;
            case "owner" -> Relationship.OWNER;
            default -> null;
        };
        return relationship == null ? Optional.empty()
                : Optional.of(new GroupLink(UUID.fromString(groupId), relationship));
    }
}
