package dev.tessera.platform.messaging;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Publishes committed outbox rows to Kafka (CloudEvents binary mode, key = aggregate id) and marks
 * them sent in the same transaction that claimed them. One relay per database publishes at a time
 * (advisory lock), in position order, so an aggregate's events reach Kafka in the order they were
 * written; rows are claimed {@code FOR UPDATE SKIP LOCKED}, and a failed send rolls the claim back and
 * the rows are retried on the next poll.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    static final String CLAIM = "select * from outbox_event where sent_at is null "
            + "order by position limit ?1 for update skip locked";

    /** Every row of a sent batch marked in one statement (one plan whatever the batch size). */
    static final String MARK_SENT = "update outbox_event set sent_at = ?1 where id = any(cast(cast(?2 as text) as uuid[]))";

    /** Held until the claiming transaction ends; the key is Tessera's own ("tessera.outbox.relay"). */
    static final String LEAD = "select pg_try_advisory_xact_lock(hashtext('tessera.outbox.relay'))";

    /** A client proxy: the Kafka emitter behind it is created on first send, once messaging is wired. */
    @Inject
    OutboxSender sender;

    private volatile boolean started;

    @Inject
    InstantSource clock;

    @Inject
    MessagingMetrics metrics;

    @ConfigProperty(name = "tessera.outbox.batch-size", defaultValue = "200")
    int batchSize;

    @ConfigProperty(name = "tessera.outbox.retention", defaultValue = "P3D")
    Duration retention;

    @ConfigProperty(name = "tessera.outbox.enabled", defaultValue = "true")
    boolean enabled;

    @ConfigProperty(name = "tessera.outbox.idle-poll-interval", defaultValue = "PT1S")
    Duration idlePollInterval;

    /** When this JVM last wrote an outbox row, and when the relay last looked at the table. */
    private final AtomicLong lastPublished = new AtomicLong();
    private final AtomicLong lastPolled = new AtomicLong();

    @ConfigProperty(name = "tessera.outbox.tick", defaultValue = "PT0.02S")
    Duration tick;

    @Inject
    Vertx vertx;

    void onStart(@Observes StartupEvent event) {
        started = true;
        VertxTicker.every(vertx, tick, this::poll);
    }

    /** Called by {@link Outbox} so rows this JVM writes are sent within a tick, not an idle interval. */
    void published() {
        lastPublished.set(System.nanoTime());
    }

    /**
     * Ticks often but only queries when this JVM wrote something lately (the commit may land a few
     * ticks later) or when the idle interval has passed (rows of a crashed or other replica).
     */
    Uni<Void> poll() {
        long now = System.nanoTime();
        boolean recentWrite = now - lastPublished.get() < Duration.ofSeconds(2).toNanos();
        boolean idleDue = now - lastPolled.get() >= idlePollInterval.toNanos();
        if (!enabled || !started || !(recentWrite || idleDue)) {
            return Uni.createFrom().voidItem();
        }
        lastPolled.set(now);
        return drain().replaceWithVoid()
                .onFailure().invoke(e -> LOG.warnf("Outbox relay pass failed, will retry: %s", e.getMessage()))
                .onFailure().recoverWithNull();
    }

    /**
     * Publishes one batch of pending rows; returns how many were sent. One relay of a database publishes
     * at a time (a transaction-scoped advisory lock; the others return 0 at once and try on their next
     * tick): relays sharing the table by SKIP LOCKED alone could publish a later batch of an aggregate
     * before an earlier one, breaking the per-aggregate order consumers rely on.
     */
    public Uni<Integer> drain() {
        return Panache.withTransaction(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery(LEAD).getSingleResult()
                        .chain(lead -> !Boolean.TRUE.equals(lead) ? Uni.createFrom().item(List.<OutboxEvent>of())
                                : session.createNativeQuery(CLAIM, OutboxEvent.class)
                                        .setParameter(1, batchSize)
                                        .getResultList()))
                .chain(events -> send(events).chain(() -> markSent(events)).replaceWith(events.size())))
                .invoke(metrics::published);
    }

    /**
     * One update for the whole batch instead of a dirty entity per row (the claimed entities stay
     * unchanged in the session, so the commit's flush has nothing to write).
     */
    private Uni<Void> markSent(List<OutboxEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        StringBuilder ids = new StringBuilder("{");
        for (OutboxEvent event : events) {
            ids.append(ids.length() == 1 ? "" : ",").append(event.id);
        }
        String idArray = ids.append('}').toString();
        return Panache.getSession().chain(session -> session.createNativeQuery(MARK_SENT)
                        .setParameter(1, clock.instant())
                        .setParameter(2, idArray)
                        .executeUpdate())
                .replaceWithVoid();
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
            sends.add(sender.send(toMessage(event)));
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
        Message<String> message = Message.of(event.payload).addMetadata(metadata);
        // The Kafka connector parents its producer span (and the traceparent header the consumer
        // continues from) on this context: the trace of the request that wrote the event.
        return TraceContext.fromTraceparent(event.traceparent)
                .map(context -> message.addMetadata(TracingMetadata.withCurrent(context)))
                .orElse(message);
    }

    private static void header(RecordHeaders headers, String name, String value) {
        if (value != null) {
            headers.add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }
}
