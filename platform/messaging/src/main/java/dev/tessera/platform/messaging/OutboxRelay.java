package dev.tessera.platform.messaging;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Publishes committed outbox rows to Kafka (CloudEvents binary mode, key = aggregate id) and marks
 * them sent in the same transaction that claimed them. Rows are claimed with
 * {@code FOR UPDATE SKIP LOCKED}, so relays on several replicas share the table without publishing a
 * row twice; a failed send rolls the claim back and the rows are retried on the next poll.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    static final String CLAIM = "select * from outbox_event where sent_at is null "
            + "order by position limit ?1 for update skip locked";

    @Inject
    @Channel("tessera-outbox")
    MutinyEmitter<String> emitter;

    @Inject
    InstantSource clock;

    @ConfigProperty(name = "tessera.outbox.batch-size", defaultValue = "200")
    int batchSize;

    @ConfigProperty(name = "tessera.outbox.retention", defaultValue = "P3D")
    Duration retention;

    @ConfigProperty(name = "tessera.outbox.enabled", defaultValue = "true")
    boolean enabled;

    @Scheduled(every = "${tessera.outbox.poll-interval:0.1s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> poll() {
        if (!enabled) {
            return Uni.createFrom().voidItem();
        }
        return drain().replaceWithVoid()
                .onFailure().invoke(e -> LOG.warnf("Outbox relay pass failed, will retry: %s", e.getMessage()))
                .onFailure().recoverWithNull();
    }

    /** Publishes one batch of pending rows; returns how many were sent. */
    public Uni<Integer> drain() {
        return Panache.withTransaction(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery(CLAIM, OutboxEvent.class)
                        .setParameter(1, batchSize)
                        .getResultList())
                .chain(events -> send(events).invoke(() -> events.forEach(e -> e.sentAt = clock.instant()))
                        .replaceWith(events.size())));
    }

    @Scheduled(every = "1h", delayed = "1m")
    Uni<Void> purgeSent() {
        return Panache.withTransaction(() -> OutboxEvent.delete("sentAt < ?1", clock.instant().minus(retention)))
                .replaceWithVoid()
                .onFailure().recoverWithNull();
    }

    private Uni<Void> send(List<OutboxEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Uni<Void>> sends = new ArrayList<>(events.size());
        for (OutboxEvent event : events) {
            sends.add(emitter.sendMessage(toMessage(event)));
        }
        // Kafka acks arrive on the producer's thread; the Hibernate Reactive session must be used
        // from the Vert.x context that opened it.
        Context context = Vertx.currentContext();
        Uni<Void> all = Uni.join().all(sends).andFailFast().replaceWithVoid();
        return context == null ? all : all.emitOn(task -> context.runOnContext(v -> task.run()));
    }

    static Message<String> toMessage(OutboxEvent event) {
        RecordHeaders headers = new RecordHeaders();
        header(headers, CloudEventHeaders.SPEC_VERSION, "1.0");
        header(headers, CloudEventHeaders.ID, event.id.toString());
        header(headers, CloudEventHeaders.TYPE, event.eventType);
        header(headers, CloudEventHeaders.SOURCE, event.source);
        header(headers, CloudEventHeaders.SUBJECT, event.subject);
        header(headers, CloudEventHeaders.TIME, DateTimeFormatter.ISO_INSTANT.format(event.createdAt));
        header(headers, CloudEventHeaders.CONTENT_TYPE, "application/json");
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(event.topic)
                .withKey(event.eventKey)
                .withHeaders(headers)
                .build();
        return Message.of(event.payload).addMetadata(metadata);
    }

    private static void header(RecordHeaders headers, String name, String value) {
        if (value != null) {
            headers.add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }
}
