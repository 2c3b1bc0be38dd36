package dev.tessera.platform.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Records an event in the caller's database transaction. Nothing is sent here: the
 * {@link OutboxRelay} publishes committed rows, so an event exists if and only if its state change
 * committed.
 *
 * <p>Rows are written with native SQL, not as managed entities: an entity per event would be
 * dirty-checked by every later auto-flush of a poll-sized transaction. {@link #publishAll} writes
 * many events in one statement, in list order (their {@code position}s follow it).
 */
@ApplicationScoped
public class Outbox {

    /** The rows travel as one JSON array (one parameter, one statement plan whatever the count). */
    static final String INSERT = "insert into outbox_event (id, topic, event_key, event_type, source, subject, "
            + "payload, created_at, traceparent) "
            + "select r.id, r.topic, r.event_key, r.event_type, r.source, r.subject, r.payload, r.created_at, "
            + "r.traceparent from json_to_recordset(cast(cast(?1 as text) as json)) "
            + "as r(id uuid, topic text, event_key text, event_type text, source text, subject text, payload text, "
            + "created_at timestamptz, traceparent text, ord bigint) order by r.ord";

    /** One event to record: the topic, its type, the record key (aggregate id, also the subject) and the payload. */
    public record Pending(String topic, String type, String key, Object payload) {
    }

    @Inject
    ObjectMapper mapper;

    @Inject
    InstantSource clock;

    @Inject
    OutboxRelay relay;

    @ConfigProperty(name = "quarkus.application.name", defaultValue = "tessera")
    String source;

    /** Must run inside the transaction that makes the change the event reports. */
    public Uni<Void> publish(String topic, String type, String key, Object payload) {
        return publishAll(List.of(new Pending(topic, type, key, payload)));
    }

    /**
     * Records the events in one statement, in list order, exactly as {@link #publish} would one by one.
     * Must run inside the transaction that makes the changes the events report.
     */
    public Uni<Void> publishAll(List<Pending> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String rows = rows(events);
        relay.published();
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(INSERT).setParameter(1, rows).executeUpdate())
                .replaceWithVoid();
    }

    private String rows(List<Pending> events) {
        // the database keeps microseconds: what was stored through the entity before
        Instant createdAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String traceparent = TraceContext.currentTraceparent();
        List<Map<String, Object>> rows = new ArrayList<>(events.size());
        for (Pending event : events) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("ord", rows.size());
            row.put("id", UUID.randomUUID().toString());
            row.put("topic", event.topic());
            row.put("event_key", event.key());
            row.put("event_type", event.type());
            row.put("source", "/tessera/" + source);
            row.put("subject", event.key());
            row.put("payload", json(event.payload()));
            row.put("created_at", createdAt.toString());
            row.put("traceparent", traceparent);
            rows.add(row);
        }
        return json(rows);
    }

    private String json(Object payload) {
        try {
            return mapper.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Event payload cannot be serialised: " + payload.getClass(), e);
        }
    }
}
