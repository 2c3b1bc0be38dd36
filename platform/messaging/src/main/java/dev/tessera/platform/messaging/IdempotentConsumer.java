package dev.tessera.platform.messaging;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.InstantSource;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Runs an event's effect at most once per consumer: the event id is recorded in
 * {@code processed_event} in the same transaction as the effect, and an id already recorded is
 * skipped. Transient failures are retried with backoff; when retries run out the failure propagates,
 * the message is nacked and the channel's dead-letter strategy sends it to {@code <topic>.dlq} with
 * the reason in its headers.
 */
@ApplicationScoped
public class IdempotentConsumer {

    private static final Logger LOG = Logger.getLogger(IdempotentConsumer.class);

    static final String MARK = "insert into processed_event (consumer, event_id, processed_at) "
            + "values (?1, ?2, ?3) on conflict do nothing";

    @Inject
    InstantSource clock;

    @Inject
    MessagingMetrics metrics;

    @ConfigProperty(name = "tessera.consumer.retries", defaultValue = "5")
    int retries;

    @ConfigProperty(name = "tessera.consumer.initial-backoff", defaultValue = "PT0.2S")
    Duration initialBackoff;

    public Uni<Void> once(String consumer, ConsumerRecord<String, String> record,
            Function<EventEnvelope, Uni<Void>> effect) {
        EventEnvelope event = EventEnvelope.from(record);
        return Panache.withTransaction(() -> Panache.getSession()
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
                        }))
                .invoke(outcome -> metrics.consumed(consumer, event.type(), outcome))
                .onFailure(e -> !(e instanceof PoisonEventException))
                .retry().withBackOff(initialBackoff, initialBackoff.multipliedBy(20)).atMost(retries)
                .onFailure().invoke(e -> {
                    metrics.consumed(consumer, event.type(), "deadLettered");
                    LOG.errorf("%s: event %s (%s) failed for good, dead-lettering: %s",
                            consumer, event.id(), event.type(), e.getMessage());
                })
                .replaceWithVoid();
    }
}
