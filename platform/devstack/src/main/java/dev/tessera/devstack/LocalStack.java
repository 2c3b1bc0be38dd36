package dev.tessera.devstack;

import dev.tessera.infra.DevKeys;
import dev.tessera.infra.EmbeddedKafka;
import dev.tessera.infra.EmbeddedPg;
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

/**
 * Kafka, PostgreSQL, the four services and the gateway on localhost: what {@code ./tessera up}
 * runs, and what the end-to-end tests start with their own ports and a temporary data folder.
 */
public final class LocalStack implements AutoCloseable {

    public static final String CATALOG = "catalog-service";
    public static final String REQUEST = "request-service";
    public static final String PROVISIONING = "provisioning-service";
    public static final String PIM = "pim-service";
    public static final List<String> SERVICES = List.of(CATALOG, REQUEST, PROVISIONING, PIM);
    static final List<String> TOPICS = List.of("tessera.catalog.events", "tessera.assignment.events",
            "tessera.delivery.events", "tessera.directory.events", "tessera.pim.commands", "tessera.pim.events");

    private final Builder config;
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private EmbeddedPg pg;
    private EmbeddedKafka kafka;
    private Gateway gateway;
    private DevKeys keys;

    private LocalStack(Builder config) {
        this.config = config;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Settings; ports of 0 mean "pick a free one". */
    public static final class Builder {

        Path projectRoot = Path.of("").toAbsolutePath();
        Path dataDir;
        int gatewayPort = 8080;
        Map<String, Integer> servicePorts = new LinkedHashMap<>(Map.of(CATALOG, 8081, REQUEST, 8082, PROVISIONING, 8083,
                PIM, 8084));
        int pgPort = 15432;
        int kafkaPort = 19092;
        int kafkaControllerPort = 19093;
        Duration readyTimeout = Duration.ofSeconds(180);

        public Builder projectRoot(Path root) {
            this.projectRoot = root.toAbsolutePath().normalize();
            return this;
        }

        public Builder dataDir(Path dir) {
            this.dataDir = dir.toAbsolutePath().normalize();
            return this;
        }

        public Builder gatewayPort(int port) {
            this.gatewayPort = port;
            return this;
        }

        public Builder servicePort(String service, int port) {
            servicePorts.put(service, port);
            return this;
        }

        /** Every port picked free: for tests that must not collide with a running dev stack. */
        public Builder freePorts() {
            gatewayPort = 0;
            SERVICES.forEach(s -> servicePorts.put(s, 0));
            pgPort = 0;
            kafkaPort = 0;
            kafkaControllerPort = 0;
            return this;
        }

        public Builder pgPort(int port) {
            this.pgPort = port;
            return this;
        }

        public Builder kafkaPorts(int broker, int controller) {
            this.kafkaPort = broker;
            this.kafkaControllerPort = controller;
            return this;
        }

        public Builder readyTimeout(Duration timeout) {
            this.readyTimeout = timeout;
            return this;
        }

        public LocalStack start() throws Exception {
            if (dataDir == null) {
                dataDir = projectRoot.resolve(".tessera");
            }
            LocalStack stack = new LocalStack(this);
            try {
                stack.startAll();
            } catch (Exception | Error e) {
                stack.close();
                throw e;
            }
            return stack;
        }
    }

    private void startAll() throws Exception {
        Files.createDirectories(dataDir());
        Reaper.reapLeftovers(runDir(), dataDir().resolve("data").resolve("pg"));
        keys = DevKeys.loadOrCreate(dataDir().resolve("keys"));
        CompletableFuture<EmbeddedPg> database = CompletableFuture.supplyAsync(this::startPg);
        CompletableFuture<EmbeddedKafka> broker = CompletableFuture.supplyAsync(this::startKafka);
        try {
            pg = database.join();
            kafka = broker.join();
        } catch (java.util.concurrent.CompletionException e) {
            // Stop whichever of the two did start before giving up.
            database.thenAccept(EmbeddedPg::close);
            broker.thenAccept(EmbeddedKafka::close);
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        }
        for (String name : SERVICES) {
            int port = config.servicePorts.get(name);
            ServiceProcess service = new ServiceProcess(name, jar(name), port == 0 ? freePort() : port,
                    properties(name), dataDir().resolve("logs").resolve(name + ".log"),
                    runDir().resolve(name + ".pid"));
            services.put(name, service);
        }
        for (ServiceProcess service : services.values()) {
            configureClients(service);
        }
        for (ServiceProcess service : services.values()) {
            service.start();
        }
        Map<String, Integer> backends = new LinkedHashMap<>();
        services.forEach((name, service) -> backends.put(name, service.port()));
        gateway = Gateway.start(config.gatewayPort, backends);
        for (ServiceProcess service : services.values()) {
            service.awaitReady(config.readyTimeout);
        }
    }

    private EmbeddedPg startPg() {
        try {
            EmbeddedPg started = new EmbeddedPg(dataDir().resolve("data").resolve("pg"), config.pgPort, true).start();
            for (String name : SERVICES) {
                started.ensureDatabase(database(name));
            }
            return started;
        } catch (IOException e) {
            throw new IllegalStateException("PostgreSQL did not start", e);
        }
    }

    private EmbeddedKafka startKafka() {
        try {
            EmbeddedKafka started = new EmbeddedKafka(dataDir().resolve("data").resolve("kafka"), config.kafkaPort,
                    config.kafkaControllerPort).start();
            List<String> topics = new ArrayList<>(TOPICS);
            TOPICS.forEach(t -> topics.add(t + ".dlq"));
            started.createTopics(topics, 3);
            return started;
        } catch (IOException e) {
            throw new IllegalStateException("Kafka did not start", e);
        }
    }

    private Map<String, String> properties(String name) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("quarkus.http.host", "127.0.0.1");
        props.put("quarkus.datasource.reactive.url", pg.reactiveUrl(database(name)));
        props.put("quarkus.datasource.jdbc.url", pg.jdbcUrl(database(name)));
        props.put("quarkus.datasource.username", EmbeddedPg.USER);
        props.put("quarkus.datasource.password", EmbeddedPg.PASSWORD);
        props.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        props.put("mp.jwt.verify.publickey.location", keys.publicKeyPath().toString());
        props.put("mp.jwt.verify.issuer", TokenMinter.DEFAULT_ISSUER);
        return props;
    }

