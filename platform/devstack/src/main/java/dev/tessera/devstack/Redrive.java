package dev.tessera.devstack;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.ArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends dead-lettered events back to the topic they failed on, once the cause is fixed
 * (docs/operations.md). Each event keeps its key, body and CloudEvents headers — above all its
 * {@code ce_id}: the failed attempt was rolled back, so the consumer has no record of it and
 * processes it now, while an event that did get processed meanwhile is skipped as a duplicate.
 * The {@code dead-letter-*} headers are dropped and {@code tessera-redriven-from} added. The
 * consumer group {@code tessera-redrive} remembers how far it got, so a second run sends only
 * what was dead-lettered since.
 *
 * <p>Where an event goes is fixed: {@code <topic>.dlq} back to {@code <topic>}, for Tessera's own
 * topics only ({@link #ORIGINS}). The {@code dead-letter-topic} header is not trusted to choose: whoever
 * may write a dead-letter topic could otherwise have the re-drive (which may write every origin topic)
 * forge, say, a PIM command. An event whose header names another topic is refused: counted, reported
 * with its position, and left where it is.
 */
final class Redrive {

    static final String GROUP = "tessera-redrive";
    static final String ORIGIN_HEADER = "dead-letter-topic";
    static final String REDRIVEN_FROM = "tessera-redriven-from";

    /** Each dead-letter topic and the one topic its events go back to. */
    static final Map<String, String> ORIGINS = LocalStack.TOPICS.stream()
            .collect(java.util.stream.Collectors.toUnmodifiableMap(topic -> topic + ".dlq", topic -> topic));

    /** What a run did: events sent per topic, and the positions of the events it refused to send. */
    record Outcome(Map<String, Integer> sent, List<String> refused) {
    }

    private Redrive() {
    }

    /** Re-drives everything waiting in {@code deadLetterTopic} to the topic it belongs to. */
    static Outcome run(String bootstrap, String deadLetterTopic, PrintStream out) {
        return run(bootstrap, new Properties(), deadLetterTopic, out);
    }

    /** The topic a dead-letter topic's events go back to; refused for anything but Tessera's dead-letter topics. */
    static String originOf(String deadLetterTopic) {
        String origin = ORIGINS.get(deadLetterTopic);
        if (origin == null) {
            throw new IllegalArgumentException("'" + deadLetterTopic + "' is not one of Tessera's dead-letter topics: "
                    + new java.util.TreeSet<>(ORIGINS.keySet()));
        }
        return origin;
    }

    /**
     * As {@link #run(String, String, PrintStream)}, with Kafka client settings (security.protocol,
     * sasl.*, ssl.*, timeouts) applied to both the consumer and the producer; the settings that make
     * the re-drive safe (group, manual commits, idempotent acks=all, byte serializers) cannot be changed.
     */
    static Outcome run(String bootstrap, Properties clientSettings, String deadLetterTopic, PrintStream out) {
        String origin = originOf(deadLetterTopic);
        Map<String, Integer> sent = new TreeMap<>();
        List<String> refused = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig(bootstrap, clientSettings));
                KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig(bootstrap, clientSettings))) {
            consumer.subscribe(List.of(deadLetterTopic));
            int emptyPolls = 0;
            // Two quiet polls in a row: the group has its partitions and nothing more is waiting.
            while (emptyPolls < 2) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofSeconds(3));
                if (records.isEmpty()) {
                    emptyPolls++;
                    continue;
                }
                emptyPolls = 0;
                List<Future<RecordMetadata>> sends = new ArrayList<>();
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    if (!claimsOrigin(record, origin)) {
                        refused.add(record.topic() + "/" + record.partition() + "/" + record.offset());
                        continue;
                    }
                    sends.add(producer.send(new ProducerRecord<>(origin, null, record.key(), record.value(),
                            headers(record))));
                    sent.merge(origin, 1, Integer::sum);
                }
                for (Future<RecordMetadata> send : sends) {
                    send.get();
                }
                // Only after every send is acknowledged: a crash re-drives again rather than loses.
                consumer.commitSync();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("Re-driving " + deadLetterTopic + " failed: " + e.getCause().getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while re-driving " + deadLetterTopic, e);
        }
        if (sent.isEmpty() && refused.isEmpty()) {
            out.println("Nothing waiting in " + deadLetterTopic + ".");
        }
        sent.forEach((topic, count) -> out.println("Re-drove " + count + " event(s) from " + deadLetterTopic + " to " + topic + "."));
        if (!refused.isEmpty()) {
            out.println("Refused " + refused.size() + " event(s) in " + deadLetterTopic + " whose " + ORIGIN_HEADER
                    + " header names a topic other than " + origin + "; not re-driven, left at (topic/partition/offset) "
                    + String.join(", ", refused) + ".");
        }
        return new Outcome(sent, List.copyOf(refused));
    }

    /** No {@code dead-letter-topic} header, or one naming the origin: anything else is not re-driven. */
    static boolean claimsOrigin(ConsumerRecord<byte[], byte[]> record, String origin) {
        Header header = record.headers().lastHeader(ORIGIN_HEADER);
        if (header == null || header.value() == null || header.value().length == 0) {
            return true;
        }
        return origin.equals(new String(header.value(), StandardCharsets.UTF_8));
    }

    static RecordHeaders headers(ConsumerRecord<byte[], byte[]> record) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.headers()) {
            if (!header.key().startsWith("dead-letter-")) {
                headers.add(header);
            }
        }
        headers.add(REDRIVEN_FROM, (record.topic() + "/" + record.partition() + "/" + record.offset())
                .getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    /** The client settings of a {@code --command-config} file; none without one. */
    static Properties clientSettings(Path commandConfig) {
        Properties props = new Properties();
        if (commandConfig == null) {
            return props;
        }
        try (Reader in = Files.newBufferedReader(commandConfig, StandardCharsets.UTF_8)) {
            props.load(in);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("--command-config: no such file " + commandConfig);
        } catch (IOException e) {
            throw new UncheckedIOException("--command-config: cannot read " + commandConfig, e);
        }
        return props;
    }

    static Properties consumerConfig(String bootstrap, Properties clientSettings) {
        Properties props = new Properties();
        props.putAll(clientSettings);
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, GROUP + "-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return props;
    }

    static Properties producerConfig(String bootstrap, Properties clientSettings) {
        Properties props = new Properties();
        props.putAll(clientSettings);
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return props;
    }
}
