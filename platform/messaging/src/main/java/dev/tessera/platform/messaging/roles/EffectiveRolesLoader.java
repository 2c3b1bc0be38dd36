package dev.tessera.platform.messaging.roles;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.platform.messaging.events.EffectiveRolesChanged;
import dev.tessera.platform.messaging.events.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Fills this service's {@link EffectiveRolesView} from {@value Topics#PIM_ROLES} (docs/pim.md, "Where a
 * caller's roles come from"): at start it makes sure the topic exists compacted, reads it whole with a
 * plain consumer (all partitions assigned, from the beginning, no consumer group) and marks the view ready
 * once it reached the end offsets it saw at start; then it keeps following the topic on its own thread.
 * When Kafka is away it keeps the view it has, backs off and reconnects; it never stops the service.
 */
@ApplicationScoped
public class EffectiveRolesLoader {

    private static final Logger LOG = Logger.getLogger(EffectiveRolesLoader.class);

    /** Partitions of the topic when this service has to create it (the local stack's other topics have 3). */
    static final int PARTITIONS = 3;

    /** How often the loader looks for partitions added to the topic (a Kafka outage also shows there). */
    static final Duration PARTITION_CHECK = Duration.ofSeconds(30);

    @Inject
    EffectiveRolesView view;

    @Inject
    ObjectMapper mapper;

    @Inject
    InstantSource clock;

    @Inject
    MeterRegistry registry;

    /** The service's {@code kafka.*} settings (bootstrap servers, SASL/TLS), as SmallRye Kafka's channels get them. */
    @Inject
    @Identifier("default-kafka-broker")
    Instance<Map<String, Object>> kafkaConfig;

    @ConfigProperty(name = "tessera.roles-view.enabled", defaultValue = "true")
    boolean enabled;

    @ConfigProperty(name = "tessera.roles-view.topic", defaultValue = Topics.PIM_ROLES)
    String topic;

    @ConfigProperty(name = "tessera.roles-view.poll-interval", defaultValue = "PT0.1S")
    Duration pollInterval;

    @ConfigProperty(name = "tessera.roles-view.max-backoff", defaultValue = "PT10S")
    Duration maxBackoff;

    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong lastAppliedAtMillis = new AtomicLong();
    private final AtomicLong lastChangedAtMillis = new AtomicLong();
    private volatile boolean running;
    private volatile KafkaConsumer<String, String> consumer;
    private Thread thread;
    private Counter appliedCounter;

    void onStart(@Observes StartupEvent event) {
        if (!enabled) {
            LOG.warn("tessera.roles-view.enabled=false: Tessera's role state is not read; only tokens' wids count");
            view.ready(true);
            return;
        }
        view.ready(false);
        appliedCounter = Counter.builder("tessera.roles.view.applied")
                .description("Effective-roles records applied to this service's view of Tessera's role state")
                .register(registry);
        Gauge.builder("tessera.roles.view.ready", view, v -> v.isReady() ? 1 : 0)
                .description("1 once the roles view has read tessera.pim.roles up to its end at start").register(registry);
        Gauge.builder("tessera.roles.view.principals", view, v -> v.size())
                .description("Principals with roles in this service's view").register(registry);
        Gauge.builder("tessera.roles.view.last.applied.age", lastAppliedAtMillis,
                        at -> at.get() == 0 ? 0 : Math.max(0, clock.millis() - at.get()) / 1000.0)
                .baseUnit("seconds").description("Time since the roles view last applied a record").register(registry);
        Gauge.builder("tessera.roles.view.lag", this, loader -> loader.lastLagMillis() / 1000.0)
                .baseUnit("seconds")
                .description("For the latest record applied: its arrival here minus the change time it carries (staleness)")
                .register(registry);
        startFollowing();
    }