    /** Ports are known only once every service has one, so clients are wired in a second pass. */
    private void configureClients(ServiceProcess service) {
        Map<String, String> props = service.properties();
        props.put("quarkus.http.port", Integer.toString(service.port()));
        props.put("quarkus.rest-client.catalog.url", "http://127.0.0.1:" + services.get(CATALOG).port());
        props.put("quarkus.rest-client.directory.url", "http://127.0.0.1:" + services.get(PROVISIONING).port());
        props.put("quarkus.rest-client.pim.url", "http://127.0.0.1:" + services.get(PIM).port());
    }

    static String database(String service) {
        return service.substring(0, service.indexOf('-'));
    }

    private Path jar(String service) {
        return config.projectRoot.resolve(service).resolve("target").resolve("quarkus-app").resolve("quarkus-run.jar");
    }

    Path dataDir() {
        return config.dataDir;
    }

    Path runDir() {
        return dataDir().resolve("run");
    }

    public String gatewayUrl() {
        return "http://localhost:" + gateway.port();
    }

    public int servicePort(String name) {
        return services.get(name).port();
    }

    public int pgPort() {
        return pg.port();
    }

    public String kafkaBootstrap() {
        return kafka.bootstrapServers();
    }

    public Path logFile(String service) {
        return services.get(service).log();
    }

    public TokenMinter tokenMinter() {
        return new TokenMinter(keys);
    }

    /** Stops one service: gracefully, or with SIGKILL to simulate a crash. */
    public void stopService(String name, boolean kill) {
        services.get(name).stop(kill);
    }

    /** Starts a stopped service again on the same port and waits until it is ready. */
    public void startService(String name) throws IOException {
        ServiceProcess service = services.get(name);
        service.start();
        service.awaitReady(config.readyTimeout);
    }

    @Override
    public void close() {
        if (gateway != null) {
            gateway.close();
            gateway = null;
        }
        List<CompletableFuture<Void>> stops = new ArrayList<>();
        for (ServiceProcess service : services.values()) {
            stops.add(CompletableFuture.runAsync(() -> service.stop(false)));
        }
        stops.forEach(CompletableFuture::join);
        if (kafka != null) {
            kafka.close();
            kafka = null;
        }
        if (pg != null) {
            pg.close();
            pg = null;
        }
    }

    static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
