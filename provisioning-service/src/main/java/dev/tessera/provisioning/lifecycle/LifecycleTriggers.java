package dev.tessera.provisioning.lifecycle;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.platform.messaging.IdempotentConsumer;
import dev.tessera.platform.messaging.events.DirectoryChanged;
import dev.tessera.platform.messaging.events.EventTypes;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The change triggers of lifecycle workflows: provisioning-service reads its own directory events
 * (consumer {@value #CONSUMER}, each event once, its runs written in the event's transaction) — a user's
 * changed attributes for an attributeChangeTrigger, a membership added or removed for a membershipChangeTrigger.
 * Off the directory's write path: a change commits without looking at workflows.
 */
@ApplicationScoped
public class LifecycleTriggers {

    static final String CONSUMER = "provisioning-service.lifecycle";

    @Inject
    IdempotentConsumer consumer;

    @Inject
    LifecycleRunner runner;

    @Inject
    ObjectMapper mapper;

    @Incoming("lifecycle-triggers")
    public Uni<Void> onEvent(ConsumerRecord<String, String> record) {
        return consumer.once(CONSUMER, record, event -> switch (event.type()) {
            case EventTypes.USER_UPDATED, EventTypes.GROUP_MEMBER_ADDED, EventTypes.GROUP_MEMBER_REMOVED -> {
                DirectoryChanged change = event.payload(mapper, DirectoryChanged.class);
                Map<String, Object> changed = change.attributes() == null ? Map.of() : change.attributes();
                yield runner.directoryChanged(event.id(), event.type(), change.objectId(), change.groupId(), changed);
            }
            default -> Uni.createFrom().voidItem();
        });
    }
}
