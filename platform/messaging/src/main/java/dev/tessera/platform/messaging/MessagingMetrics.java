package dev.tessera.platform.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The messaging core's meters, the same in every service (docs/operations.md explains them):
 * outbox backlog and the age of its oldest unsent row, events consumed / dead-lettered per
 * consumer, timers fired / failed / parked per kind, and how late timers fire.
 */
@ApplicationScoped
public class MessagingMetrics {

    static final String BACKLOG = "select count(*), min(created_at) from outbox_event where sent_at is null";
    static final String TIMERS = "select count(*) filter (where parked_at is null and coalesce(retry_at, due_at) <= ?1), "
            + "count(*) filter (where parked_at is not null) from durable_timer";

    @Inject
    MeterRegistry registry;

    @Inject
    InstantSource clock;

    @Inject
    Vertx vertx;

    @ConfigProperty(name = "tessera.metrics.refresh-interval", defaultValue = "PT5S")
    Duration refreshInterval;

    private final AtomicLong outboxBacklog = new AtomicLong();
    private final AtomicLong outboxOldestAgeMillis = new AtomicLong();
    private final AtomicLong timersOverdue = new AtomicLong();
    private final AtomicLong timersParked = new AtomicLong();

    void onStart(@Observes StartupEvent event) {
        Gauge.builder("tessera.outbox.backlog", outboxBacklog, AtomicLong::get)
                .description("Outbox rows committed but not yet published to Kafka").register(registry);
        Gauge.builder("tessera.outbox.oldest.age", outboxOldestAgeMillis, a -> a.get() / 1000.0)
                .baseUnit("seconds").description("Age of the oldest unpublished outbox row").register(registry);
        Gauge.builder("tessera.timers.overdue", timersOverdue, AtomicLong::get)
                .description("Durable timers past their due (or retry) time and not yet fired").register(registry);
        Gauge.builder("tessera.timers.parked", timersParked, AtomicLong::get)
                .description("Durable timers parked after repeated failures; need an operator").register(registry);
        VertxTicker.every(vertx, refreshInterval, this::refresh);
    }

    Uni<Void> refresh() {
        Instant now = clock.instant();
        return Panache.withSession(() -> Panache.getSession()
                        .chain(session -> session.createNativeQuery(BACKLOG, Object[].class).getSingleResult()
                                .invoke(row -> {
                                    outboxBacklog.set(((Number) row[0]).longValue());
                                    Instant oldest = instant(row[1]);
                                    outboxOldestAgeMillis.set(oldest == null ? 0
                                            : Math.max(0, Duration.between(oldest, now).toMillis()));
                                })
                                .chain(() -> session.createNativeQuery(TIMERS, Object[].class)
                                        .setParameter(1, now.atOffset(java.time.ZoneOffset.UTC)).getSingleResult())
                                .invoke(row -> {
                                    timersOverdue.set(((Number) row[0]).longValue());
                                    timersParked.set(((Number) row[1]).longValue());
                                })))
                .replaceWithVoid()
                .onFailure().recoverWithNull();
    }

    public void published(int events) {
        if (events > 0) {
            Counter.builder("tessera.outbox.published").description("Events published from the outbox")
                    .register(registry).increment(events);
        }
    }

    /** outcome: processed, duplicate or deadLettered. */
    public void consumed(String consumer, String type, String outcome) {
        Counter.builder("tessera.events.consumed").description("Events handled by idempotent consumers")
                .tag("consumer", consumer).tag("type", type == null ? "unknown" : type).tag("outcome", outcome)
                .register(registry).increment();
    }

    /**
     * A try of an event that failed and will be tried again. reason: {@code unavailable} (the database or a
     * peer is down: held and retried without limit, never dead-lettered for it) or {@code failed} (counts
     * towards {@code tessera.consumer.retries}). type is {@code batch} for a whole poll's transaction.
     */
    public void retried(String consumer, String type, String reason) {
        Counter.builder("tessera.events.retried").description("Failed tries of events, by reason (unavailable: held; failed: towards tessera.consumer.retries)")
                .tag("consumer", consumer).tag("type", type == null ? "unknown" : type).tag("reason", reason)
                .register(registry).increment();
    }

    /** outcome: fired, failed, parked, or held (failed because the database or a peer is unavailable: not an attempt). */
    public void timer(String kind, String outcome) {
        Counter.builder("tessera.timers.fired").description("Durable timer firings")
                .tag("kind", kind).tag("outcome", outcome).register(registry).increment();
    }

    /** How long after its due time a timer fired (the ≤ 1 s target). */
    public void lateness(String kind, Duration late) {
        Timer.builder("tessera.timers.lateness").description("Delay between a timer's due time and its firing")
                .tag("kind", kind).publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(5)).register(registry)
                .record(late.isNegative() ? Duration.ZERO : late);
    }

    private static Instant instant(Object value) {
        if (value instanceof OffsetDateTime time) {
            return time.toInstant();
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof java.time.LocalDateTime local) {
            return local.toInstant(java.time.ZoneOffset.UTC);
        }
        return null;
    }
}
