package dev.tessera.devstack;

import dev.tessera.common.ServiceIdentity;
import dev.tessera.infra.DevKeys;
import dev.tessera.infra.EmbeddedKafka;
import dev.tessera.infra.EmbeddedPg;
import dev.tessera.infra.Ports;
import dev.tessera.infra.TokenMinter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Kafka, PostgreSQL, the four services and the gateway on localhost: what {@code ./tessera up}
 * runs, and what the end-to-end tests start with their own ports and a temporary data folder:
 *
 * <pre>
 * try (LocalStack stack = LocalStack.builder().projectRoot(root).dataDir(tmp).freePorts().start()) {
 *     given().baseUri(stack.gatewayUrl()).auth().oauth2(stack.tokenMinter().forUser(id).sign())...
 * }
 * </pre>
 */
public final class LocalStack implements AutoCloseable {

    public static final String CATALOG = "catalog-service";
    public static final String REQUEST = "request-service";
    public static final String PROVISIONING = "provisioning-service";
    public static final String PIM = "pim-service";
    public static final List<String> SERVICES = List.of(CATALOG, REQUEST, PROVISIONING, PIM);
    /**
     * The demo administrator the README's examples sign tokens for: pim-service makes them the first
     * Global Administrator of the local stack (tessera.authorization.bootstrap-administrators,
     * docs/operations.md "The first administrator").
     */
    public static final String DEMO_ADMINISTRATOR = "00000000-0000-0000-0000-0000000000a1";
    public static final List<String> TOPICS = List.of("tessera.catalog.events", "tessera.assignment.events",
            "tessera.delivery.events", "tessera.directory.events", "tessera.pim.commands", "tessera.pim.events");
    /** Compacted topics (latest record per key), without dead-letter topics: every service reads them whole. */
    public static final List<String> COMPACTED_TOPICS = List.of("tessera.pim.roles");

    private final Builder config;
    /** Each service's replicas, replica 0 first. */
    private final Map<String, List<ServiceProcess>> services = new LinkedHashMap<>();
    /** With more than one replica: the balancer each service's peers call it through. */
    private final List<Gateway> peerBalancers = new ArrayList<>();
    private final Map<String, Integer> peerPorts = new LinkedHashMap<>();
    private EmbeddedPg pg;
    /** The broker inside this JVM, or null when it runs as {@link #kafkaProcess}. */
    private EmbeddedKafka kafka;
    /** The broker as a child JVM ({@link Builder#kafkaProcess(boolean)}), or null. */
    private KafkaProcess kafkaProcess;
    private Gateway gateway;
    /** The stack's SMTP server and its page of received mails. */
    private MailCatcher mail;
    private DevKeys keys;
    private int gatewayPort;
    private boolean closed;

