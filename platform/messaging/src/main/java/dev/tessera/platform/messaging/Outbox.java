package dev.tessera.platform.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.InstantSource;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Records an event in the caller's database transaction. Nothing is sent here: the
 * {@link OutboxRelay} publishes committed rows, so an event exists if and only if its state change
 * committed.
 */
@ApplicationScoped
public class Outbox {

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
        OutboxEvent event = new OutboxEvent();
        event.id = UUID.randomUUID();
        event.topic = topic;
        event.eventKey = key;
        event.eventType = type;
        event.source = "/tessera/" + source;
        event.subject = key;
        event.payload = json(payload);
        event.createdAt = clock.instant();
        event.traceparent = TraceContext.currentTraceparent();
        relay.published();
        return event.persist().replaceWithVoid();
    }

    private String json(Object payload) {
        try {
            return mapper.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Event payload cannot be serialised: " + payload.getClass(), e);
        }
    }
}
