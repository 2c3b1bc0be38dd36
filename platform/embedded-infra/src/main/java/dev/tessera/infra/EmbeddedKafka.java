package dev.tessera.infra;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;

/**
 * A single-node KRaft Kafka broker running inside this JVM: the real broker, not a stand-in.
 * A data directory that is already formatted is reused, so a restart keeps topics and offsets.
 */
public final class EmbeddedKafka implements AutoCloseable {

    /** Every listener binds to, and is advertised on, the loopback address only: nothing off this machine reaches it. */
    public static final String BIND_ADDRESS = "127.0.0.1";

    private final Path dataDir;
    private final int brokerPort;
    private final int controllerPort;
    private final boolean deleteOnClose;
    private KafkaRaftServer server;
    private int saslPort;
    private String saslUser;
    private String saslPassword;

    /** A broker keeping its data in {@code dataDir}; a port of 0 means a free one. */
    public EmbeddedKafka(Path dataDir, int brokerPort, int controllerPort) {
        this(dataDir, brokerPort, controllerPort, false);
    }

    private EmbeddedKafka(Path dataDir, int brokerPort, int controllerPort, boolean deleteOnClose) {
        this.dataDir = dataDir.toAbsolutePath();
        // Chosen once, so that start() after close() comes back on the same ports.
        this.brokerPort = brokerPort == 0 ? Ports.free() : brokerPort;
        this.controllerPort = controllerPort == 0 ? Ports.free() : controllerPort;
        this.deleteOnClose = deleteOnClose;
    }

    /** A broker on free ports with a throw-away data directory, deleted on close. */
    public static EmbeddedKafka temporary() throws IOException {
        return new EmbeddedKafka(Files.createTempDirectory("tessera-kafka"), 0, 0, true);
    }

    /**
     * Adds a second listener that only admits {@code user} with {@code password} over SASL/PLAIN
     * (like a secured production listener), for testing clients' security settings. Call before
     * {@link #start()}; its address is {@link #saslBootstrapServers()}.
     */
    public synchronized EmbeddedKafka withSaslPlainListener(String user, String password) {
        if (server != null) {
            throw new IllegalStateException("add the SASL listener before start()");
        }
        this.saslPort = Ports.free();
        this.saslUser = user;
        this.saslPassword = password;
        return this;
    }

    public String saslBootstrapServers() {
        if (saslPort == 0) {
            throw new IllegalStateException("no SASL listener: call withSaslPlainListener first");
        }
        return BIND_ADDRESS + ":" + saslPort;
    }

