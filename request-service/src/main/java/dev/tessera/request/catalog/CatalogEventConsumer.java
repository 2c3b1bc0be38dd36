package dev.tessera.request.catalog;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.platform.messaging.IdempotentConsumer;
import dev.tessera.platform.messaging.events.CatalogObjectDeleted;
import dev.tessera.platform.messaging.events.EventTypes;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * catalog-service's events that concern requests: a deleted policy or access package ends what is still
 * open under it ({@link CatalogDeletions}). Resource role changes are provisioning-service's; ignored here.
 */
@ApplicationScoped
public class CatalogEventConsumer {

    public static final String CONSUMER = "request-service.catalog";

    @Inject
    IdempotentConsumer consumer;

    @Inject
    CatalogDeletions deletions;

    @Inject
    ObjectMapper mapper;

    @Incoming("catalog-events")
    public Uni<Void> onEvent(ConsumerRecord<String, String> record) {
        return consumer.once(CONSUMER, record, event -> switch (event.type()) {
            case EventTypes.ASSIGNMENT_POLICY_DELETED, EventTypes.ACCESS_PACKAGE_DELETED ->
                    deletions.deleted(event.payload(mapper, CatalogObjectDeleted.class));
            default -> Uni.createFrom().voidItem();
        });
    }
}