    /**
     * A loader with a view of its own, outside CDI: a second reader of the same topic (a test that a
     * fresh instance rebuilds the state, a tool). {@code kafka} holds Kafka client settings
     * ({@code bootstrap.servers}, …). Call {@link #stop()} when done.
     */
    public static EffectiveRolesLoader standalone(Map<String, Object> kafka, ObjectMapper mapper, InstantSource clock) {
        EffectiveRolesLoader loader = new EffectiveRolesLoader();
        loader.view = new EffectiveRolesView();
        loader.mapper = mapper;
        loader.clock = clock;
        loader.standaloneConfig = Map.copyOf(kafka);
        loader.enabled = true;
        loader.topic = Topics.PIM_ROLES;
        loader.pollInterval = Duration.ofMillis(100);
        loader.maxBackoff = Duration.ofSeconds(10);
        loader.startFollowing();
        return loader;
    }

    /** The view this loader fills. */
    public EffectiveRolesView view() {
        return view;
    }

    private Map<String, Object> standaloneConfig;

    private void startFollowing() {
        running = true;
        thread = new Thread(this::run, "tessera-roles-view");
        thread.setDaemon(true);
        thread.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    /** Stops following the topic (the view keeps what it has). */
    public void stop() {
        running = false;
        KafkaConsumer<String, String> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (thread != null) {
            thread.interrupt(); // out of a backoff sleep at once
            try {
                thread.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** How many records this service applied (including ones older than what it held). */
    public long applied() {
        return applied.get();
    }

    private final AtomicLong lastLag = new AtomicLong();

    long lastLagMillis() {
        return lastLag.get();
    }

    private void run() {
        Duration backoff = Duration.ofMillis(200);
        while (running) {
            try {
                ensureCompactedTopic();
                follow();
                backoff = Duration.ofMillis(200);
            } catch (WakeupException e) {
                if (!running) {
                    break;
                }
            } catch (RuntimeException e) {
                if (!running) {
                    break;
                }
                LOG.warnf("Roles view: %s is not readable (%s); the view keeps what it has, retrying in %s",
                        topic, e.toString(), backoff);
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
            }
        }
    }

    /** Reads the topic from its beginning up to the end offsets of now (ready), then follows it. */
    private void follow() {
        try (KafkaConsumer<String, String> kafka = new KafkaConsumer<>(consumerConfig())) {
            consumer = kafka;
            if (!running) {
                return;
            }
            List<PartitionInfo> infos = kafka.partitionsFor(topic, Duration.ofSeconds(10));
            if (infos == null || infos.isEmpty()) {
                throw new IllegalStateException("topic " + topic + " has no partitions yet");
            }
            List<TopicPartition> partitions = new ArrayList<>();
            infos.forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
            kafka.assign(partitions);
            kafka.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = kafka.endOffsets(partitions, Duration.ofSeconds(10));
            long nextPartitionCheck = System.nanoTime() + PARTITION_CHECK.toNanos();
            while (running) {
                for (ConsumerRecord<String, String> record : kafka.poll(pollInterval)) {
                    apply(record);
                }
                if (!view.isReady() && reached(kafka, ends)) {
                    view.ready(true);
                    LOG.infof("Roles view ready: %d principals read from %s", view.size(), topic);
                }
                if (System.nanoTime() - nextPartitionCheck > 0) {
                    nextPartitionCheck = System.nanoTime() + PARTITION_CHECK.toNanos();
                    if (kafka.partitionsFor(topic, Duration.ofSeconds(10)).size() != partitions.size()) {
                        return; // partitions were added: assign them all again
                    }
                }
            }
        } finally {
            consumer = null;
        }
    }

    private static boolean reached(KafkaConsumer<String, String> kafka, Map<TopicPartition, Long> ends) {
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            if (kafka.position(end.getKey(), Duration.ofSeconds(10)) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    void apply(ConsumerRecord<String, String> record) {
        applied.incrementAndGet();
        if (appliedCounter != null) {
            appliedCounter.increment();
        }
        lastAppliedAtMillis.set(clock.millis());
        if (record.value() == null) {
            // a tombstone: the principal holds nothing in Tessera (a compacted topic forgets deleted keys)
            if (record.key() != null && isGuid(record.key())) {
                view.forget(UUID.fromString(record.key()));
            }
            return;
        }
        try {
            EffectiveRolesChanged state = mapper.readValue(record.value(), EffectiveRolesChanged.class);
            view.apply(state);
            if (state.changedAt() != null) {
                lastChangedAtMillis.set(state.changedAt().toEpochMilli());
                lastLag.set(Math.max(0, clock.millis() - state.changedAt().toEpochMilli()));
            }
        } catch (Exception e) {
            LOG.errorf("Roles view: record %s/%d@%d is not an effective-roles state and is skipped: %s",
                    record.topic(), record.partition(), record.offset(), e.getMessage());
        }
    }

    /** Creates the topic compacted when it is missing; makes an existing one compacted if it is not. */
    void ensureCompactedTopic() {
        try (Admin admin = Admin.create(adminConfig())) {
            Set<String> existing = admin.listTopics().names().get(10, TimeUnit.SECONDS);
            if (!existing.contains(topic)) {
                try {
                    admin.createTopics(List.of(new NewTopic(topic, java.util.Optional.of(PARTITIONS),
                                    java.util.Optional.empty())
                                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))))
                            .all().get(10, TimeUnit.SECONDS);
                    LOG.infof("Created the compacted topic %s", topic);
                    return;
                } catch (java.util.concurrent.ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            Config config = admin.describeConfigs(List.of(resource)).all().get(10, TimeUnit.SECONDS).get(resource);
            ConfigEntry policy = config == null ? null : config.get(TopicConfig.CLEANUP_POLICY_CONFIG);
            if (policy == null || !policy.value().contains(TopicConfig.CLEANUP_POLICY_COMPACT)) {
                admin.incrementalAlterConfigs(Map.of(resource, List.of(new AlterConfigOp(
                                new ConfigEntry(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT),
                                AlterConfigOp.OpType.SET))))
                        .all().get(10, TimeUnit.SECONDS);
                LOG.warnf("Topic %s was not compacted (cleanup.policy=%s); set cleanup.policy=compact", topic,
                        policy == null ? "?" : policy.value());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (Exception e) {
            // a Kafka user without the right to create or alter topics (deploy/ declares the topic) reads it all the same
            LOG.debugf("Roles view: could not check that %s is compacted: %s", topic, e.getMessage());
            if (e instanceof org.apache.kafka.common.errors.TimeoutException
                    || e instanceof java.util.concurrent.TimeoutException) {
                throw new IllegalStateException("Kafka did not answer", e);
            }
        }
    }

    private Map<String, Object> clientConfig() {
        Map<String, Object> config = new HashMap<>();
        if (standaloneConfig != null) {
            config.putAll(standaloneConfig);
        } else if (kafkaConfig.isResolvable()) {
            config.putAll(kafkaConfig.get());
        }
        config.keySet().removeIf(key -> !key.contains(".") || key.startsWith("devservices") || key.startsWith("health"));
        return config;
    }

    private Map<String, Object> adminConfig() {
        Map<String, Object> config = new HashMap<>();
        clientConfig().forEach((key, value) -> {
            if (AdminClientConfig.configNames().contains(key)) {
                config.put(key, value);
            }
        });
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "tessera-roles-view-admin-" + UUID.randomUUID());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        return config;
    }

    private Map<String, Object> consumerConfig() {
        Map<String, Object> config = new HashMap<>();
        clientConfig().forEach((key, value) -> {
            if (ConsumerConfig.configNames().contains(key)) {
                config.put(key, value);
            }
        });
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "tessera-roles-view-" + UUID.randomUUID());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
        return config;
    }

    private void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private static boolean isGuid(String text) {
        try {
            UUID.fromString(text);
            return text.length() == 36;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** When the latest applied record's change happened (for the staleness measurement); null before any. */
    public Instant lastChangedAt() {
        long at = lastChangedAtMillis.get();
        return at == 0 ? null : Instant.ofEpochMilli(at);
    }
}
