package dev.tessera.platform.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/** A received CloudEvent (Kafka binary mode): the ce_* headers and the JSON body. */
public record EventEnvelope(String id, String type, String source, String subject, String key, String body) {

    public static EventEnvelope from(ConsumerRecord<String, String> record) {
        String id = header(record, CloudEventHeaders.ID);
        String type = header(record, CloudEventHeaders.TYPE);
        if (id == null || type == null) {
            throw new PoisonEventException("Record at " + record.topic() + "/" + record.partition() + "@"
                    + record.offset() + " is not a CloudEvent (ce_id or ce_type missing)");
        }
        if (record.value() == null) {
            throw new PoisonEventException("Event " + id + " has no body");
        }
        return new EventEnvelope(id, type, header(record, CloudEventHeaders.SOURCE),
                header(record, CloudEventHeaders.SUBJECT), record.key(), record.value());
    }

    public <T> T payload(ObjectMapper mapper, Class<T> type) {
        try {
            return mapper.readValue(body, type);
        } catch (IOException e) {
            throw new PoisonEventException("Event " + id + " of type " + this.type + " has an unreadable body: "
                    + e.getMessage());
        }
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
