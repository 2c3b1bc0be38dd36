package dev.tessera.request.catalog;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.platform.messaging.IdempotentConsumer;
import dev.tessera.platform.messaging.events.CatalogObjectDeleted;
import dev.tessera.platform.messaging.events.EventTypes;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * catalog-service's events that concern requests: a deleted policy or access package ends what is still
 * open under it ({@link CatalogDeletions}). Resource role changes are provisioning-service's to deliver;
 * here, any event drops the package's cached request contexts ({@link RequestContextCache}).
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

    @Inject
    RequestContextCache contexts;

    @Incoming("catalog-events")
    public Uni<Void> onEvent(ConsumerRecord<String, String> record) {
        // every catalog event is keyed by its access package: whatever it says, that package's cached
        // contexts go (also on a replay, which costs one more call to catalog-service)
        invalidate(record.key());
        return consumer.once(CONSUMER, record, event -> switch (event.type()) {
            case EventTypes.ASSIGNMENT_POLICY_DELETED, EventTypes.ACCESS_PACKAGE_DELETED ->
                    deletions.deleted(event.payload(mapper, CatalogObjectDeleted.class));
            default -> Uni.createFrom().voidItem();
        });
    }

    private void invalidate(String key) {
        try {
            contexts.invalidate(UUID.fromString(key));
        } catch (IllegalArgumentException | NullPointerException e) {
            contexts.invalidateAll();
        }
    }
}
