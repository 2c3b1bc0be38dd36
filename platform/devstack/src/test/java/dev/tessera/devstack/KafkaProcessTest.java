package dev.tessera.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.infra.EmbeddedKafka;
import dev.tessera.infra.Ports;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The broker as a child JVM: kill -9 ends it for real, and a restart on the same data keeps what was written. */
class KafkaProcessTest {

    @TempDir
    Path dir;

    KafkaProcess kafka;

    @AfterEach
    void stop() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void survivesKillDashNineWithItsDataAndIsGoneAfterClose() throws Exception {
        kafka = new KafkaProcess(dir.resolve("kafka"), Ports.free(), Ports.free(), dir.resolve("kafka.log"),
                dir.resolve("run").resolve(LocalStack.KAFKA_PID_FILE));
        kafka.start(Duration.ofSeconds(90));
        EmbeddedKafka.createTopics(kafka.bootstrapServers(), List.of("drill.test"), 1);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("drill.test", "k", "before the kill")).get(30, TimeUnit.SECONDS);
        }
        long firstPid = kafka.pid().orElseThrow();
        ProcessHandle first = ProcessHandle.of(firstPid).orElseThrow();

        kafka.stop(true);

        assertFalse(first.isAlive(), "the broker JVM is gone after kill -9");
        assertFalse(kafka.isAlive());

        kafka.start(Duration.ofSeconds(90));
        assertNotEquals(firstPid, kafka.pid().orElseThrow());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "kafka-process-test",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("drill.test"));
            List<String> values = new ArrayList<>();
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> values.add(r.value()));
                return !values.isEmpty();
            });
            assertEquals(List.of("before the kill"), values);
        }

        ProcessHandle second = ProcessHandle.of(kafka.pid().orElseThrow()).orElseThrow();
        kafka.close();
        assertFalse(second.isAlive(), "close() stops the broker JVM");
        assertTrue(!dir.resolve("run").resolve(LocalStack.KAFKA_PID_FILE).toFile().exists(), "pid file removed");
    }
}
