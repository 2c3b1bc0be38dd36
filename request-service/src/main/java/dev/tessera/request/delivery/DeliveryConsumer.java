package dev.tessera.request.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.platform.messaging.IdempotentConsumer;
import dev.tessera.platform.messaging.events.DeliveryReported;
import dev.tessera.platform.messaging.events.EventTypes;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import dev.tessera.platform.messaging.EventEnvelope;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    /** A poll's delivery reports in one transaction (see IdempotentConsumer#onceBatch). */
    @Incoming("delivery-events")
    public Uni<Void> onDeliveries(KafkaRecordBatch<String, String> batch) {
        // the poll's reports, read once: their rows are loaded together (DeliveryOutcomes#poll)
        Map<ConsumerRecord<String, String>, DeliveryReported> reports = new IdentityHashMap<>();
        for (KafkaRecord<String, String> message : batch.getRecords()) {
            message.getMetadata(IncomingKafkaRecordMetadata.class).ifPresent(metadata -> {
                @SuppressWarnings("unchecked")
                ConsumerRecord<String, String> record = (ConsumerRecord<String, String>) metadata.getRecord();
                report(record).ifPresent(report -> reports.put(record, report));
            });
        }
        DeliveryOutcomes.Poll poll = outcomes.poll(List.copyOf(reports.values()));
        return consumer.onceBatch("request-service", batch, (event, record) -> {
            if (!EventTypes.DELIVERY_REPORTED.equals(event.type())) {
                return Uni.createFrom().voidItem();
            }
            DeliveryReported report = reports.get(record);
            return poll.apply(report != null ? report : event.payload(mapper, DeliveryReported.class));
        });
    }

    /** The record's report, if it is one that reads; anything else is left to the consumer to judge. */
    private Optional<DeliveryReported> report(ConsumerRecord<String, String> record) {
        try {
            EventEnvelope event = EventEnvelope.from(record);
            return EventTypes.DELIVERY_REPORTED.equals(event.type())
                    ? Optional.of(event.payload(mapper, DeliveryReported.class)) : Optional.empty();
        } catch (RuntimeException unreadable) {
            return Optional.empty();
        }
    }
}
