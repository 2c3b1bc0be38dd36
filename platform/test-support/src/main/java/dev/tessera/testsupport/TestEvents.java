package dev.tessera.testsupport;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Real-Kafka helpers for service tests: publish a CloudEvent as another service would, wait for an
 * event a service published, and wait until a consumer has recorded an event as processed.
 */
public final class TestEvents {

    private TestEvents() {
    }

    public static void publish(String topic, String type, String key, String payload) {
        publish(topic, type, key, payload, UUID.randomUUID().toString());
    }

    /** Publishes with a given CloudEvent id, so a test can send the very same event twice. */
    public static void publish(String topic, String type, String key, String payload, String eventId) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
                new StringSerializer())) {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, payload);
            header(record, "ce_specversion", "1.0");
            header(record, "ce_id", eventId);
            header(record, "ce_type", type);
            header(record, "ce_source", "/tessera/test");
            header(record, "ce_subject", key);
            header(record, "ce_time", Instant.now().toString());
            header(record, "content-type", "application/json");
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("Could not publish to " + topic, e);
        }
    }

    /** Waits (bounded) for an event of the given type and key on a topic, reading from the beginning. */
    public static ConsumerRecord<String, String> awaitEvent(String topic, String type, String key) {
        return awaitEvents(topic, type, key, 1).get(0);
    }

    /** Waits until at least {@code count} matching events are seen, then returns all matching ones seen. */
    public static List<ConsumerRecord<String, String>> awaitEvents(String topic, String type, String key, int count) {
        List<ConsumerRecord<String, String>> seen = new CopyOnWriteArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer()) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(record.key()) && type.equals(header(record, "ce_type").orElse(null))) {
                        seen.add(record);
                    }
                }
                return seen.size() >= count;
            });
            return List.copyOf(seen);
        }
    }

    /** All events of a type and key currently on a topic (reads to the end, then stops). */
    public static List<ConsumerRecord<String, String>> eventsNow(String topic, String type, String key) {
        List<ConsumerRecord<String, String>> seen = new CopyOnWriteArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer()) {
            consumer.subscribe(List.of(topic));
            int emptyPolls = 0;
            Instant deadline = Instant.now().plusSeconds(20);
            while (emptyPolls < 3 && Instant.now().isBefore(deadline)) {
                var records = consumer.poll(Duration.ofMillis(300));
                if (records.isEmpty() && !consumer.assignment().isEmpty()) {
                    emptyPolls++;
                }
                for (ConsumerRecord<String, String> record : records) {
                    if (key.equals(record.key()) && type.equals(header(record, "ce_type").orElse(null))) {
                        seen.add(record);
                    }
                }
            }
            return List.copyOf(seen);
        }
    }

    /** Waits until the named consumer has recorded the event id in its processed_event table. */
    public static void awaitProcessed(String consumerName, String eventId) {
        await().atMost(Duration.ofSeconds(20)).until(() -> isProcessed(consumerName, eventId));
    }

    public static boolean isProcessed(String consumerName, String eventId) throws SQLException {
        Config config = ConfigProvider.getConfig();
        try (Connection connection = DriverManager.getConnection(
                config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class));
                PreparedStatement query = connection.prepareStatement(
                        "select 1 from processed_event where consumer = ? and event_id = ?")) {
            query.setString(1, consumerName);
            query.setString(2, eventId);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    public static Optional<String> header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? Optional.empty() : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }

    private static KafkaConsumer<String, String> consumer() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    }

    private static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
