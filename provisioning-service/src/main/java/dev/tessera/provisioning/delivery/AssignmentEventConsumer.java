package dev.tessera.provisioning.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.platform.messaging.CloudEventHeaders;
import dev.tessera.platform.messaging.EventEnvelope;
import dev.tessera.platform.messaging.IdempotentConsumer;
import dev.tessera.platform.messaging.events.AssignmentGranted;
import dev.tessera.platform.messaging.events.AssignmentRemoved;
import dev.tessera.platform.messaging.events.EventTypes;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.time.format.DateTimeParseException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/** Assignment grants and removals from request-service, each applied once. */
@ApplicationScoped
public class AssignmentEventConsumer {

    static final String CONSUMER = "provisioning-service";

    private static final Logger LOG = Logger.getLogger(AssignmentEventConsumer.class);

    @Inject
    IdempotentConsumer consumer;

    @Inject
    DeliveryService delivery;

    @Inject
    ObjectMapper mapper;

    @Inject
    InstantSource clock;

    /** A poll's worth of grants and removals in one transaction (see IdempotentConsumer#onceBatch). */
    @Incoming("assignment-events")
    public Uni<Void> onEvents(KafkaRecordBatch<String, String> batch) {
        return consumer.onceBatch(CONSUMER, batch, this::apply, this::givenUp);
    }

    /**
     * A grant that failed for good is reported as failed before it is dead-lettered, so its request and
     * assignment end in {@code deliveryFailed} with the reason instead of waiting in {@code delivering}.
     */
    private Uni<Void> givenUp(EventEnvelope event, Throwable reason) {
        if (!EventTypes.ASSIGNMENT_GRANTED.equals(event.type())) {
            return Uni.createFrom().voidItem();
        }
        AssignmentGranted grant;
        try {
            grant = event.payload(mapper, AssignmentGranted.class);
        } catch (RuntimeException unreadable) {
            return Uni.createFrom().voidItem(); // nothing names whom to tell
        }
        return grant.assignmentId() == null ? Uni.createFrom().voidItem()
                : delivery.failedForGood(grant, reason.getMessage());
    }

    private Uni<Void> apply(EventEnvelope event, ConsumerRecord<String, String> record) {
        return switch (event.type()) {
            case EventTypes.ASSIGNMENT_GRANTED ->
                    delivery.grant(event.payload(mapper, AssignmentGranted.class), requestedAt(record));
            case EventTypes.ASSIGNMENT_REMOVED -> delivery.remove(event.payload(mapper, AssignmentRemoved.class));
            default -> {
                LOG.debugf("Ignoring %s event %s", event.type(), event.id());
                yield Uni.createFrom().voidItem();
            }
        };
    }

    /** When request-service committed the grant (ce_time), which is when delivery was requested. */
    private Instant requestedAt(ConsumerRecord<String, String> record) {
        Header time = record.headers().lastHeader(CloudEventHeaders.TIME);
        if (time != null && time.value() != null) {
            try {
                return Instant.parse(new String(time.value(), StandardCharsets.UTF_8));
            } catch (DateTimeParseException e) {
                LOG.debugf("Unreadable ce_time on %s: %s", record.key(), e.getMessage());
            }
        }
        return clock.instant();
    }
}