    private LocalStack(Builder config) {
        this.config = config;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** How long the service token minted at start stays valid: longer than a stack usually runs. */
    static final Duration SERVICE_TOKEN_TTL = Duration.ofDays(30);

    /** The local stack's Kafka port (README). */
    public static final int DEFAULT_KAFKA_PORT = 19092;

    /** Settings. Defaults are the dev stack's fixed ports; a port of 0 means "pick a free one". */
    public static final class Builder {

        Path projectRoot = Path.of("").toAbsolutePath();
        Path dataDir;
        int gatewayPort = 8080;
        final Map<String, Integer> servicePorts = new LinkedHashMap<>();
        int pgPort = 15432;
        int kafkaPort = DEFAULT_KAFKA_PORT;
        int kafkaControllerPort = 19093;
        /** The stack's SMTP server and the page listing what it received (MailCatcher). */
        int mailPort = 11025;
        int mailPagePort = 18025;
        Duration readyTimeout = Duration.ofSeconds(120);
        int replicas = 1;
        boolean kafkaProcess;
        final Map<String, String> serviceProperties = new LinkedHashMap<>();

        private Builder() {
            basePort(8080);
        }

        /** The folder holding the services' {@code target/quarkus-app/quarkus-run.jar}. */
        public Builder projectRoot(Path root) {
            this.projectRoot = root.toAbsolutePath().normalize();
            return this;
        }

        /** Keys, data, logs and pid files; defaults to {@code <projectRoot>/.tessera}. */
        public Builder dataDir(Path dir) {
            this.dataDir = dir.toAbsolutePath().normalize();
            return this;
        }

        public Builder gatewayPort(int port) {
            this.gatewayPort = port;
            return this;
        }

        /** The gateway on {@code port}, catalog, request, provisioning and pim on the four ports after it. */
        public Builder basePort(int port) {
            gatewayPort = port;
            for (int i = 0; i < SERVICES.size(); i++) {
                servicePorts.put(SERVICES.get(i), port == 0 ? 0 : port + 1 + i);
            }
            return this;
        }

        public Builder servicePort(String service, int port) {
            requireService(service);
            servicePorts.put(service, port);
            return this;
        }

        public Builder servicePorts(Map<String, Integer> ports) {
            ports.forEach(this::servicePort);
            return this;
        }

        public Builder pgPort(int port) {
            this.pgPort = port;
            return this;
        }

        public Builder kafkaPort(int port) {
            this.kafkaPort = port;
            return this;
        }

        public Builder kafkaControllerPort(int port) {
            this.kafkaControllerPort = port;
            return this;
        }

        public Builder kafkaPorts(int broker, int controller) {
            return kafkaPort(broker).kafkaControllerPort(controller);
        }

        /**
         * Whether the Kafka broker runs as a child JVM of its own instead of inside this one (the
         * default): then {@link LocalStack#killKafka()} can {@code kill -9} it, as the fault drill does.
         */
        public Builder kafkaProcess(boolean childProcess) {
            this.kafkaProcess = childProcess;
            return this;
        }

        /** Every port picked free: for tests that must not collide with a running dev stack. */
        public Builder freePorts() {
            return basePort(0).pgPort(0).kafkaPorts(0, 0).mailPorts(0, 0);
        }

        /** The stack's SMTP port and the port of its page of received mails (0: a free one). */
        public Builder mailPorts(int smtp, int page) {
            this.mailPort = smtp;
            this.mailPagePort = page;
            return this;
        }

        /**
         * How many processes of every service (1 to 9): each on its own port, all on the same database
         * and in the same Kafka consumer groups. The gateway balances between them and skips a replica
         * that is down; the services call each other through a balancer per service that does the same.
         * With fixed ports, replica r (from 0) of a service listens on its port + 10 × r.
         */
        public Builder replicas(int count) {
            if (count < 1 || count > 9) {
                throw new IllegalArgumentException("replicas must be 1 to 9, not " + count);
            }
            this.replicas = count;
            return this;
        }

        /** The port of replica {@code replica} (from 0) of a service; 0 = a free one. */
        int replicaPort(String service, int replica) {
            int port = servicePorts.get(service);
            return port == 0 ? 0 : port + 10 * replica;
        }

        /** How long each service may take to answer {@code /q/health/ready} with 200. */
        public Builder readyTimeout(Duration timeout) {
            this.readyTimeout = timeout;
            return this;
        }

        /**
         * A configuration property every service is started with, over the stack's own (e.g. the end-to-end
         * tests raise {@code tessera.throttle.*} so a load from one token is never throttled).
         */
        public Builder serviceProperty(String key, String value) {
            serviceProperties.put(key, value);
            return this;
        }

        /** The stack, not started yet: lets a caller register a shutdown hook before starting. */
        public LocalStack build() {
            if (dataDir == null) {
                dataDir = projectRoot.resolve(".tessera");
            }
            return new LocalStack(this);
        }

        /** Builds and starts; on failure everything already started is stopped again. */
        public LocalStack start() throws Exception {
            return build().start();
        }
    }

    /**
     * Starts everything and waits until every service is ready. On failure (or when {@link #close()}
     * is called meanwhile, e.g. by a shutdown hook on Ctrl-C) whatever did start is stopped.
     */
    public LocalStack start() throws Exception {
        try {
            startAll();
            return this;
        } catch (Exception | Error e) {
            close();
            throw e;
        }
    }

    private void startAll() throws Exception {
        Files.createDirectories(dataDir());
        Reaper.reapLeftovers(runDir(), pgDataDir());
        keys = DevKeys.loadOrCreate(dataDir().resolve("keys"));
        // Known before the services start: each is told the gateway's URL as its public base URL.
        gatewayPort = config.gatewayPort == 0 ? Ports.free() : config.gatewayPort;
        startInfra();
        MailCatcher startedMail = MailCatcher.start(config.mailPort, config.mailPagePort);
        adopt(() -> mail = startedMail, startedMail);
        Map<String, List<ServiceProcess>> created = new LinkedHashMap<>();
        for (String name : SERVICES) {
            List<ServiceProcess> replicas = new ArrayList<>();
            for (int r = 0; r < config.replicas; r++) {
                int port = config.replicaPort(name, r);
                String suffix = r == 0 ? "" : "-" + (r + 1);
                replicas.add(new ServiceProcess(replicaName(name, r), jar(name), port == 0 ? Ports.free() : port,
                        properties(name), dataDir().resolve("logs").resolve(name + suffix + ".log"),
                        runDir().resolve(name + suffix + ".pid")));
            }
            created.put(name, replicas);
        }
        synchronized (this) {
            // Registered before any starts, so a concurrent close() retires every one of them.
            ensureOpen();
            services.putAll(created);
        }
        if (config.replicas > 1) {
            for (String name : SERVICES) {
                Gateway balancer = Gateway.balancer(0, ports(name));
                adopt(() -> peerBalancers.add(balancer), balancer);
                peerPorts.put(name, balancer.port());
            }
        } else {
            SERVICES.forEach(name -> peerPorts.put(name, ports(name).get(0)));
        }
        processes().forEach(this::configureClients);
        // Each service's identity for its calls to the others (and the only token /internal accepts),
        // minted with this stack's key at every start (so never stale, never on disk).
        services.forEach((name, replicas) -> replicas.forEach(service -> service.environment()
                .put(ServiceIdentity.TOKEN_ENV, tokenMinter().serviceToken(name, SERVICE_TOKEN_TTL))));
        for (ServiceProcess service : processes()) {
            service.start();
        }
        Map<String, List<Integer>> backends = new LinkedHashMap<>();
        SERVICES.forEach(name -> backends.put(name, ports(name)));
        Gateway startedGateway = Gateway.startReplicated(gatewayPort, backends);
        adopt(() -> gateway = startedGateway, startedGateway);
        // All start at once; waiting one after the other costs no more than the slowest.
        for (ServiceProcess service : processes()) {
            service.awaitReady(config.readyTimeout);
        }
    }

    /** catalog-service, catalog-service#2, ... */
    static String replicaName(String service, int replica) {
        return replica == 0 ? service : service + "#" + (replica + 1);
    }

    private List<ServiceProcess> processes() {
        return services.values().stream().flatMap(List::stream).toList();
    }

    private List<Integer> ports(String name) {
        return services.get(name).stream().map(ServiceProcess::port).toList();
    }

    /** PostgreSQL and Kafka in parallel: each takes a few seconds. */
    private void startInfra() throws Exception {
        CompletableFuture<EmbeddedPg> database = CompletableFuture.supplyAsync(this::startPg);
        CompletableFuture<AutoCloseable> broker = CompletableFuture.supplyAsync(this::startKafka);
        try {
            CompletableFuture.allOf(database, broker).join();
        } catch (CompletionException e) {
            // Stop whichever of the two did start before giving up.
            database.thenAccept(EmbeddedPg::close);
            broker.thenAccept(started -> quietly("Kafka", () -> closeBroker(started)));
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        }
        EmbeddedPg startedPg = database.join();
        AutoCloseable startedKafka = broker.join();
        adopt(() -> {
            pg = startedPg;
            if (startedKafka instanceof KafkaProcess child) {
                kafkaProcess = child;
            } else {
                kafka = (EmbeddedKafka) startedKafka;
            }
        }, startedKafka, startedPg);
    }

    /** Keeps started parts, unless close() ran meanwhile: then they are stopped at once. */
    private void adopt(Runnable keep, AutoCloseable... started) throws Exception {
        synchronized (this) {
            if (!closed) {
                keep.run();
                return;
            }
        }
        for (AutoCloseable part : started) {
            part.close();
        }
        ensureOpen();
    }

    private EmbeddedPg startPg() {
        try {
            EmbeddedPg started = new EmbeddedPg(pgDataDir(), config.pgPort, true).start();
            for (String name : SERVICES) {
                started.ensureDatabase(database(name));
            }
            return started;
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("PostgreSQL did not start on port " + config.pgPort + ": " + e.getMessage(), e);
        }
    }

    /** The broker, an {@link EmbeddedKafka} or a {@link KafkaProcess}, with the stack's topics. */
    private AutoCloseable startKafka() {
        Path kafkaData = dataDir().resolve("data").resolve("kafka");
        try {
            if (config.kafkaProcess) {
                KafkaProcess started = new KafkaProcess(kafkaData,
                        config.kafkaPort == 0 ? Ports.free() : config.kafkaPort,
                        config.kafkaControllerPort == 0 ? Ports.free() : config.kafkaControllerPort,
                        dataDir().resolve("logs").resolve("kafka.log"), runDir().resolve(KAFKA_PID_FILE));
                started.start(KAFKA_READY_TIMEOUT);
                try {
                    EmbeddedKafka.createTopics(started.bootstrapServers(), allTopics(), 3);
                    EmbeddedKafka.createCompactedTopics(started.bootstrapServers(), COMPACTED_TOPICS, 3);
                } catch (RuntimeException e) {
                    started.close();
                    throw e;
                }
                return started;
            }
            EmbeddedKafka started = new EmbeddedKafka(kafkaData, config.kafkaPort, config.kafkaControllerPort).start();
            started.createTopics(allTopics(), 3);
            EmbeddedKafka.createCompactedTopics(started.bootstrapServers(), COMPACTED_TOPICS, 3);
            return started;
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("Kafka did not start on port " + config.kafkaPort + ": " + e.getMessage(), e);
        }
    }

    /** The pid file of a broker running as a child JVM, in the run folder. */
    static final String KAFKA_PID_FILE = "kafka.pid";

    /** How long a broker child JVM may take to answer (a restart after kill -9 recovers its log first). */
    static final Duration KAFKA_READY_TIMEOUT = Duration.ofSeconds(90);

    private static void closeBroker(AutoCloseable broker) {
        try {
            broker.close();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Every topic and its dead-letter topic. */
    static List<String> allTopics() {
        List<String> topics = new ArrayList<>(TOPICS);
        TOPICS.forEach(t -> topics.add(t + ".dlq"));
        return topics;
    }

    private Map<String, String> properties(String name) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("quarkus.http.host", "127.0.0.1");
        props.put("quarkus.datasource.reactive.url", pg.reactiveUrl(database(name)));
        props.put("quarkus.datasource.jdbc.url", pg.jdbcUrl(database(name)));
        props.put("quarkus.datasource.username", pg.username());
        props.put("quarkus.datasource.password", pg.password());
        props.put("kafka.bootstrap.servers", kafkaBootstrap());
        props.put("mp.jwt.verify.publickey.location", keys.publicKeyPath().toString());
        props.put("mp.jwt.verify.issuer", TokenMinter.DEFAULT_ISSUER);
        // The stack's dev token minter (./tessera token --role …) is the operator's tool: its wids count,
        // beside Tessera's own role state (docs/pim.md, "Where a caller's roles come from").
        props.put("tessera.authorization.token-directory-roles", "trusted");
        // Links (@odata.context, nextLink, Location) name the gateway, never a client's Host or forwarded header.
        props.put("tessera.public-base-url", publicBaseUrl());
        if (PIM.equals(name)) {
            props.put("tessera.authorization.bootstrap-administrators", DEMO_ADMINISTRATOR);
        }
        if (REQUEST.equals(name)) {
            // custom extension calls are signed with the stack's own key (docs/custom-extensions.md)
            props.put("tessera.custom-extensions.signing-secret", customExtensionSigningSecret());
        }
        // Email notifications go to the stack's own SMTP server (docs/notifications.md), links to the gateway.
        props.put("tessera.notifications.enabled", "true");
        props.put("tessera.notifications.base-url", publicBaseUrl());
        props.put("quarkus.mailer.mock", "false");
        props.put("quarkus.mailer.host", "127.0.0.1");
        props.put("quarkus.mailer.port", Integer.toString(mail.smtpPort()));
        props.put("quarkus.mailer.from", "tessera@tessera.local");
        props.putAll(config.serviceProperties);
        return props;
    }

    /** Ports are known only once every service has one, so clients are wired in a second pass. */
    private void configureClients(ServiceProcess service) {
        Map<String, String> props = service.properties();
        props.put("quarkus.http.port", Integer.toString(service.port()));
        props.put("quarkus.rest-client.catalog.url", "http://127.0.0.1:" + peerPorts.get(CATALOG));
        props.put("quarkus.rest-client.directory.url", "http://127.0.0.1:" + peerPorts.get(PROVISIONING));
        props.put("quarkus.rest-client.pim.url", "http://127.0.0.1:" + peerPorts.get(PIM));
        props.put("quarkus.rest-client.request.url", "http://127.0.0.1:" + peerPorts.get(REQUEST));
    }

    /** catalog-service → database "catalog". */
    static String database(String service) {
        return service.substring(0, service.indexOf('-'));
    }

    private Path jar(String service) {
        return config.projectRoot.resolve(service).resolve("target").resolve("quarkus-app").resolve("quarkus-run.jar");
    }

    private synchronized void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("The stack was stopped while starting");
        }
    }

