package dev.tessera.platform.messaging.timer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Schedules many timers of one kind, all due at the same time, with one statement inside the caller's
 * transaction: each key as {@link DurableTimers#schedule} would (an existing timer of the kind and key
 * moves). The keys travel as one JSON parameter (kind and times as another), so the statement's text is
 * the same for any number of them.
 */
@ApplicationScoped
public class DurableTimerBatch {

    static final String UPSERT = "insert into durable_timer (id, kind, timer_key, due_at, payload, created_at) "
            + "select r.id, c.kind, r.k, c.due, cast(null as text), c.at "
            + "from json_to_record(cast(cast(?1 as text) as json)) as c(kind text, due timestamptz, at timestamptz) "
            + "cross join json_to_recordset(cast(cast(?2 as text) as json)) as r(id uuid, k text) "
            + "on conflict (kind, timer_key) do update set "
            + "due_at = excluded.due_at, payload = excluded.payload, attempts = 0, last_error = null, parked_at = null";

    @Inject
    InstantSource clock;

    @Inject
    TimerPoller poller;

    @Inject
    ObjectMapper mapper;

    /** Makes every timer {@code (kind, key)} due at {@code dueAt}. Inside the transaction of the change. */
    public Uni<Void> scheduleAll(String kind, List<String> keys, Instant dueAt) {
        if (keys.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        if (dueAt == null) {
            throw new IllegalArgumentException("A timer needs a due time");
        }
        ArrayNode rows = mapper.createArrayNode();
        for (String key : keys) {
            if (key == null || key.isBlank() || key.length() > 200) {
                throw new IllegalArgumentException("A timer's key must be 1..200 characters");
            }
            rows.addObject().put("id", UUID.randomUUID().toString()).put("k", key);
        }
        Instant due = dueAt.truncatedTo(ChronoUnit.MICROS);
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(UPSERT)
                        .setParameter(1, mapper.createObjectNode().put("kind", kind).put("due", due.toString())
                                .put("at", clock.instant().truncatedTo(ChronoUnit.MICROS).toString()).toString())
                        .setParameter(2, rows.toString())
                        .executeUpdate())
                .invoke(() -> poller.scheduled(due))
                .replaceWithVoid();
    }
}
