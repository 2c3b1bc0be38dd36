package dev.tessera.pim.directory;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.pim.schedule.DirectoryLifecycle;
import dev.tessera.platform.messaging.EventEnvelope;
import dev.tessera.platform.messaging.IdempotentConsumer;
import dev.tessera.platform.messaging.PoisonEventException;
import dev.tessera.platform.messaging.events.DirectoryChanged;
import dev.tessera.platform.messaging.events.EventTypes;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Directory changes from provisioning-service that take away what PIM gave (docs/pim.md, "When the
 * directory changes"): a member leaving a group, a user deleted or disabled, a group deleted. Each
 * event is applied once; every other directory event is skipped.
 */
@ApplicationScoped
public class DirectoryEventConsumer {

    /** The name this consumer's processed events are recorded under. */
    public static final String CONSUMER = "pim-service.directory";

    static final Set<String> TYPES = Set.of(EventTypes.USER_UPDATED, EventTypes.USER_DELETED,
            EventTypes.GROUP_MEMBER_REMOVED, EventTypes.GROUP_DELETED);

    @Inject
    IdempotentConsumer consumer;

    @Inject
    DirectoryLifecycle lifecycle;

    @Inject
    ObjectMapper mapper;

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
        return switch (event.type()) {
            case EventTypes.USER_DELETED -> lifecycle.userGone(change.objectId(), true);
            case EventTypes.USER_UPDATED -> disabled(change) ? lifecycle.userGone(change.objectId(), false)
                    : Uni.createFrom().voidItem();
            case EventTypes.GROUP_MEMBER_REMOVED -> {
                if (change.groupId() == null) {
                    throw new PoisonEventException("Membership event " + event.id() + " names no group");
                }
                yield member(change) ? lifecycle.memberRemoved(change.objectId(), change.groupId())
                        : Uni.createFrom().voidItem();
            }
            case EventTypes.GROUP_DELETED -> lifecycle.groupDeleted(change.objectId());
            default -> Uni.createFrom().voidItem();
        };
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
