package dev.tessera.platform.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Records many events of one topic and type in the caller's transaction with one statement, as
 * {@link Outbox#publish} records one: the same columns and payload JSON, positions in list order. The rows
 * travel as one JSON parameter (the values they share as another), so the statement's text (and its plan) is the same for any number of
 * events, and no entity is created for them (a transaction holding thousands of managed outbox rows
 * pays for dirty-checking them at every later query).
 */
@ApplicationScoped
public class OutboxBatch {

    /** One event: its aggregate key (the Kafka record key and the CloudEvents subject) and payload. */
    public record Keyed(String key, Object payload) {
    }

    static final String INSERT = "insert into outbox_event "
            + "(id, topic, event_key, event_type, source, subject, payload, created_at, traceparent) "
            + "select r.id, c.topic, r.k, c.type, c.source, r.k, r.p, c.at, c.traceparent "
            + "from json_to_record(cast(cast(?1 as text) as json)) as c(topic text, type text, source text, at timestamptz, traceparent text) "
            + "cross join rows from (json_to_recordset(cast(cast(?2 as text) as json)) as (id uuid, k text, p text)) "
            + "with ordinality as r(id, k, p, n) order by r.n";

    @Inject
    ObjectMapper mapper;

    @Inject
    InstantSource clock;

    @Inject
    OutboxRelay relay;

    @ConfigProperty(name = "quarkus.application.name", defaultValue = "tessera")
    String source;

    /** Must run inside the transaction that makes the changes the events report. */
    public Uni<Void> publishAll(String topic, String type, List<Keyed> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        ArrayNode rows = mapper.createArrayNode();
        for (Keyed event : events) {
            rows.addObject().put("id", UUID.randomUUID().toString()).put("k", event.key()).put("p", json(event.payload()));
        }
        ObjectNode common = mapper.createObjectNode().put("topic", topic).put("type", type)
                .put("source", "/tessera/" + source).put("at", clock.instant().truncatedTo(ChronoUnit.MICROS).toString())
                .put("traceparent", TraceContext.currentTraceparent());
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(INSERT)
                        .setParameter(1, common.toString())
                        .setParameter(2, rows.toString())
                        .executeUpdate())
                .invoke(inserted -> {
                    if (inserted != events.size()) {
                        throw new IllegalStateException("Outbox batch wrote " + inserted + " of " + events.size()
                                + " events");
                    }
                    relay.published();
                })
                .replaceWithVoid();
    }

    private String json(Object payload) {
        try {
            return mapper.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Event payload cannot be serialised: " + payload.getClass(), e);
        }
    }
}
