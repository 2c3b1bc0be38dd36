package dev.tessera.platform.messaging.timer;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Schedules and cancels durable timers inside the caller's transaction: a timer exists if and only
 * if the state change that needs it committed. {@link TimerPoller} fires them.
 */
@ApplicationScoped
public class DurableTimers {

    static final String UPSERT = "insert into durable_timer (id, kind, timer_key, due_at, payload, created_at) "
            + "values (?1, ?2, ?3, ?4, ?5, ?6) on conflict (kind, timer_key) do update set "
            + "due_at = excluded.due_at, payload = excluded.payload, attempts = 0, last_error = null, parked_at = null";

    static final String INSERT_ONCE = "insert into durable_timer (id, kind, timer_key, due_at, payload, created_at) "
            + "values (?1, ?2, ?3, ?4, ?5, ?6) on conflict (kind, timer_key) do nothing";

    @Inject
    InstantSource clock;

    @Inject
    TimerPoller poller;

    /**
     * Makes the timer {@code (kind, key)} due at {@code dueAt}; scheduling an existing one moves it
     * (and clears its failures). Must run inside the transaction of the change it belongs to.
     */
    public Uni<Void> schedule(String kind, String key, Instant dueAt, String payload) {
        return upsert(UPSERT, kind, key, dueAt, payload).replaceWithVoid();
    }

    /**
     * Makes the timer {@code (kind, key)} due at {@code dueAt} unless one with that kind and key is pending:
     * then it stays as it is (its due time, payload and failures). True if this call added it. Must run
     * inside the transaction of the change it belongs to. (A mail queued once per event and recipient.)
     */
    public Uni<Boolean> scheduleIfAbsent(String kind, String key, Instant dueAt, String payload) {
        return upsert(INSERT_ONCE, kind, key, dueAt, payload).map(inserted -> inserted > 0);
    }

    private Uni<Integer> upsert(String statement, String kind, String key, Instant dueAt, String payload) {
        require(kind, "kind", 100);
        require(key, "key", 200);
        if (dueAt == null) {
            throw new IllegalArgumentException("A timer needs a due time");
        }
        // PostgreSQL keeps microseconds; the handler sees exactly what was stored.
        Instant due = dueAt.truncatedTo(ChronoUnit.MICROS);
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(statement)
                        .setParameter(1, UUID.randomUUID())
                        .setParameter(2, kind)
                        .setParameter(3, key)
                        .setParameter(4, utc(due))
                        .setParameter(5, payload)
                        .setParameter(6, utc(clock.instant()))
                        .executeUpdate())
                .invoke(() -> poller.scheduled(due));
    }

    /** Removes the timer if it is pending; true if there was one. Inside the caller's transaction. */
    public Uni<Boolean> cancel(String kind, String key) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("delete from durable_timer where kind = ?1 and timer_key = ?2")
                        .setParameter(1, kind)
                        .setParameter(2, key)
                        .executeUpdate())
                .map(deleted -> deleted > 0);
    }

    /** When the timer is due, if it is pending (parked ones included); null if there is none. */
    public Uni<Instant> dueAt(String kind, String key) {
        return Panache.withSession(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "select due_at from durable_timer where kind = ?1 and timer_key = ?2", OffsetDateTime.class)
                        .setParameter(1, kind)
                        .setParameter(2, key)
                        .getResultList()))
                .map(rows -> rows.isEmpty() ? null : rows.get(0).toInstant());
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static void require(String value, String name, int maxLength) {
        if (value == null || value.isBlank() || value.length() > maxLength) {
            throw new IllegalArgumentException("A timer's " + name + " must be 1.." + maxLength + " characters");
        }
    }
}