    public synchronized EmbeddedKafka start() throws IOException {
        if (server != null) {
            return this;
        }
        Files.createDirectories(dataDir);
        Properties props = config();
        Path configFile = dataDir.resolve("server.properties");
        try (OutputStream out = Files.newOutputStream(configFile)) {
            props.store(out, "Tessera embedded Kafka");
        }
        // A formatted directory carries its cluster id; formatting again would clash with it.
        if (!Files.exists(logDir().resolve("meta.properties"))) {
            format(configFile);
        }
        KafkaRaftServer started = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        started.startup();
        server = started;
        try {
            awaitReady();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        return this;
    }

    public String bootstrapServers() {
        return BIND_ADDRESS + ":" + brokerPort;
    }

    public int brokerPort() {
        return brokerPort;
    }

    public int controllerPort() {
        return controllerPort;
    }

    public Path dataDir() {
        return dataDir;
    }

    /**
     * Runs the broker as a JVM of its own, until that JVM is stopped (SIGTERM closes the broker cleanly;
     * {@code kill -9} is a crash it recovers from on the next start) or the process that started it
     * exits. Arguments: data directory, broker port, controller port. Prints {@link #READY} and the
     * bootstrap address once the broker answers.
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: EmbeddedKafka <data dir> <broker port> <controller port>");
            System.exit(2);
        }
        EmbeddedKafka kafka = new EmbeddedKafka(Path.of(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]));
        java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            kafka.close();
            stopped.countDown();
        }, "embedded-kafka-shutdown"));
        // Its starter gone (even by kill -9), nobody would ever stop it: it leaves as well.
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> System.exit(0)));
        kafka.start();
        System.out.println(READY + " " + kafka.bootstrapServers());
        System.out.flush();
        stopped.await();
    }

    /** What {@link #main(String[])} prints once the broker answers. */
    public static final String READY = "EmbeddedKafka ready on";

    /** Creates the topics that do not exist yet; existing ones are left as they are. */
    public void createTopics(Collection<String> names, int partitions) {
        createTopics(bootstrapServers(), names, partitions);
    }

    /** Creates the topics that do not exist yet on the broker at {@code bootstrap}. */
    public static void createTopics(String bootstrap, Collection<String> names, int partitions) {
        createTopics(bootstrap, names, partitions, java.util.Map.of());
    }

    /**
     * Creates the topics that do not exist yet as compacted ones ({@code cleanup.policy=compact}: the latest
     * record per key is kept, e.g. {@code tessera.pim.roles}); existing ones are left as they are.
     */
    public static void createCompactedTopics(String bootstrap, Collection<String> names, int partitions) {
        createTopics(bootstrap, names, partitions, java.util.Map.of("cleanup.policy", "compact"));
    }

    private static void createTopics(String bootstrap, Collection<String> names, int partitions,
            java.util.Map<String, String> configs) {
        try (Admin admin = admin(bootstrap)) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = names.stream().distinct().filter(n -> !existing.contains(n))
                    .map(n -> new NewTopic(n, partitions, (short) 1).configs(configs)).toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).values().forEach((name, created) -> awaitCreated(name, created));
            }
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Could not list topics on " + bootstrap, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topics", e);
        }
    }

    private static void awaitCreated(String name, org.apache.kafka.common.KafkaFuture<Void> created) {
        try {
            created.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            // Auto-creation by a client racing with us is fine: the topic is there either way.
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Could not create topic " + name, e.getCause());
            }
        } catch (Exception e) {
            throw new IllegalStateException("Could not create topic " + name, e);
        }
    }

    /** Stops the broker cleanly (a later start() on the same directory keeps the data). */
    @Override
    public synchronized void close() {
        if (server != null) {
            try {
                server.shutdown();
                server.awaitShutdown();
            } finally {
                server = null;
            }
        }
        if (deleteOnClose) {
            Dirs.deleteRecursively(dataDir);
        }
    }

    private Path logDir() {
        return dataDir.resolve("logs");
    }

    private Properties config() {
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.voters", "1@" + BIND_ADDRESS + ":" + controllerPort);
        props.put("listeners", "PLAINTEXT://" + BIND_ADDRESS + ":" + brokerPort + ",CONTROLLER://" + BIND_ADDRESS + ":" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://" + BIND_ADDRESS + ":" + brokerPort);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("log.dirs", logDir().toString());
        props.put("num.partitions", "3");
        props.put("default.replication.factor", "1");
        props.put("auto.create.topics.enable", "true");
        props.put("offsets.topic.replication.factor", "1");
        // Fewer than the default 50 partitions: the first consumer group starts in well under a second.
        props.put("offsets.topic.num.partitions", "5");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "5");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        // Without this a new consumer group waits 3 s before its first assignment.
        props.put("group.initial.rebalance.delay.ms", "0");
        if (saslPort != 0) {
            props.put("listeners", props.get("listeners") + ",SASL_PLAINTEXT://" + BIND_ADDRESS + ":" + saslPort);
            props.put("advertised.listeners", props.get("advertised.listeners") + ",SASL_PLAINTEXT://" + BIND_ADDRESS + ":" + saslPort);
            props.put("listener.security.protocol.map", props.get("listener.security.protocol.map") + ",SASL_PLAINTEXT:SASL_PLAINTEXT");
            props.put("listener.name.sasl_plaintext.sasl.enabled.mechanisms", "PLAIN");
            props.put("listener.name.sasl_plaintext.plain.sasl.jaas.config",
                    "org.apache.kafka.common.security.plain.PlainLoginModule required user_" + saslUser + "=\"" + saslPassword + "\";");
        }
        return props;
    }

    private void format(Path configFile) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        String clusterId = Uuid.randomUuid().toString();
        // execute(), not main(): main() calls System.exit.
        String[] args = {"format", "-t", clusterId, "-c", configFile.toString(), "--ignore-formatted"};
        int exit;
        try {
            exit = StorageTool.execute(args, new PrintStream(output, true, StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException("Formatting Kafka storage failed: " + output, e);
        }
        if (exit != 0) {
            throw new IllegalStateException("Formatting Kafka storage failed: " + output);
        }
    }

    private void awaitReady() {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        try (Admin admin = admin(bootstrapServers())) {
            while (!answers(admin)) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("Kafka did not become ready on " + bootstrapServers());
                }
            }
        }
    }

    /** Whether the broker behind {@code admin} describes its cluster within two seconds. */
    public static boolean answers(Admin admin) {
        try {
            admin.describeCluster().nodes().get(2, TimeUnit.SECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Kafka", e);
        } catch (Exception e) {
            return false;
        }
    }

    /** An admin client with short timeouts, for readiness checks and topic creation. */
    public static Admin admin(String bootstrap) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        return Admin.create(props);
    }
}
