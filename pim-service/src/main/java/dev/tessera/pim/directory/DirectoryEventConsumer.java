package dev.tessera.pim.directory;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.pim.roles.EffectiveRoles;
import dev.tessera.pim.roles.GroupMembers;
import dev.tessera.pim.schedule.DirectoryLifecycle;
import dev.tessera.platform.messaging.EventEnvelope;
import dev.tessera.platform.messaging.IdempotentConsumer;
import dev.tessera.platform.messaging.PoisonEventException;
import dev.tessera.platform.messaging.events.DirectoryChanged;
import dev.tessera.platform.messaging.events.EventTypes;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Directory changes from provisioning-service that take away what PIM gave (docs/pim.md, "When the
 * directory changes"): a member leaving a group, a user deleted or disabled, a group deleted — and the
 * memberships of the role-assignable groups pim-service follows ({@link GroupMembers}): a member who
 * joins or leaves one gains or loses the group's active roles (EffectiveRolesChanged). Each event is
 * applied once; every other directory event is skipped.
 */
@ApplicationScoped
public class DirectoryEventConsumer {

    /** The name this consumer's processed events are recorded under. */
    public static final String CONSUMER = "pim-service.directory";

    static final Set<String> TYPES = Set.of(EventTypes.USER_UPDATED, EventTypes.USER_DELETED,
            EventTypes.GROUP_MEMBER_ADDED, EventTypes.GROUP_MEMBER_REMOVED, EventTypes.GROUP_DELETED);

    @Inject
    IdempotentConsumer consumer;

    @Inject
    DirectoryLifecycle lifecycle;

    @Inject
    ObjectMapper mapper;

    @Inject
    GroupMembers groups;

    @Inject
    EffectiveRoles roles;

    @Incoming("directory-events")
    public Uni<Void> onEvent(ConsumerRecord<String, String> record) {
        return consumer.once(CONSUMER, record, event -> TYPES.contains(event.type()) ? apply(event)
                : Uni.createFrom().voidItem());
    }

    private Uni<Void> apply(EventEnvelope event) {
        DirectoryChanged change = event.payload(mapper, DirectoryChanged.class);
        if (change == null || change.objectId() == null) {
            throw new PoisonEventException("Directory event " + event.id() + " (" + event.type() + ") names no object");
        }
        UUID id = change.objectId();
        return switch (event.type()) {
            case EventTypes.USER_DELETED -> roles.because("userDeleted", () -> lifecycle.userGone(id, true)
                    .chain(() -> groups.userDeleted(id))
                    .chain(() -> roles.recompute(List.of(id), "userDeleted", null)));
            case EventTypes.USER_UPDATED -> disabled(change)
                    ? roles.because("userDisabled", () -> lifecycle.userGone(id, false))
                    : Uni.createFrom().voidItem();
            case EventTypes.GROUP_MEMBER_ADDED -> {
                UUID group = groupOf(event, change);
                // a member of a group pim-service follows gains what the group holds
                yield member(change) ? roles.because("groupMemberAdded", () -> groups.added(group, id)
                        .chain(added -> added ? roles.recompute(List.of(id), "groupMemberAdded", null)
                                : Uni.createFrom().voidItem()))
                        : Uni.createFrom().voidItem();
            }
            case EventTypes.GROUP_MEMBER_REMOVED -> {
                UUID group = groupOf(event, change);
                yield member(change) ? roles.because("groupMemberRemoved", () -> groups.removed(group, id)
                        .chain(removed -> lifecycle.memberRemoved(id, group)
                                .chain(() -> removed ? roles.recompute(List.of(id), "groupMemberRemoved", null)
                                        : Uni.createFrom().voidItem())))
                        : Uni.createFrom().voidItem();
            }
            case EventTypes.GROUP_DELETED -> roles.because("groupDeleted", () -> lifecycle.groupDeleted(id)
                    .chain(() -> groups.groupDeleted(id))
                    .chain(members -> roles.recompute(members, "groupDeleted", null)));
            default -> Uni.createFrom().voidItem();
        };
    }

    private static UUID groupOf(EventEnvelope event, DirectoryChanged change) {
        if (change.groupId() == null) {
            throw new PoisonEventException("Membership event " + event.id() + " names no group");
        }
        return change.groupId();
    }

    /** A user update that switched the account off ({@code accountEnabled: false} among the changed attributes). */
    private static boolean disabled(DirectoryChanged change) {
        return change.attributes() != null && Boolean.FALSE.equals(change.attributes().get("accountEnabled"));
    }

    /** Owners are not members: only a member's leaving takes away what the group's eligibility gave. */
    private static boolean member(DirectoryChanged change) {
        Object relationship = change.attributes() == null ? null : change.attributes().get("relationship");
        return relationship == null || "member".equals(relationship);
    }
}
