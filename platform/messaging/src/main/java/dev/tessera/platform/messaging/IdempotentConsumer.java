package dev.tessera.platform.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.common.Unavailability;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Runs an event's effect at most once per consumer: the event id is recorded in
 * {@code processed_event} in the same transaction as the effect, and an id already recorded is
 * skipped. A failure that means the database (or a peer) is unavailable ({@link Unavailability#isUnavailable})
 * is not the event's fault: the event is held and retried without limit, with capped exponential back-off
 * ({@code tessera.consumer.outage-initial-backoff} .. {@code tessera.consumer.outage-max-backoff}), so a
 * PostgreSQL restart or failover only delays events (the partition waits, its order kept). Other failures
 * are retried with backoff ({@code tessera.consumer.retries}); when those run out the failure propagates,
 * the message is nacked and the channel's dead-letter strategy sends it to {@code <topic>.dlq} with
 * the reason in its headers. {@link #onceBatch} does the same for a whole poll in one transaction.
 */
@ApplicationScoped
public class IdempotentConsumer {

    private static final Logger LOG = Logger.getLogger(IdempotentConsumer.class);

    static final String MARK = "insert into processed_event (consumer, event_id, processed_at) "
            + "values (?1, ?2, ?3) on conflict do nothing";

    /**
     * A poll's event ids marked in one statement; returns those not marked before (each once). The ids
     * travel as one JSON array, so the statement has one plan whatever the poll's size.
     */
    static final String MARK_ALL = "insert into processed_event (consumer, event_id, processed_at) "
            + "select ?1, e.id, ?3 from json_array_elements_text(cast(cast(?2 as text) as json)) as e(id) "
            + "on conflict do nothing returning event_id";

    /** One event of a poll, with the record it came in. */
    public record Received(EventEnvelope event, ConsumerRecord<String, String> record) {
    }

    /**
     * A poll's new events (not processed before by this consumer), in poll order, applied together
     * inside the poll's transaction — so a consumer can write many events' effects set-wise.
     */
    @FunctionalInterface
    public interface BatchEffect {
        Uni<Void> apply(List<Received> fresh);
    }

    @Inject
    InstantSource clock;

    @Inject
    ObjectMapper mapper;

    @Inject
    MessagingMetrics metrics;

    @ConfigProperty(name = "tessera.consumer.retries", defaultValue = "5")
    int retries;

    @ConfigProperty(name = "tessera.consumer.initial-backoff", defaultValue = "PT0.2S")
    Duration initialBackoff;

    /** First wait before retrying an event held because the database (or a peer) is unavailable. */
    @ConfigProperty(name = "tessera.consumer.outage-initial-backoff", defaultValue = "PT0.5S")
    Duration outageInitialBackoff;

    /** Longest wait between two tries of an event held during an outage. */
    @ConfigProperty(name = "tessera.consumer.outage-max-backoff", defaultValue = "PT30S")
    Duration outageMaxBackoff;

    /** At most one WARN per consumer per interval while events are held (with how many tries since the last). */
    @ConfigProperty(name = "tessera.consumer.outage-log-interval", defaultValue = "PT30S")
    Duration outageLogInterval;

    private final Map<String, OutageLog> outageLogs = new ConcurrentHashMap<>();

    /** What a consumer does, in a transaction of its own, about an event it gives up on (before it is dead-lettered). */
    @FunctionalInterface
    public interface GivenUp {
        Uni<Void> on(EventEnvelope event, Throwable reason);

        GivenUp NOTHING = (event, reason) -> Uni.createFrom().voidItem();
    }

    public Uni<Void> once(String consumer, ConsumerRecord<String, String> record,
            Function<EventEnvelope, Uni<Void>> effect) {
        return once(consumer, record, effect, GivenUp.NOTHING);
    }

    /**
     * As {@link #once(String, ConsumerRecord, Function)}; when the event fails for good, {@code givenUp}
     * runs in its own transaction before the failure propagates to the dead-letter queue — so the
     * consumer can tell whoever waits for the event's outcome (a failure of it is logged, the event is
     * dead-lettered all the same).
     */
    public Uni<Void> once(String consumer, ConsumerRecord<String, String> record,
            Function<EventEnvelope, Uni<Void>> effect, GivenUp givenUp) {
        EventEnvelope event = EventEnvelope.from(record);
        // giving up opens a transaction of its own: on this context, not the back-off timer's thread
        Context context = Vertx.currentContext();
        return holdingThroughOutages(consumer, event.type(),
                        Panache.withTransaction(() -> markThenApply(consumer, event, effect)))
                .invoke(outcome -> metrics.consumed(consumer, event.type(), outcome))
                .onFailure(e -> !(e instanceof PoisonEventException))
                .invoke(e -> metrics.retried(consumer, event.type(), "failed"))
                .onFailure(e -> !(e instanceof PoisonEventException))
                .retry().withBackOff(initialBackoff, initialBackoff.multipliedBy(20)).atMost(retries)
                .onFailure().call(e -> {
                    metrics.consumed(consumer, event.type(), "deadLettered");
                    LOG.errorf("%s: event %s (%s) failed for good, dead-lettering: %s",
                            consumer, event.id(), event.type(), e.getMessage());
                    return onContext(context).chain(() -> Panache.withTransaction(() -> givenUp.on(event, e)))
                            .onFailure().invoke(f -> LOG.errorf("%s: could not report giving up on event %s: %s",
                                    consumer, event.id(), f.getMessage()))
                            .onFailure().recoverWithNull();
                })
                .replaceWithVoid();
    }

    /**
     * A poll's events in one transaction: each id marked and, if new, its effect applied, in order,
     * then one commit and one acknowledgement for the batch — fewer round trips and commits than one
     * transaction per event. If anything in the batch fails, the transaction rolls back and the events
     * go one at a time through {@link #once} (with its retries), each acknowledged or, when it fails for
     * good, dead-lettered on its own, so one bad event neither blocks nor drags the others along.
     */
    public Uni<Void> onceBatch(String consumer, KafkaRecordBatch<String, String> batch,
            BiFunction<EventEnvelope, ConsumerRecord<String, String>, Uni<Void>> effect) {
        return onceBatch(consumer, batch, effect, GivenUp.NOTHING);
    }

    /** As {@link #onceBatch(String, KafkaRecordBatch, BiFunction)}, with {@code givenUp} for an event that fails for good. */
    public Uni<Void> onceBatch(String consumer, KafkaRecordBatch<String, String> batch,
            BiFunction<EventEnvelope, ConsumerRecord<String, String>, Uni<Void>> effect, GivenUp givenUp) {
        return onceBatch(consumer, batch,
                fresh -> InOrder.each(fresh, received -> effect.apply(received.event(), received.record())), effect, givenUp);
    }

    /**
     * A poll's events in one transaction: every id marked in one statement, then {@code batchEffect}
     * applied to the events not processed before, in poll order (an id seen twice in the poll counts
     * once), then one commit and one acknowledgement. If anything fails, the transaction rolls back and
     * the events go one at a time through {@link #once} with {@code effect} (with its retries), each
     * acknowledged or, when it fails for good, dead-lettered on its own. {@code batchEffect} must do
     * what {@code effect} would do for each event in turn.
     */
    public Uni<Void> onceBatch(String consumer, KafkaRecordBatch<String, String> batch, BatchEffect batchEffect,
            BiFunction<EventEnvelope, ConsumerRecord<String, String>, Uni<Void>> effect, GivenUp givenUp) {
        List<KafkaRecord<String, String>> records = batch.getRecords();
        List<ConsumerRecord<String, String>> consumerRecords = records.stream().map(IdempotentConsumer::consumerRecord)
                .toList();
        // the fallback opens transactions of its own: on the poll's (duplicated) context, whichever
        // thread reported the batch's failure
        Context context = Vertx.currentContext();
        return holdingThroughOutages(consumer, "batch",
                        Panache.withTransaction(() -> Uni.createFrom()
                                .deferred(() -> all(consumer, consumerRecords, batchEffect))))
                .invoke(outcomes -> outcomes.forEach(o -> metrics.consumed(consumer, o[0], o[1])))
                .chain(() -> Uni.createFrom().completionStage(batch.ack()))
                .onFailure().recoverWithUni(failure -> {
                    LOG.debugf("%s: a batch of %d failed together (%s); applying them one at a time", consumer,
                            records.size(), failure.toString());
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (int i = 0; i < records.size(); i++) {
                        KafkaRecord<String, String> message = records.get(i);
                        ConsumerRecord<String, String> record = consumerRecords.get(i);
                        // each event's transaction on the poll's context: an acknowledgement may complete elsewhere
                        chain = chain.chain(() -> onContext(context))
                                .chain(() -> Uni.createFrom().deferred(() -> once(consumer, record,
                                        event -> effect.apply(event, record), givenUp))
                                .chain(() -> Uni.createFrom().completionStage(message.ack()))
                                .onFailure().recoverWithUni(e -> {
                                    LOG.warnf("%s: nacking %s-%d@%d: %s", consumer, record.topic(), record.partition(),
                                            record.offset(), e.toString());
                                    return Uni.createFrom().completionStage(message.nack(e));
                                }));
                    }
                    return chain;
                });
    }

    /**
     * Resubscribes to {@code attempt} for as long as it fails because the database (or a peer) is
     * unavailable, waiting between tries with capped exponential back-off; any other failure passes
     * through at once (for the bounded retries and the dead-letter queue). Every held try is counted
     * ({@code tessera.events.retried}, reason {@code unavailable}) and logged at WARN at most once per
     * {@code tessera.consumer.outage-log-interval} per consumer.
     */
    private <T> Uni<T> holdingThroughOutages(String consumer, String type, Uni<T> attempt) {
        return attempt
                .onFailure(Unavailability::isUnavailable).invoke(e -> {
                    metrics.retried(consumer, type, "unavailable");
                    outageLogs.computeIfAbsent(consumer, c -> new OutageLog()).held(consumer, e);
                })
                .onFailure(Unavailability::isUnavailable).retry()
                .withBackOff(outageInitialBackoff, outageMaxBackoff).indefinitely();
    }

    /** Rate-limited WARN for one consumer's held events: the first try, then a summary once per interval. */
    private final class OutageLog {
        private final AtomicLong lastLogged = new AtomicLong(Long.MIN_VALUE);
        private final AtomicLong since = new AtomicLong();

        void held(String consumer, Throwable reason) {
            long tries = since.incrementAndGet();
            Instant now = clock.instant();
            long last = lastLogged.get();
            if ((last == Long.MIN_VALUE || now.toEpochMilli() - last >= outageLogInterval.toMillis())
                    && lastLogged.compareAndSet(last, now.toEpochMilli())) {
                since.addAndGet(-tries);
                LOG.warnf("%s: the database (or a peer) is unavailable; holding events and retrying every %s at most "
                        + "(%d tries held since the last report): %s", consumer, outageMaxBackoff, tries, reason.toString());
            }
        }
    }

    /** Inside the poll's transaction: marks every id in one statement, then applies the new events' effects. */
    private Uni<List<String[]>> all(String consumer, List<ConsumerRecord<String, String>> records,
            BatchEffect batchEffect) {
        List<Received> received = new ArrayList<>(records.size());
        for (ConsumerRecord<String, String> record : records) {
            received.add(new Received(EventEnvelope.from(record), record));
        }
        if (received.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        String ids = json(received.stream().map(r -> r.event().id()).toList());
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(MARK_ALL)
                        .setParameter(1, consumer)
                        .setParameter(2, ids)
                        .setParameter(3, clock.instant())
                        .getResultList())
                .chain(marked -> {
                    Set<Object> fresh = new HashSet<>(marked);
                    List<Received> apply = new ArrayList<>(received.size());
                    List<String[]> outcomes = new ArrayList<>(received.size());
                    for (Received r : received) {
                        // remove: a second copy of an id in the same poll is a duplicate
                        boolean isNew = fresh.remove(r.event().id());
                        if (isNew) {
                            apply.add(r);
                        } else {
                            LOG.debugf("%s: event %s already processed, skipped", consumer, r.event().id());
                        }
                        outcomes.add(new String[] {r.event().type(), isNew ? "processed" : "duplicate"});
                    }
                    return apply.isEmpty() ? Uni.createFrom().item(outcomes)
                            : batchEffect.apply(List.copyOf(apply)).replaceWith(outcomes);
                });
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Event ids cannot be serialised", e);
        }
    }

    /**
     * Inside the caller's transaction: records the event id for this consumer and applies the effect
     * unless the id was recorded before. Returns {@code processed} or {@code duplicate}.
     */
    private Uni<String> markThenApply(String consumer, EventEnvelope event, Function<EventEnvelope, Uni<Void>> effect) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(MARK)
                        .setParameter(1, consumer)
                        .setParameter(2, event.id())
                        .setParameter(3, clock.instant())
                        .executeUpdate())
                .chain(inserted -> {
                    if (inserted == 0) {
                        LOG.debugf("%s: event %s already processed, skipped", consumer, event.id());
                        return Uni.createFrom().item("duplicate");
                    }
                    return effect.apply(event).replaceWith("processed");
                });
    }

    /** Continues on the given Vert.x context (where Panache can open a session), or where it is without one. */
    private static Uni<Void> onContext(Context context) {
        return context == null ? Uni.createFrom().voidItem()
                : Uni.createFrom().voidItem().emitOn(task -> context.runOnContext(v -> task.run()));
    }

    @SuppressWarnings("unchecked")
    private static ConsumerRecord<String, String> consumerRecord(KafkaRecord<String, String> message) {
        return message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(metadata -> (ConsumerRecord<String, String>) metadata.getRecord())
                .orElseThrow(() -> new IllegalStateException("A Kafka batch record without its consumer record"));
    }
}
