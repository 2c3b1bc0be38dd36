package dev.tessera.request.automatic;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.platform.messaging.EventEnvelope;
import dev.tessera.platform.messaging.IdempotentConsumer;
import dev.tessera.platform.messaging.events.DirectoryChanged;
import dev.tessera.platform.messaging.events.EventTypes;
import dev.tessera.request.catalog.CatalogRefused;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** User and membership changes from provisioning-service drive the lifecycle rules. */
@ApplicationScoped
public class DirectoryEventConsumer {

    public static final String CONSUMER = "request-service.lifecycle";

    static final Set<String> TYPES = Set.of(EventTypes.USER_CREATED, EventTypes.USER_UPDATED, EventTypes.USER_DELETED,
            EventTypes.GROUP_MEMBER_ADDED, EventTypes.GROUP_MEMBER_REMOVED);

    @Inject
    IdempotentConsumer consumer;

    @Inject
    AutomaticPolicies policies;

    @Inject
    AutomaticAssignments assignments;

    @Inject
    ObjectMapper mapper;

    @Incoming("directory-events")
    public Uni<Void> onEvent(ConsumerRecord<String, String> record) {
        String type;
        try {
            type = EventEnvelope.from(record).type();
        } catch (RuntimeException malformed) {
            type = null; // IdempotentConsumer dead-letters it as it does every malformed event
        }
        if (type == null || !TYPES.contains(type)) {
            return consumer.once(CONSUMER, record, event -> Uni.createFrom().voidItem());
        }
        // The policies are read before the transaction opens: no remote call while it is held.
        return policies.current()
                // catalog-service briefly away: wait for it as a failing effect would, then dead-letter; a
                // refusal (the service token bad or expired) is dead-lettered at once with its reason
                .onFailure(e -> !(e instanceof CatalogRefused))
                .retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(4)).atMost(5)
                .chain(current -> consumer.once(CONSUMER, record, event -> assignments.on(event.type(),
                        event.payload(mapper, DirectoryChanged.class), current)));
    }
}
