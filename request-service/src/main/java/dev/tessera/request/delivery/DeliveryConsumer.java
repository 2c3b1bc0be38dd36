package dev.tessera.request.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.platform.messaging.IdempotentConsumer;
import dev.tessera.platform.messaging.events.DeliveryReported;
import dev.tessera.platform.messaging.events.EventTypes;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Delivery outcomes from provisioning-service move assignments and requests to their next state. */
@ApplicationScoped
public class DeliveryConsumer {

    @Inject
    IdempotentConsumer consumer;

    @Inject
    DeliveryOutcomes outcomes;

    @Inject
    ObjectMapper mapper;

    /** A poll's delivery reports in one transaction (see IdempotentConsumer#onceBatch). */
    @Incoming("delivery-events")
    public Uni<Void> onDeliveries(KafkaRecordBatch<String, String> batch) {
        return consumer.onceBatch("request-service", batch, (event, record) -> {
            if (!EventTypes.DELIVERY_REPORTED.equals(event.type())) {
                return Uni.createFrom().voidItem();
            }
            return outcomes.apply(event.payload(mapper, DeliveryReported.class));
        });
    }
}
