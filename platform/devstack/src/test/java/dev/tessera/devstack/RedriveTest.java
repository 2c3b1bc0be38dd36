package dev.tessera.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.infra.EmbeddedKafka;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ./tessera redrive against a real broker: events go back with their ids, once. */
class RedriveTest {

    static EmbeddedKafka kafka;

    @BeforeAll
    static void start() throws Exception {
        kafka = EmbeddedKafka.temporary().withSaslPlainListener("operator", "op-secret").start();
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    @Test
    void deadLetteredEventsGoBackToTheirTopicWithTheirIdsAndOnlyOnce() throws Exception {
        String topic = "tessera.catalog.events";
        String dlq = topic + ".dlq";
        kafka.createTopics(List.of(topic, dlq), 1);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig())) {
            for (int i = 0; i < 3; i++) {
                RecordHeaders headers = new RecordHeaders();
                headers.add("ce_id", ("event-" + i).getBytes(StandardCharsets.UTF_8));
                headers.add("dead-letter-topic", topic.getBytes(StandardCharsets.UTF_8));
                headers.add("dead-letter-reason", "target missing".getBytes(StandardCharsets.UTF_8));
                producer.send(new ProducerRecord<>(dlq, null, "key-" + i, "{\"n\":" + i + "}", headers)).get();
            }
        }

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Map<String, Integer> sent = Redrive.run(kafka.bootstrapServers(), dlq, new PrintStream(out, true, StandardCharsets.UTF_8)).sent();
        assertEquals(Map.of(topic, 3), sent);
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("Re-drove 3 event(s) from " + dlq + " to " + topic));

        List<ConsumerRecord<String, String>> back = readAll(topic, 3);
        for (int i = 0; i < 3; i++) {
            ConsumerRecord<String, String> record = back.get(i);
            assertEquals("key-" + i, record.key());
            assertEquals("{\"n\":" + i + "}", record.value());
            assertEquals("event-" + i, new String(record.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8));
            assertNull(record.headers().lastHeader("dead-letter-reason"), "dead-letter headers are dropped");
            assertNotNull(record.headers().lastHeader(Redrive.REDRIVEN_FROM));
        }

        assertEquals(Map.of(), Redrive.run(kafka.bootstrapServers(), dlq, new PrintStream(out, true, StandardCharsets.UTF_8)).sent(),
                "a second run finds nothing new");
    }

    @Test
    void aCommandConfigFileCarriesTheSecuritySettingsOfASecuredListener(@TempDir Path dir) throws Exception {
        String topic = "tessera.directory.events";
        String dlq = topic + ".dlq";
        kafka.createTopics(List.of(topic, dlq), 1);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig())) {
            RecordHeaders headers = new RecordHeaders();
            headers.add("ce_id", "event-sasl".getBytes(StandardCharsets.UTF_8));
            producer.send(new ProducerRecord<>(dlq, null, "key", "{}", headers)).get();
        }
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

        Path wrong = dir.resolve("wrong.properties");
        Files.writeString(wrong, clientProperties("not-the-password"));
        assertThrows(AuthenticationException.class,
                () -> Redrive.run(kafka.saslBootstrapServers(), Redrive.clientSettings(wrong), dlq, out),
                "the secured listener refuses a wrong password, so the file's settings are the ones used");

        Path right = dir.resolve("client.properties");
        Files.writeString(right, clientProperties("op-secret") + "group.id=someone-elses-group\n");
        assertEquals(Map.of(topic, 1), Redrive.run(kafka.saslBootstrapServers(), Redrive.clientSettings(right), dlq, out).sent());
        assertEquals("event-sasl", new String(readAll(topic, 1).get(0).headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8));
        assertEquals(Redrive.GROUP, Redrive.consumerConfig("b:1", Redrive.clientSettings(right)).get(ConsumerConfig.GROUP_ID_CONFIG),
                "the file cannot move the re-drive to another consumer group");
        assertThrows(IllegalArgumentException.class, () -> Redrive.clientSettings(dir.resolve("missing.properties")));
    }

    @Test
    void anEventWhoseHeaderNamesAnotherTopicIsRefusedNotForwarded() throws Exception {
        String topic = "tessera.assignment.events";
        String dlq = topic + ".dlq";
        kafka.createTopics(List.of(topic, dlq, "tessera.pim.commands"), 1);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig())) {
            // whoever may write the dead-letter topic tries to have the re-drive forge a PIM command
            RecordHeaders forged = new RecordHeaders();
            forged.add("ce_id", "forged".getBytes(StandardCharsets.UTF_8));
            forged.add("ce_type", "tessera.pim.command.v1".getBytes(StandardCharsets.UTF_8));
            forged.add("dead-letter-topic", "tessera.pim.commands".getBytes(StandardCharsets.UTF_8));
            producer.send(new ProducerRecord<>(dlq, null, "role", "{\"action\":\"assign\"}", forged)).get();
            RecordHeaders honest = new RecordHeaders();
            honest.add("ce_id", "honest".getBytes(StandardCharsets.UTF_8));
            honest.add("dead-letter-topic", topic.getBytes(StandardCharsets.UTF_8));
            producer.send(new ProducerRecord<>(dlq, null, "a", "{}", honest)).get();
            RecordHeaders noHeader = new RecordHeaders();
            noHeader.add("ce_id", "no-header".getBytes(StandardCharsets.UTF_8));
            producer.send(new ProducerRecord<>(dlq, null, "b", "{}", noHeader)).get();
        }

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Redrive.Outcome outcome = Redrive.run(kafka.bootstrapServers(), dlq, new PrintStream(out, true, StandardCharsets.UTF_8));
        assertEquals(Map.of(topic, 2), outcome.sent());
        assertEquals(List.of(dlq + "/0/0"), outcome.refused());
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("Refused 1 event(s) in " + dlq), out.toString(StandardCharsets.UTF_8));
        List<String> ids = readAll(topic, 2).stream()
                .map(r -> new String(r.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8)).toList();
        assertEquals(List.of("honest", "no-header"), ids);
        assertEquals(0L, endOffset("tessera.pim.commands"), "nothing was written to the PIM command topic");
    }

    private static long endOffset(String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            TopicPartition partition = new TopicPartition(topic, 0);
            return consumer.endOffsets(List.of(partition)).get(partition);
        }
    }

    @Test
    void onlyTesserasDeadLetterTopicsAreRedriven() {
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertThrows(IllegalArgumentException.class, () -> Redrive.run(kafka.bootstrapServers(), "payroll.dlq", out));
        assertThrows(IllegalArgumentException.class, () -> Redrive.run(kafka.bootstrapServers(), "tessera.pim.commands", out));
        assertEquals("tessera.pim.events", Redrive.originOf("tessera.pim.events.dlq"));
        assertEquals(LocalStack.TOPICS.size(), Redrive.ORIGINS.size());
    }

    private static String clientProperties(String password) {
        return "security.protocol=SASL_PLAINTEXT\n"
                + "sasl.mechanism=PLAIN\n"
                + "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username=\"operator\" password=\"" + password + "\";\n";
    }

    private static List<ConsumerRecord<String, String>> readAll(String topic, int expected) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
            // anything beyond the expected would be a duplicate
            consumer.poll(Duration.ofSeconds(1)).forEach(records::add);
        }
        assertEquals(expected, records.size(), "records on " + topic);
        return records;
    }

    private static Properties producerConfig() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return props;
    }
}