    private static void requireService(String name) {
        if (!SERVICES.contains(name)) {
            throw new IllegalArgumentException("Unknown service '" + name + "'; services: " + SERVICES);
        }
    }

    Path dataDir() {
        return config.dataDir;
    }

    Path runDir() {
        return dataDir().resolve("run");
    }

    private Path pgDataDir() {
        return dataDir().resolve("data").resolve("pg");
    }

    /** The Graph base URL is {@code gatewayUrl() + "/v1.0"}. */
    public String gatewayUrl() {
        return "http://localhost:" + gatewayPort();
    }

    /** What every service puts in front of its links: the gateway's URL. */
    String publicBaseUrl() {
        return "http://localhost:" + gatewayPort;
    }

    /** The stack's SMTP server: what every service has sent. */
    public synchronized MailCatcher mail() {
        return mail;
    }

    public synchronized int gatewayPort() {
        return gateway.port();
    }

    public String serviceUrl(String name) {
        return "http://127.0.0.1:" + servicePort(name);
    }

    /** The port of the service's first replica. */
    public int servicePort(String name) {
        return servicePort(name, 0);
    }

    /** The port of replica {@code replica} (from 0) of the service. */
    public int servicePort(String name, int replica) {
        return replica(name, replica).port();
    }

    /** How many replicas each service runs. */
    public int replicas() {
        return config.replicas;
    }

