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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
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

    @Inject
    GrantBatch grants;

    /**
     * A poll's worth of grants and removals in one transaction (see IdempotentConsumer#onceBatch): runs
     * of consecutive plain group grants are delivered set-wise ({@link GrantBatch}), every other event
     * on its own, in poll order; a failure anywhere sends the poll one event at a time through
     * {@link #apply}.
     */
    @Incoming("assignment-events")
    public Uni<Void> onEvents(KafkaRecordBatch<String, String> batch) {
        return consumer.onceBatch(CONSUMER, batch, this::applyAll, this::apply, this::givenUp);
    }

    /**
     * The poll's new events in order. A run of plain grants ends at any other event (which may touch
     * the same members or assignments) and before a second grant of the same assignment (its ledger
     * rows are written by one statement per run).
     */
    Uni<Void> applyAll(List<IdempotentConsumer.Received> fresh) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        List<GrantBatch.Grant> run = new ArrayList<>();
        Set<UUID> inRun = new HashSet<>();
        for (IdempotentConsumer.Received received : fresh) {
            EventEnvelope event = received.event();
            AssignmentGranted grant = EventTypes.ASSIGNMENT_GRANTED.equals(event.type())
                    ? event.payload(mapper, AssignmentGranted.class) : null;
            if (grant != null && GrantBatch.takes(grant)) {
                if (!inRun.add(grant.assignmentId())) {
                    chain = flush(chain, run, inRun);
                    inRun.add(grant.assignmentId());
                }
                run.add(new GrantBatch.Grant(grant, requestedAt(received.record())));
                continue;
            }
            chain = flush(chain, run, inRun).chain(() -> apply(event, received.record()));
        }
        return flush(chain, run, inRun);
    }

    private Uni<Void> flush(Uni<Void> chain, List<GrantBatch.Grant> run, Set<UUID> inRun) {
        if (run.isEmpty()) {
            return chain;
        }
        List<GrantBatch.Grant> grantsOfRun = List.copyOf(run);
        run.clear();
        inRun.clear();
        return chain.chain(() -> grants.deliver(grantsOfRun));
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
