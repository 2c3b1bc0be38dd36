package dev.tessera.platform.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.smallrye.reactive.messaging.TracingMetadata;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

/** The outbox keeps the writer's trace: the relay's message carries it to the Kafka connector. */
class OutboxTraceTest {

    static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void anEventWrittenInsideATraceIsSentAsPartOfIt() {
        Message<String> message = OutboxRelay.toMessage(event(TRACEPARENT));

        TracingMetadata tracing = TracingMetadata.fromMessage(message).orElseThrow();
        SpanContext parent = Span.fromContext(tracing.getCurrentContext()).getSpanContext();
        assertEquals("4bf92f3577b34da6a3ce929d0e0e4736", parent.getTraceId());
        assertEquals("00f067aa0ba902b7", parent.getSpanId());
        assertTrue(parent.isSampled());
        assertTrue(parent.isRemote());
    }

    @Test
    void anEventWrittenWithoutATraceOrWithAMalformedOneCarriesNone() {
        assertFalse(TracingMetadata.fromMessage(OutboxRelay.toMessage(event(null))).isPresent());
        assertFalse(TracingMetadata.fromMessage(OutboxRelay.toMessage(event("00-nonsense-01"))).isPresent());
    }

    @Test
    void withoutAnActiveSpanThereIsNothingToStore() {
        assertEquals(null, TraceContext.currentTraceparent());
    }

    private static OutboxEvent event(String traceparent) {
        OutboxEvent event = new OutboxEvent();
        event.id = UUID.randomUUID();
        event.topic = "tessera.test";
        event.eventKey = "k";
        event.eventType = "tessera.test.happened.v1";
        event.source = "/tessera/test";
        event.subject = "k";
        event.payload = "{}";
        event.createdAt = Instant.parse("2026-11-22T10:00:00Z");
        event.traceparent = traceparent;
        return event;
    }
}