    public int pgPort() {
        return pg.port();
    }

    public String jdbcUrl(String service) {
        return pg.jdbcUrl(database(service));
    }

    public synchronized String kafkaBootstrap() {
        return kafkaProcess != null ? kafkaProcess.bootstrapServers() : kafka.bootstrapServers();
    }

    /** Whether the broker runs as a child JVM ({@link Builder#kafkaProcess(boolean)}), which {@link #killKafka()} can kill. */
    public synchronized boolean kafkaRunsAsProcess() {
        return kafkaProcess != null;
    }

    /** The pid of the broker's JVM while it runs as a child process, else empty. */
    public synchronized java.util.OptionalLong kafkaPid() {
        return kafkaProcess == null ? java.util.OptionalLong.empty() : kafkaProcess.pid();
    }

    /**
     * The resident memory (now and peak, {@link ProcessMemory}) of each running service JVM, by replica name
     * ({@code catalog-service}, or {@code catalog-service-2}… with replicas), in the order of {@link #SERVICES}.
     * Services that are not running, or a system without {@code /proc}, are left out.
     */
    public Map<String, ProcessMemory> serviceMemory() {
        Map<String, ProcessMemory> memory = new LinkedHashMap<>();
        List<ServiceProcess> all = new ArrayList<>();
        synchronized (this) {
            services.values().forEach(all::addAll);
        }
        for (ServiceProcess service : all) {
            service.pid().ifPresent(pid -> ProcessMemory.of(pid).ifPresent(m -> memory.put(service.name(), m)));
        }
        return memory;
    }

