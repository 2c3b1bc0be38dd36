package dev.tessera.provisioning.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.platform.messaging.events.ResourceRoleRef;
import dev.tessera.provisioning.group.GroupLink;
import dev.tessera.provisioning.group.Relationship;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DeliveryPlanTest {

    final UUID user = UUID.randomUUID();
    final UUID group = UUID.randomUUID();

    @Test
    void memberAndOwnerRoleIdsNameAPlaceInAGroup() {
        assertEquals(Optional.of(new GroupLink(group, Relationship.MEMBER)),
                DeliveryPlan.groupLink(role("Member_" + group, "AadGroup")));
        assertEquals(Optional.of(new GroupLink(group, Relationship.OWNER)),
                DeliveryPlan.groupLink(role("owner_" + group, "aadgroup")));
        assertEquals(Optional.empty(), DeliveryPlan.groupLink(role("Guest_" + group, "AadGroup")));
        assertEquals(Optional.empty(), DeliveryPlan.groupLink(role("Member_not-a-guid", "AadGroup")));
        assertEquals(Optional.empty(), DeliveryPlan.groupLink(role("Member_" + group, "AadApplication")));
    }

    @Test
    void everyRoleDeliveredIsDelivered() {
        List<RoleOutcome> outcomes = DeliveryPlan.decide(user, List.of(role("Member_" + group, "AadGroup")), true,
                Set.of(group));
        assertEquals("delivered", DeliveryPlan.outcome(outcomes));
        assertEquals(new GroupLink(group, Relationship.MEMBER), outcomes.get(0).link());
    }

    @Test
    void otherSystemsFailWithAReasonAndMakeThePartialOutcome() {
        List<RoleOutcome> outcomes = DeliveryPlan.decide(user, List.of(role("Member_" + group, "AadGroup"),
                role("Reader", "SharePointOnline")), true, Set.of(group));
        assertEquals("partiallyDelivered", DeliveryPlan.outcome(outcomes));
        assertEquals("Delivery of SharePointOnline resources is not supported yet", outcomes.get(1).error());
    }

    @Test
    void aMissingUserOrGroupFailsEveryRoleItTouches() {
        List<RoleOutcome> noUser = DeliveryPlan.decide(user, List.of(role("Member_" + group, "AadGroup")), false,
                Set.of(group));
        assertEquals("deliveryFailed", DeliveryPlan.outcome(noUser));
        assertTrue(noUser.get(0).error().contains(user.toString()));
        List<RoleOutcome> noGroup = DeliveryPlan.decide(user, List.of(role("Member_" + group, "AadGroup")), true,
                Set.of());
        assertTrue(noGroup.get(0).error().contains(group.toString()));
    }

    @Test
    void aGrantWithoutRolesIsTriviallyDelivered() {
        assertEquals("delivered", DeliveryPlan.outcome(DeliveryPlan.decide(user, List.of(), true, Set.of())));
        assertEquals(Set.of(group), DeliveryPlan.groupIds(List.of(role("Member_" + group, "AadGroup"),
                role("Owner_" + group, "AadGroup"), role("x", "AadApplication"))));
    }

    @Test
    void directoryRolesWaitForPimServiceUnlessTheyCannotBeAsked() {
        String roleDefinition = UUID.randomUUID().toString();
        ResourceRoleRef eligible = new ResourceRoleRef(UUID.randomUUID(), "Eligible Member", "eligible", "DirectoryRole",
                UUID.randomUUID(), roleDefinition, roleDefinition);
        RoleOutcome pending = DeliveryPlan.decide(user, List.of(eligible), true, Set.of()).get(0);
        assertTrue(pending.isPending());
        assertTrue(pending.pimCommandId() != null);
        assertEquals(Optional.of("Eligible"), DeliveryPlan.directoryRoleType(eligible));

        assertTrue(DeliveryPlan.decide(user, List.of(eligible), false, Set.of()).get(0).error().contains(user.toString()));
        ResourceRoleRef odd = new ResourceRoleRef(UUID.randomUUID(), "Odd", "Sometimes", "DirectoryRole",
                UUID.randomUUID(), roleDefinition, roleDefinition);
        assertTrue(DeliveryPlan.decide(user, List.of(odd), true, Set.of()).get(0).error().contains("Eligible or Active"));
        ResourceRoleRef notARole = new ResourceRoleRef(UUID.randomUUID(), "Active Member", "Active", "DirectoryRole",
                UUID.randomUUID(), "not-a-guid", "not-a-guid");
        assertEquals("failed", DeliveryPlan.decide(user, List.of(notARole), true, Set.of()).get(0).status());
    }

    static ResourceRoleRef role(String roleOriginId, String originSystem) {
        return new ResourceRoleRef(UUID.randomUUID(), "Role", roleOriginId, originSystem, UUID.randomUUID(),
                "resource", "scope");
    }
}
