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
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Decides, without I/O, what each resource role of a grant comes to. {@code AadGroup} roles are
 * written here: {@code Member_<groupId>} makes the target a member, {@code Owner_<groupId>} an owner.
 * {@code DirectoryRole} roles ({@code Eligible} / {@code Active} of the role definition the resource
 * names) are commands to pim-service, pending until it answers. Application and site roles are
 * resolved to their {@link Placement} first (see {@link Placements}).
 */
final class DeliveryPlan {

    static final String AAD_GROUP = "AadGroup";
    static final String DIRECTORY_ROLE = "DirectoryRole";
    static final String AAD_APPLICATION = "AadApplication";
    static final String SHAREPOINT_ONLINE = "SharePointOnline";

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
        return decide(targetId, roles, targetExists, existingGroups, Map.of());
    }

    /** {@code placements}: the application and site roles, resolved against the directory beforehand. */
    static List<RoleOutcome> decide(UUID targetId, Collection<ResourceRoleRef> roles, boolean targetExists,
            Set<UUID> existingGroups, Map<UUID, Placement.Resolved> placements) {
        List<RoleOutcome> outcomes = new ArrayList<>(roles.size());
        for (ResourceRoleRef role : roles) {
            outcomes.add(decide(targetId, role, targetExists, existingGroups, placements));
        }
        return outcomes;
    }

    private static RoleOutcome decide(UUID targetId, ResourceRoleRef role, boolean targetExists,
            Set<UUID> existingGroups, Map<UUID, Placement.Resolved> placements) {
        Placement.Resolved placed = placements.get(role.roleId());
        if (placed != null) {
            if (placed.error() != null) {
                return RoleOutcome.failed(role, placed.error());
            }
            return targetExists ? RoleOutcome.delivered(role, placed.placement())
                    : RoleOutcome.failed(role, "User '" + targetId + "' does not exist in the directory");
        }
        if (DIRECTORY_ROLE.equalsIgnoreCase(role.originSystem())) {
            if (directoryRoleType(role).isEmpty()) {
                return RoleOutcome.failed(role, "Unrecognised directory role '" + role.roleOriginId()
                        + "': expected Eligible or Active");
            }
            if (!Ids.isGuid(role.resourceOriginId())) {
                return RoleOutcome.failed(role, "Directory role resource '" + role.resourceOriginId()
                        + "' is not a role definition id");
            }
            if (!targetExists) {
                return RoleOutcome.failed(role, "User '" + targetId + "' does not exist in the directory");
            }
            return RoleOutcome.pending(role);
        }
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

    static String outcome(List<RoleOutcome> outcomes) {
        return outcome(outcomes.stream().map(RoleOutcome::status).toList());
    }

    /** The outcome of the whole grant from its roles' statuses, as {@code DeliveryReported.outcome} spells it. */
    static String outcome(Collection<String> statuses) {
        long delivered = statuses.stream().filter(RoleOutcome.DELIVERED::equals).count();
        if (delivered == statuses.size()) {
            return "delivered";
        }
        return delivered == 0 ? "deliveryFailed" : "partiallyDelivered";
    }

    /** {@code Eligible} or {@code Active}, the PIM role type a DirectoryRole resource role grants. */
    static Optional<String> directoryRoleType(ResourceRoleRef role) {
        String originId = role.roleOriginId() == null ? "" : role.roleOriginId().trim();
        return originId.equalsIgnoreCase("Eligible") ? Optional.of("Eligible")
                : originId.equalsIgnoreCase("Active") ? Optional.of("Active") : Optional.empty();
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
