package dev.tessera.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The real broker: start, idempotent topic creation, produce/consume, restart on the same data. */
class EmbeddedKafkaTest {

    @Test
    void keepsTopicsAndRecordsAcrossARestartOnTheSameDirectory() throws Exception {
        Path dir = Files.createTempDirectory("kafka-test");
        int broker = Ports.free();
        int controller = Ports.free();
        try (EmbeddedKafka kafka = new EmbeddedKafka(dir, broker, controller).start()) {
            kafka.createTopics(List.of("tessera.test.events", "tessera.test.events.dlq"), 3);
            kafka.createTopics(List.of("tessera.test.events"), 3); // a second call changes nothing
            assertEquals(3, partitions(kafka, "tessera.test.events"));
            produce(kafka, "tessera.test.events", "k1", "first");
            assertEquals(List.of("first"), consumeAll(kafka, "tessera.test.events", 1));
        }
        try (EmbeddedKafka again = new EmbeddedKafka(dir, broker, controller).start()) {
            assertEquals(3, partitions(again, "tessera.test.events"));
            assertEquals(List.of("first"), consumeAll(again, "tessera.test.events", 1));
        } finally {
            Dirs.deleteRecursively(dir);
        }
    }

    @Test
    void createsCompactedTopicsAndLeavesExistingOnesAlone() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.temporary().start();
                Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            EmbeddedKafka.createCompactedTopics(kafka.bootstrapServers(), List.of("tessera.test.state"), 3);
            EmbeddedKafka.createCompactedTopics(kafka.bootstrapServers(), List.of("tessera.test.state"), 3);
            assertEquals(3, partitions(kafka, "tessera.test.state"));
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, "tessera.test.state");
            Config config = admin.describeConfigs(List.of(topic)).all().get().get(topic);
            assertEquals("compact", config.get("cleanup.policy").value());
        }
    }

    @Test
    void listensAndAdvertisesOnTheLoopbackAddressOnly() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.temporary().withSaslPlainListener("u", "p").start();
                Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, "1");
            Config config = admin.describeConfigs(List.of(broker)).all().get().get(broker);
            for (String name : List.of("listeners", "advertised.listeners")) {
                String value = config.get(name).value();
                for (String listener : value.split(",")) {
                    assertTrue(listener.matches("[A-Z_]+://127\\.0\\.0\\.1:\\d+"), name + ": " + listener);
                }
            }
            assertTrue(kafka.bootstrapServers().startsWith("127.0.0.1:"));
            LoopbackOnly.assertUnreachableFromOtherAddresses(kafka.brokerPort());
            LoopbackOnly.assertUnreachableFromOtherAddresses(kafka.controllerPort());
        }
    }

    static int partitions(EmbeddedKafka kafka, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
        }
    }

    static void produce(EmbeddedKafka kafka, String topic, String key, String value) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }

    static List<String> consumeAll(EmbeddedKafka kafka, String topic, int expected) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plusSeconds(30);
            while (values.size() < expected && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
        }
        return values;
    }
}
