package dev.tessera.e2e;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What a topic holds right now, read from the beginning without a consumer group: lets a test count
 * how often a fact was published ("the activation ended once").
 */
final class Events {

    /** One event: its record key, CloudEvents type and JSON body. */
    record Event(String key, String type, JsonObject body) {
    }

    private Events() {
    }

    /** Every event of {@code type} on {@code topic} whose key is {@code key}. */
    static List<Event> of(String bootstrap, String topic, String type, String key) {
        return all(bootstrap, topic).stream().filter(e -> type.equals(e.type()) && key.equals(e.key())).toList();
    }

    static List<Event> all(String bootstrap, String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<Event> events = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(10));
            while (partitions.stream().anyMatch(p -> consumer.position(p, Duration.ofSeconds(10)) < end.get(p))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    Header type = record.headers().lastHeader("ce_type");
                    events.add(new Event(record.key(), type == null ? null : new String(type.value(), StandardCharsets.UTF_8),
                            record.value() == null ? new JsonObject() : new JsonObject(record.value())));
                }
            }
        }
        return events;
    }
}