    public Path logFile(String service) {
        requireService(service);
        return services.get(service).get(0).log();
    }

    /** The embedded PostgreSQL's data directory (its postmaster.pid names the server's process). */
    public Path pgDataDirectory() {
        return pgDataDir();
    }

    /** Where the stack keeps keys, data and logs. */
    public Path dataDirectory() {
        return dataDir();
    }

    /**
     * The key request-service signs custom extension calls with: generated once per data directory
     * ({@code keys/custom-extension-signing-secret}, readable by the owner only), so a receiver can verify.
     */
    public String customExtensionSigningSecret() {
        Path file = dataDir().resolve("keys").resolve("custom-extension-signing-secret");
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                byte[] random = new byte[32];
                new java.security.SecureRandom().nextBytes(random);
                Files.writeString(file, java.util.HexFormat.of().formatHex(random));
                try {
                    Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException e) {
                    // not a POSIX file system: the data directory's own permissions protect it
                }
            }
            return Files.readString(file).trim();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("Cannot read or create " + file, e);
        }
    }

    /** Mints tokens the services accept (signed with this stack's key). */
    public TokenMinter tokenMinter() {
        return new TokenMinter(keys);
    }

    /** Stops one service, every replica of it: gracefully (SIGTERM), or with SIGKILL to simulate a crash. */
    public void stopService(String name, boolean kill) {
        requireService(name);
        services.get(name).forEach(replica -> replica.stop(kill));
    }

    /** Stops one replica (from 0) of a service: gracefully (SIGTERM), or with SIGKILL to simulate a crash. */
    public void stopReplica(String name, int replica, boolean kill) {
        replica(name, replica).stop(kill);
    }

    /**
     * A crash of PostgreSQL: {@code kill -9} of the postmaster (its pid from {@code postmaster.pid}), then
     * waits until it and its backends are gone. {@link #startPostgres()} brings it back on the same port
     * and data (PostgreSQL replays its write-ahead log).
     */
    public void killPostgres() throws IOException {
        EmbeddedPg running;
        synchronized (this) {
            running = pg;
        }
        Path pidFile = pgDataDir().resolve("postmaster.pid");
        long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
        ProcessHandle.of(pid).ifPresent(postmaster -> {
            List<ProcessHandle> backends = postmaster.descendants().toList();
            postmaster.destroyForcibly();
            postmaster.onExit().orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).join();
            // Backends leave by themselves once the postmaster is gone; a new postmaster refuses to
            // start while one still holds the old shared memory.
            backends.forEach(backend -> backend.onExit().orTimeout(30, java.util.concurrent.TimeUnit.SECONDS)
                    .exceptionally(e -> {
                        backend.destroyForcibly();
                        return backend;
                    }).join());
        });
        try {
            // zonky's own stop finds no server; what matters is that it forgets the dead one
            running.close();
        } catch (RuntimeException e) {
            // "no server running": expected after the kill
        }
    }

    /** Starts PostgreSQL again after {@link #killPostgres()}, on the same port and data directory. */
    public void startPostgres() throws IOException {
        EmbeddedPg running;
        synchronized (this) {
            ensureOpen();
            running = pg;
        }
        running.start();
    }

    /**
     * Stops the Kafka broker cleanly (its shutdown; SIGTERM when it runs as a child JVM): the broker is
     * gone until {@link #restartKafka()} brings it back on the same port with its data (topics, offsets).
     */
    public void stopKafka() {
        EmbeddedKafka inProcess;
        KafkaProcess child;
        synchronized (this) {
            inProcess = kafka;
            child = kafkaProcess;
        }
        if (child != null) {
            child.stop(false);
        } else {
            inProcess.close();
        }
    }

    /**
     * A crash of the broker: {@code kill -9} of its JVM, then waits until it is gone. Only for a broker
     * running as a child process ({@link Builder#kafkaProcess(boolean)}): one inside this JVM cannot be
     * killed without the launcher. {@link #restartKafka()} brings it back on the same ports and data
     * (KRaft recovers its log).
     */
    public void killKafka() {
        KafkaProcess child;
        synchronized (this) {
            child = kafkaProcess;
        }
        if (child == null) {
            throw new IllegalStateException("Kafka runs inside this JVM: start the stack with kafkaProcess(true) to kill it");
        }
        child.stop(true);
    }

    /** Starts the broker again after {@link #stopKafka()} or {@link #killKafka()} and waits until it answers. */
    public void restartKafka() throws IOException {
        EmbeddedKafka inProcess;
        KafkaProcess child;
        synchronized (this) {
            ensureOpen();
            inProcess = kafka;
            child = kafkaProcess;
        }
        if (child != null) {
            child.start(KAFKA_READY_TIMEOUT);
        } else {
            inProcess.start();
        }
    }

    /** Starts a stopped replica again on its port and waits until it is ready. */
    public void startReplica(String name, int replica) throws IOException {
        ensureOpen();
        ServiceProcess process = replica(name, replica);
        process.start();
        process.awaitReady(config.readyTimeout);
    }

    /** Starts replica {@code replica} of each of {@code names} again, all at once, and waits until all are ready. */
    public void startReplicas(List<String> names, int replica) throws IOException {
        ensureOpen();
        List<ServiceProcess> started = new java.util.ArrayList<>();
        for (String name : names) {
            ServiceProcess process = replica(name, replica);
            process.start();
            started.add(process);
        }
        for (ServiceProcess process : started) {
            process.awaitReady(config.readyTimeout);
        }
    }

    private ServiceProcess replica(String name, int replica) {
        requireService(name);
        List<ServiceProcess> replicas = services.get(name);
        if (replica < 0 || replica >= replicas.size()) {
            throw new IllegalArgumentException(name + " has " + replicas.size() + " replica(s), no replica " + replica);
        }
        return replicas.get(replica);
    }

    /** Starts a stopped service again on the same port and waits until it is ready. */
    public void startService(String name) throws IOException {
        startService(name, Map.of());
    }

    /**
     * Starts a stopped service again with extra system properties for this run only, e.g.
     * {@code Map.of("tessera.clock.offset", "PT2H")} to bring its durable timers due (docs/operations.md);
     * the next {@link #startService(String)} starts it with its usual configuration. Refused for a
     * service that is still running: stop it first.
     */
    public void startService(String name, Map<String, String> properties) throws IOException {
        requireService(name);
        ensureOpen();
        for (ServiceProcess service : services.get(name)) {
            service.start(properties);
        }
        for (ServiceProcess service : services.get(name)) {
            service.awaitReady(config.readyTimeout);
        }
    }

    /**
     * Stops the gateway, the services (in parallel, gracefully), Kafka and PostgreSQL. Safe to call
     * twice, from a shutdown hook, and while {@link #start()} is still running.
     */
    @Override
    public void close() {
        Gateway stoppingGateway;
        MailCatcher stoppingMail;
        EmbeddedKafka stoppingKafka;
        KafkaProcess stoppingKafkaProcess;
        EmbeddedPg stoppingPg;
        List<ServiceProcess> stoppingServices;
        List<Gateway> stoppingBalancers;
        synchronized (this) {
            closed = true;
            stoppingGateway = gateway;
            stoppingMail = mail;
            mail = null;
            stoppingKafka = kafka;
            stoppingKafkaProcess = kafkaProcess;
            stoppingPg = pg;
            stoppingServices = processes();
            stoppingBalancers = List.copyOf(peerBalancers);
            gateway = null;
            kafka = null;
            kafkaProcess = null;
            pg = null;
        }
        // Each step on its own: one failing must not leave the others running.
        quietly("the gateway", () -> {
            if (stoppingGateway != null) {
                stoppingGateway.close();
            }
        });
        stoppingBalancers.forEach(balancer -> quietly("a peer balancer", balancer::close));
        List<CompletableFuture<Void>> stops = new ArrayList<>();
        for (ServiceProcess service : stoppingServices) {
            stops.add(CompletableFuture.runAsync(service::retire));
        }
        stops.forEach(stop -> quietly("a service", stop::join));
        quietly("the mail server", () -> {
            if (stoppingMail != null) {
                stoppingMail.close();
            }
        });
        quietly("Kafka", () -> {
            if (stoppingKafka != null) {
                stoppingKafka.close();
            }
            if (stoppingKafkaProcess != null) {
                stoppingKafkaProcess.close();
            }
        });
        quietly("PostgreSQL", () -> {
            if (stoppingPg != null) {
                stoppingPg.close();
            }
        });
    }

    private static void quietly(String what, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            System.err.println("Could not stop " + what + ": " + e.getMessage());
        }
    }
}
