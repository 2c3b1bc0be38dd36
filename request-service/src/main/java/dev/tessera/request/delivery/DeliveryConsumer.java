package dev.tessera.request.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.platform.messaging.IdempotentConsumer;
import dev.tessera.platform.messaging.events.DeliveryReported;
import dev.tessera.platform.messaging.events.EventTypes;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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

    @Incoming("delivery-events")
    public Uni<Void> onDelivery(ConsumerRecord<String, String> record) {
        return consumer.once("request-service", record, event -> {
            if (!EventTypes.DELIVERY_REPORTED.equals(event.type())) {
                return Uni.createFrom().voidItem();
            }
            return outcomes.apply(event.payload(mapper, DeliveryReported.class));
        });
    }
}
